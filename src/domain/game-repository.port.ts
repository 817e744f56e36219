import type { BattleEvent } from "./battle-event";
import type { GameState } from "./game";
import type { GameChange } from "./game-change";

/** What became of a delete: done, no such game, or the game at another version (nothing deleted). */
export type DeleteOutcome =
  { status: "DELETED" } | { status: "NOT_FOUND" } | { status: "CONFLICT"; version: number };

/**
 * How a conditional write ended: written; beaten by another write, with the game as it now
 * stands, read in the same round trip so a retry needs no load; or the game is gone (abandoned,
 * expired), which is never mistaken for a game that moved on.
 */
export type CommitOutcome =
  { status: "COMMITTED" } | { status: "CONFLICT"; current: GameState } | { status: "NOT_FOUND" };

/**
 * Where games live between turns. Every write is all-or-nothing and conditional on the version
 * it was computed from, so concurrent turns on one game can never interleave.
 *
 * Failures of the store itself are DomainError STORE_UNAVAILABLE, or STORE_FULL when it refuses
 * writes for want of memory (writing nothing; reads still work); a stored game that no longer
 * reads as one is CORRUPT_GAME.
 */
export interface GameRepository {
  /**
   * Stores a new game (version 0) with its opening events.
   * @returns false, writing nothing, when a game with that id already exists.
   */
  create(game: GameState, events: readonly BattleEvent[]): Promise<boolean>;

  /** The game as last committed, or undefined when there is none (never created, deleted, expired). */
  load(gameId: string): Promise<GameState | undefined>;

  /**
   * Writes one change (a turn, or a monster patched), exactly as `change` says, if the stored
   * version is still `change.fromVersion`: `game` is the state after it (at `change.toVersion`),
   * and `events` (none for a patch) are appended to the game's log and published to its
   * subscribers.
   */
  commit(
    game: GameState,
    change: GameChange,
    events: readonly BattleEvent[],
  ): Promise<CommitOutcome>;

  /**
   * Removes the game and everything it stored, if there is one and, given `expectedVersion`, it
   * is still at that version: checked and deleted as one step.
   */
  delete(gameId: string, expectedVersion?: number): Promise<DeleteOutcome>;

  /** The game's last `limit` events, oldest first (the log keeps a bounded number). */
  recentEvents(gameId: string, limit: number): Promise<BattleEvent[]>;
}
