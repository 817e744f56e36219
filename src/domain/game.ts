import { battleEvent, type BattleEvent } from "./battle-event";
import type { Dice } from "./dice.port";
import { DomainError, GameOverError } from "./domain-error";
import { DwemthyArray } from "./dwemthy-array";
import type { GameChange, MonsterFieldsChange } from "./game-change";
import type { MonsterSpec, MonsterState } from "./monster";
import { validateMonsterPatch, validateMonsters, type MonsterPatch } from "./monster-validation";
import { Rabbit, STARTING_RABBIT, type RabbitState } from "./rabbit";
import { BOMB_BONUS, BOOMERANG_BONUS, LETTUCE_BONUS, type Weapon } from "./weapon";

/** Whether the battle goes on; a dead rabbit is not the end (lettuce revives it). */
export type GameStatus = "IN_PROGRESS" | "VICTORY";

/** A game as plain data: what a store keeps between turns. */
export interface GameState {
  id: string;
  status: GameStatus;
  /** Turns played: 0 right after the start, +1 per attack. */
  turn: number;
  /** Bumped by every committed change; a commit names the version it was computed from. */
  version: number;
  /** The dice's saved state, see {@link Dice.save}. */
  dice: string;
  /** Hash of the player's token, never the token itself. */
  tokenHash: string;
  rabbit: RabbitState;
  /** Monsters still in the array, front first; the front one is the current monster. */
  monsters: MonsterState[];
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Milliseconds since the epoch. */
  updatedAt: number;
}

/** One turn as played: its events, in order, and what it changed. */
export interface PlayedTurn {
  events: BattleEvent[];
  change: GameChange;
}

/** A monster as patched, and what the patch changed. */
export interface PatchedMonster {
  monster: MonsterState;
  change: GameChange;
}

/** What it takes to start a game. */
export interface NewGame {
  id: string;
  dice: Dice;
  tokenHash: string;
  /** Defaults to the bestiary at the call site; validated here. */
  monsters: readonly MonsterSpec[];
  now: number;
}

/**
 * The aggregate: the rabbit, the array, the dice, the turn and the status. Every change of a game
 * goes through it, and each change returns the events it caused.
 */
export class Game {
  private constructor(
    readonly id: string,
    private status_: GameStatus,
    private turn_: number,
    private version_: number,
    private readonly dice: Dice,
    readonly tokenHash: string,
    readonly rabbit: Rabbit,
    readonly array: DwemthyArray,
    readonly createdAt: number,
    public updatedAt: number,
  ) {}

  /**
   * Starts a game: the rabbit as in docs/rules.md, the given monsters with ids "1", "2", ... in order,
   * and the first monster emerging at once (turn 0).
   * @throws InvalidMonsterError when the monsters break the bounds.
   */
  static start(params: NewGame): { game: Game; events: BattleEvent[] } {
    validateMonsters(params.monsters);
    const monsters = params.monsters.map((m, i) => ({
      id: String(i + 1),
      name: m.name,
      life: m.life,
      strength: m.strength,
      charisma: m.charisma,
      weapon: m.weapon,
    }));
    const game = new Game(
      params.id,
      "IN_PROGRESS",
      0,
      0,
      params.dice,
      params.tokenHash,
      new Rabbit(STARTING_RABBIT),
      new DwemthyArray(monsters),
      params.now,
      params.now,
    );
    const front = game.array.front!;
    return { game, events: [battleEvent.monsterEmerged(0, front.id, front.name)] };
  }

  /** Brings back a stored game; `dice` is the restored generator of `state.dice`. */
  static restore(state: GameState, dice: Dice): Game {
    return new Game(
      state.id,
      state.status,
      state.turn,
      state.version,
      dice,
      state.tokenHash,
      new Rabbit(state.rabbit),
      new DwemthyArray(state.monsters),
      state.createdAt,
      state.updatedAt,
    );
  }

  get status(): GameStatus {
    return this.status_;
  }

  get turn(): number {
    return this.turn_;
  }

  /** Bumped by each change; {@link toState} after a change carries the version it commits as. */
  get version(): number {
    return this.version_;
  }

  /** The monster being fought; undefined after victory. */
  get currentMonster(): MonsterState | undefined {
    return this.array.front?.toState();
  }

  /**
   * Plays one turn with `weapon` (docs/rules.md, "The rabbit" and "One fight turn") at time `now`, and
   * returns its events in order with what it changed.
   * @throws GameOverError once the array is decimated; the game is then left unchanged.
   */
  attack(weapon: Weapon, now: number = this.updatedAt): PlayedTurn {
    const front = this.array.front;
    if (this.status_ === "VICTORY" || !front) throw new GameOverError(this.id);
    const turn = this.turn_ + 1;
    const events: BattleEvent[] = [];
    const rabbitBefore = { life: this.rabbit.life, bombs: this.rabbit.bombs };
    const frontLifeBefore = front.life;
    const removedMonsterIds: string[] = [];
    switch (weapon) {
      case "BOOMERANG":
        this.fight(turn, weapon, BOOMERANG_BONUS, events, removedMonsterIds);
        break;
      case "SWORD": {
        // Drawn before the turn, from the front monster's life, even if the rabbit is too dead.
        const lastDigit = ((front.life % 10) + 10) % 10;
        const bonus = this.dice.roll(4 + lastDigit * lastDigit);
        this.fight(turn, weapon, bonus, events, removedMonsterIds);
        break;
      }
      case "LETTUCE": {
        const heal = this.dice.roll(this.rabbit.charisma);
        events.push(battleEvent.lettuceEaten(turn, heal));
        this.rabbit.life += heal;
        this.fight(turn, weapon, LETTUCE_BONUS, events, removedMonsterIds);
        break;
      }
      case "BOMB":
        if (this.rabbit.bombs === 0) {
          events.push(battleEvent.bombsRanOut(turn));
        } else {
          this.rabbit.bombs -= 1;
          this.fight(turn, weapon, BOMB_BONUS, events, removedMonsterIds);
        }
        break;
    }
    this.turn_ = turn;
    // Only the front monster is ever hit: it is the one whose life may have changed, if it lives.
    const monsters: MonsterFieldsChange[] =
      removedMonsterIds.length === 0 && this.array.front === front && front.life !== frontLifeBefore
        ? [{ id: front.id, fields: { life: front.life } }]
        : [];
    const rabbit: GameChange["rabbit"] = {};
    if (this.rabbit.life !== rabbitBefore.life) rabbit.life = this.rabbit.life;
    if (this.rabbit.bombs !== rabbitBefore.bombs) rabbit.bombs = this.rabbit.bombs;
    return { events, change: this.changed(now, { removedMonsterIds, monsters, rabbit }) };
  }

  /**
   * Changes some fields of a monster still in the array (the seed's HSET) at time `now`.
   * @throws InvalidMonsterError for a bad patch, DomainError NOT_FOUND for an unknown monster.
   */
  updateMonster(
    monsterId: string,
    patch: MonsterPatch,
    now: number = this.updatedAt,
  ): PatchedMonster {
    validateMonsterPatch(patch);
    const monster = this.array.find(monsterId);
    if (!monster) {
      throw new DomainError(
        "MONSTER_NOT_FOUND",
        `Game ${this.id} has no monster ${monsterId} in its array.`,
        "monsterId",
      );
    }
    const fields: Partial<MonsterSpec> = {};
    if (patch.name != null) monster.name = fields.name = patch.name;
    if (patch.life != null) monster.life = fields.life = patch.life;
    if (patch.strength != null) monster.strength = fields.strength = patch.strength;
    if (patch.charisma != null) monster.charisma = fields.charisma = patch.charisma;
    if (patch.weapon != null) monster.weapon = fields.weapon = patch.weapon;
    const change = this.changed(now, {
      removedMonsterIds: [],
      monsters: [{ id: monsterId, fields }],
      rabbit: {},
    });
    return { monster: monster.toState(), change };
  }

  /** The whole game as plain data, dice state included. */
  toState(): GameState {
    return {
      id: this.id,
      status: this.status_,
      turn: this.turn_,
      version: this.version_,
      dice: this.dice.save(),
      tokenHash: this.tokenHash,
      rabbit: this.rabbit.toState(),
      monsters: this.array.toState(),
      createdAt: this.createdAt,
      updatedAt: this.updatedAt,
    };
  }

  /** The one place a change bumps the version. */
  private changed(
    now: number,
    what: Pick<GameChange, "removedMonsterIds" | "monsters" | "rabbit">,
  ): GameChange {
    const fromVersion = this.version_;
    this.version_ = fromVersion + 1;
    this.updatedAt = now;
    return { fromVersion, toVersion: this.version_, ...what };
  }

  /** One fight turn with attack bonus `bonus` (docs/rules.md, "One fight turn"). */
  private fight(
    turn: number,
    weapon: Weapon,
    bonus: number,
    events: BattleEvent[],
    removedMonsterIds: string[],
  ): void {
    if (!this.rabbit.alive) {
      events.push(battleEvent.rabbitWasTooDeadToFight(turn));
      return;
    }
    // The rabbit's own weapon stat is not used: the bonus replaces it (a quirk kept from the original).
    const hit = this.dice.roll(this.rabbit.strength + bonus);
    const target = this.array.front!;
    events.push(battleEvent.rabbitHitMonster(turn, weapon, target.name, hit));
    events.push(...target.takeHit(hit, this.dice, turn));
    let enemy = target;
    if (!target.alive) {
      removedMonsterIds.push(target.id);
      const next = this.array.removeFront();
      if (!next) {
        events.push(battleEvent.arrayDecimated(turn));
        this.status_ = "VICTORY";
        return;
      }
      events.push(battleEvent.monsterEmerged(turn, next.id, next.name));
      enemy = next;
    }
    if (enemy.alive) {
      const damage = this.dice.roll(enemy.strength + enemy.weapon);
      events.push(battleEvent.monsterHitRabbit(turn, enemy.name, damage));
      events.push(...this.rabbit.takeHit(damage, this.dice, turn));
    }
  }
}
