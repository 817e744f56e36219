import type { BattleEvent } from "./battle-event";

/**
 * Live delivery of committed turns: each item is one turn's events, in commit order; the
 * iteration ends when the game is abandoned. An adapter fans them out within a process or across
 * processes (Redis pub/sub).
 */
export interface BattleEventFeed {
  /**
   * Starts listening to a game. Resolves once listening is live, so a turn committed after that
   * is delivered; the iterator's `return()` stops listening.
   * @throws DomainError STORE_UNAVAILABLE when the feed cannot listen now.
   */
  subscribe(gameId: string): Promise<AsyncIterator<readonly BattleEvent[]>>;
}
