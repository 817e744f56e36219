import { BESTIARY } from "./bestiary";
import type { BattleEvent } from "./battle-event";
import { BattleBroadcast, type StopWatching, type TurnWatcher } from "./battle-broadcast";
import { snapshotOf } from "./battle-turn";
import type { BattleTurnFeed } from "./battle-turn-feed.port";
import type { Clock } from "./clock.port";
import type { DiceFactory } from "./dice.port";
import { DomainError, gameNotFound, versionConflict } from "./domain-error";
import { Game, type GameState } from "./game";
import type { GameChange } from "./game-change";
import type { CommitOutcome, GameRepository } from "./game-repository.port";
import { NO_GAME_STATE_CACHE, type GameStateCache } from "./game-state-cache.port";
import type { MonsterSpec, MonsterState } from "./monster";
import type { MonsterPatch } from "./monster-validation";
import type { GameIdGenerator } from "./game-id-generator.port";
import {
  NO_GAME_SERVICE_OBSERVER,
  type CommitKind,
  type GameServiceObserver,
} from "./game-service-observer.port";
import type { PlayerTokens } from "./player-tokens.port";
import { INT32_MAX, INT32_MIN } from "./stored-game-validation";
import type { Weapon } from "./weapon";

/** A game's state with the events a use case produced. */
export interface GameAndEvents {
  game: GameState;
  events: BattleEvent[];
}

/** A game's state with the monster a use case changed, as it stands after the change. */
export interface GameAndMonster {
  game: GameState;
  monster: MonsterState;
}

/** A new game, with the player's token (shown once: only its hash is stored). */
export interface StartedGame extends GameAndEvents {
  playerToken: string;
}

/** What a game may start from; both parts are optional. */
export interface StartGameCommand {
  /** A custom array; the bestiary when absent. */
  monsters?: readonly MonsterSpec[];
  /** A 32-bit integer, for a reproducible game; random when absent. */
  seed?: number;
}

/** A change a use case decided on: what to commit, and what to answer once it is committed. */
interface DecidedChange<T> {
  change: GameChange;
  events: BattleEvent[];
  result: T;
}

/** The service's collaborators, all ports. */
export interface GameServiceDeps {
  repository: GameRepository;
  dice: DiceFactory;
  tokens: PlayerTokens;
  ids: GameIdGenerator;
  clock: Clock;
  /** Live turns, for watching a game; without it, watch() refuses. */
  feed?: BattleTurnFeed;
  /** How many times a turn is recomputed after losing a race before CONFLICT; default 8. */
  maxRetries?: number;
  /** Told of commits, lost races and retries (for metrics); by default nobody. */
  observer?: GameServiceObserver;
  /** Told of a bug caught where throwing would harm others (a watcher that threw). */
  reportBug?: (error: unknown) => void;
  /** The games this instance recently served, to change them without a load; by default none. */
  cache?: GameStateCache;
}

// Ids this service hands out are 22 base64url characters and "1".."100"; anything else cannot name a game or
// monster, and must not reach a store key (a "}" would change a Redis hash tag).
const GAME_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The use cases: each loads a game, applies the rules, and commits the result in one conditional
 * write, so a turn is either wholly applied or not at all.
 */
export class GameService {
  private readonly maxRetries: number;
  private readonly observer: GameServiceObserver;
  private readonly broadcast: BattleBroadcast | undefined;
  private readonly cache: GameStateCache;

  constructor(private readonly deps: GameServiceDeps) {
    this.maxRetries = deps.maxRetries ?? 8;
    this.cache = deps.cache ?? NO_GAME_STATE_CACHE;
    this.observer = deps.observer ?? NO_GAME_SERVICE_OBSERVER;
    const { repository } = deps;
    this.broadcast =
      deps.feed &&
      new BattleBroadcast(
        deps.feed,
        {
          game: async (gameId) => {
            const game = await repository.load(gameId);
            return game && snapshotOf(game);
          },
          events: async (gameId, from, to) =>
            (await repository.recentEvents(gameId, Number.MAX_SAFE_INTEGER)).filter(
              (e) => e.turn >= from && e.turn <= to,
            ),
        },
        deps.reportBug,
      );
  }

  /**
   * Starts a game from the bestiary or a custom array, with the given seed or a random one.
   * @throws InvalidMonsterError, DomainError INVALID_SEED.
   */
  async startGame(command: StartGameCommand = {}): Promise<StartedGame> {
    const { seed } = command;
    if (seed !== undefined && (!Number.isInteger(seed) || seed < INT32_MIN || seed > INT32_MAX)) {
      throw new DomainError(
        "INVALID_SEED",
        `seed must be a 32-bit whole number (got ${String(seed)}).`,
        "seed",
      );
    }
    const { token, hash } = this.deps.tokens.issue();
    const { game, events } = Game.start({
      id: this.deps.ids.next(),
      dice: this.deps.dice.fromSeed(seed ?? this.deps.dice.randomSeed()),
      tokenHash: hash,
      monsters: command.monsters ?? BESTIARY,
      now: this.deps.clock.now(),
    });
    const state = game.toState();
    if (!(await this.deps.repository.create(state, events))) {
      // Ids are random and 122 bits long: a clash means the id generator is broken.
      throw new Error(`Game id ${state.id} already exists`);
    }
    return { game: state, events, playerToken: token };
  }

  /** The game, or undefined when there is none. */
  async getGame(gameId: string): Promise<GameState | undefined> {
    if (!GAME_ID.test(gameId)) return undefined;
    return this.deps.repository.load(gameId);
  }

  /**
   * Plays one turn with `weapon` for the owner of `playerToken`, retrying on lost races. With
   * `expectedTurn`, only if the game is still at that turn: a retry that cannot play twice.
   * @throws GAME_NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, GAME_OVER, CONFLICT (after the retries).
   */
  async attack(
    gameId: string,
    weapon: Weapon,
    playerToken: string | undefined,
    expectedTurn?: number,
  ): Promise<GameAndEvents> {
    return this.change("attack", gameId, playerToken, (before, game, now) => {
      if (expectedTurn !== undefined && before.turn !== expectedTurn) {
        // The caller meant the turn after `expectedTurn`: another turn (maybe its own earlier try,
        // answered STORE_UNAVAILABLE but applied) came first, so playing now would play twice.
        throw new DomainError(
          "CONFLICT",
          `Game ${gameId} is at turn ${before.turn}, not at turn ${expectedTurn} as expected; nothing was applied.`,
          "expectedTurn",
        );
      }
      const { events, change } = game.attack(weapon, now);
      const after = game.toState();
      return { change, events, result: { game: after, events } };
    });
  }

  /**
   * Changes some fields of a monster still in the array, for the owner of `playerToken`. With
   * `expectedVersion`, only if the game is still at that version.
   * @throws INVALID_MONSTER, GAME_NOT_FOUND, MONSTER_NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, CONFLICT.
   */
  async updateMonster(
    gameId: string,
    monsterId: string,
    patch: MonsterPatch,
    playerToken: string | undefined,
    expectedVersion?: number,
  ): Promise<GameAndMonster> {
    return this.change("updateMonster", gameId, playerToken, (before, game, now) => {
      if (expectedVersion !== undefined && before.version !== expectedVersion)
        throw versionConflict(gameId, before.version, expectedVersion);
      // The aggregate validates the patch and finds the monster; the store then sets just those fields.
      const { monster, change } = game.updateMonster(monsterId, patch, now);
      return { change, events: [], result: { game: game.toState(), monster } };
    });
  }

  /**
   * Deletes the game and all it stored, for the owner of `playerToken`. With `expectedVersion`,
   * only if the game is still at that version (checked by the store as it deletes).
   * @throws GAME_NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, CONFLICT.
   */
  async abandonGame(
    gameId: string,
    playerToken: string | undefined,
    expectedVersion?: number,
  ): Promise<void> {
    const game = await this.loadOwned(gameId, playerToken);
    if (expectedVersion !== undefined && game.version !== expectedVersion)
      throw versionConflict(gameId, game.version, expectedVersion);
    this.cache.delete(gameId);
    const outcome = await this.deps.repository.delete(gameId, expectedVersion);
    if (outcome.status === "NOT_FOUND") throw gameNotFound(gameId);
    if (outcome.status === "CONFLICT")
      throw versionConflict(gameId, outcome.version, expectedVersion ?? outcome.version);
  }

  /** The game's last `limit` events, oldest first. */
  async recentEvents(gameId: string, limit: number): Promise<BattleEvent[]> {
    if (!GAME_ID.test(gameId)) return [];
    return this.deps.repository.recentEvents(gameId, limit);
  }

  /**
   * Watches a game's battle, one committed turn at a time (see BattleBroadcast): with
   * `fromTurn`, first the stored turns from it on (as far as the log still holds them), then every
   * later turn live, each once and in order. Without it, only turns committed after the game is
   * read. Resolves once the watch is live, with the function that stops it.
   * @throws GAME_NOT_FOUND for an unknown game, STORE_UNAVAILABLE.
   */
  async watch(
    gameId: string,
    fromTurn: number | undefined,
    watcher: TurnWatcher,
  ): Promise<StopWatching> {
    if (!this.broadcast) throw new Error("GameService.watch needs a BattleTurnFeed");
    if (!GAME_ID.test(gameId)) throw gameNotFound(gameId);
    return this.broadcast.watch(gameId, fromTurn, watcher);
  }

  /** Games watched through this service now, and their watches (for tests and metrics). */
  watching(gameId?: string): number {
    if (!this.broadcast) return 0;
    return gameId === undefined ? this.broadcast.watchedGames : this.broadcast.watchesOf(gameId);
  }

  /**
   * The one retry loop of every change: takes the game for its owner (as this instance last saw
   * it committed, else loaded), lets `decide` change it, and commits that change if the game is
   * still at the version it was computed from. A lost race's refusal carries the game as it now
   * stands: the change is recomputed from that, up to maxRetries times, with no load between.
   */
  private async change<T>(
    kind: CommitKind,
    gameId: string,
    playerToken: string | undefined,
    decide: (before: GameState, game: Game, now: number) => DecidedChange<T>,
  ): Promise<T> {
    requireToken(playerToken);
    let before = GAME_ID.test(gameId) ? this.cache.get(gameId) : undefined;
    let cached = before !== undefined;
    before ??= await this.loadOwned(gameId, playerToken);
    for (let attempt = 0; attempt <= this.maxRetries;) {
      let decided: DecidedChange<T> & { after: GameState };
      try {
        this.checkOwner(before, playerToken);
        const game = Game.restore(before, this.deps.dice.restore(before.dice));
        decided = { ...decide(before, game, this.deps.clock.now()), after: game.toState() };
      } catch (error) {
        if (!cached) throw error;
        // A refusal from a kept state may be one the store has moved past (or the game is gone):
        // it stands only once the store's state says the same.
        before = await this.loadOwned(gameId, playerToken);
        cached = false;
        continue;
      }
      const outcome = await this.commitOrForget(decided);
      if (outcome.status === "COMMITTED") {
        this.cache.set(decided.after);
        this.observer.committed(kind);
        return decided.result;
      }
      if (outcome.status === "NOT_FOUND") throw gameNotFound(gameId);
      before = outcome.current;
      cached = false;
      this.cache.set(before);
      this.lostRace(kind, attempt);
      attempt++;
    }
    throw conflict(gameId, this.maxRetries);
  }

  /** Commits, forgetting the kept state of a game whose commit did not succeed or failed. */
  private async commitOrForget(decided: {
    after: GameState;
    change: GameChange;
    events: BattleEvent[];
  }): Promise<CommitOutcome> {
    const { id } = decided.after;
    try {
      const outcome = await this.deps.repository.commit(
        decided.after,
        decided.change,
        decided.events,
      );
      if (outcome.status === "NOT_FOUND") this.cache.delete(id);
      return outcome;
    } catch (error) {
      // The store failed: the turn may have been written or not, so what is kept is unknown.
      this.cache.delete(id);
      throw error;
    }
  }

  /** A commit refused for a changed version: counted, and a retry counted if one follows. */
  private lostRace(kind: CommitKind, attempt: number): void {
    this.observer.conflicted(kind);
    if (attempt < this.maxRetries) this.observer.retried(kind);
  }

  private async loadOwned(gameId: string, playerToken: string | undefined): Promise<GameState> {
    requireToken(playerToken);
    const game = GAME_ID.test(gameId) ? await this.deps.repository.load(gameId) : undefined;
    if (!game) {
      this.cache.delete(gameId);
      throw gameNotFound(gameId);
    }
    this.checkOwner(game, playerToken);
    return game;
  }

  private checkOwner(game: GameState, playerToken: string): void {
    if (!this.deps.tokens.matches(playerToken, game.tokenHash)) {
      throw new DomainError(
        "FORBIDDEN",
        `The token given is not the player token of game ${game.id}.`,
      );
    }
  }
}

function requireToken(playerToken: string | undefined): asserts playerToken is string {
  if (playerToken === undefined || playerToken === "") {
    throw new DomainError(
      "UNAUTHENTICATED",
      "This operation needs the player's token (Authorization: Bearer <token>).",
    );
  }
}

function conflict(gameId: string, retries: number): DomainError {
  return new DomainError(
    "CONFLICT",
    `Game ${gameId} changed under this request ${retries + 1} times in a row; nothing was applied. Try again.`,
  );
}
