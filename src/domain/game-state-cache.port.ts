import type { GameState } from "./game";

/**
 * The games an instance recently served, as it last saw them committed: an attack computed from
 * one costs one store round trip instead of two. Never the truth: the store's version check
 * refuses a commit computed from a state it has left behind, and reads of a game go to the store.
 */
export interface GameStateCache {
  /** The game as this instance last saw it, if it still holds it. */
  get(gameId: string): GameState | undefined;
  /** Keeps the game as now committed (replacing what was kept). */
  set(state: GameState): void;
  /** Forgets the game (gone, or its state unknown after a failure). */
  delete(gameId: string): void;
}

/** No cache: every change starts from a load. */
export const NO_GAME_STATE_CACHE: GameStateCache = {
  get: () => undefined,
  set: () => undefined,
  delete: () => undefined,
};
