import { Game, type GameState } from "../../../src/domain/game";
import type { MonsterSpec, MonsterState } from "../../../src/domain/monster";
import type { RabbitState } from "../../../src/domain/rabbit";
import { ScriptedDice } from "../../support/scripted-dice";

/** A game's state as the rule tests compare it: everything but the dice's saved state. */
export type StateWithoutDice = Omit<GameState, "dice" | "version">;

/** The rabbit of docs/rules.md ("The rabbit"), with some stats changed. */
export function rabbitState(changes: Partial<RabbitState> = {}): RabbitState {
  return { life: 10, strength: 2, charisma: 44, weapon: 4, bombs: 3, ...changes };
}

/** A monster as a game holds it. */
export function monsterState(
  id: string,
  name: string,
  stats: { life: number; strength: number; charisma: number; weapon: number },
): MonsterState {
  return { id, name, ...stats };
}

/** A monster as given to start a game. */
export function monsterSpec(
  name: string,
  life: number,
  strength: number,
  charisma: number,
  weapon: number,
): MonsterSpec {
  return { name, life, strength, charisma, weapon };
}

/** A hand-built game position: id "g1", turn 0 unless changed, in progress. */
export function gameState(
  rabbit: RabbitState,
  monsters: MonsterState[],
  changes: Partial<GameState> = {},
): GameState {
  return {
    id: "g1",
    status: "IN_PROGRESS",
    turn: 0,
    version: 0,
    dice: "scripted:0",
    tokenHash: "h",
    rabbit,
    monsters,
    createdAt: 0,
    updatedAt: 0,
    ...changes,
  };
}

/** Restores a copy of `state` with dice that will return exactly `rolls`. */
export function restoreGame(state: GameState, rolls: number[]): { game: Game; dice: ScriptedDice } {
  const dice = new ScriptedDice(rolls);
  return { game: Game.restore(structuredClone(state), dice), dice };
}

/** Starts a game of `monsters` with dice that will return exactly `rolls`. */
export function startGame(
  monsters: readonly MonsterSpec[],
  rolls: number[] = [],
): { game: Game; dice: ScriptedDice; events: ReturnType<typeof Game.start>["events"] } {
  const dice = new ScriptedDice(rolls);
  const { game, events } = Game.start({ id: "g1", dice, tokenHash: "h", monsters, now: 0 });
  return { game, dice, events };
}

/**
 * The state of a game without its `dice` and `version`: what the rules decide. The version is the
 * store's bookkeeping, bumped once per change (test/domain/game-change.test.ts).
 */
export function withoutDice(state: GameState): StateWithoutDice {
  return {
    id: state.id,
    status: state.status,
    turn: state.turn,
    tokenHash: state.tokenHash,
    rabbit: state.rabbit,
    monsters: state.monsters,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
  };
}

/** What `fn` threw; fails the test when it returns normally. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw, it returned normally");
}
