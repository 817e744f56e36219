import type { BattleEvent } from "./battle-event";

/**
 * Sent by a feed in place of a turn when it cannot vouch for what it delivered: it may have missed
 * turns (its connection was down) or the game may be gone without a word (expired). The reader
 * compares with the store: it reads the turns it lacks, or ends when the game no longer exists.
 */
export const CHECK_STORE = "CHECK_STORE";

/** One item of a live feed: one committed turn's events, or a request to check the store. */
export type FeedItem = readonly BattleEvent[] | typeof CHECK_STORE;

/**
 * Live delivery of committed turns: each item is one turn's events, in commit order, or
 * CHECK_STORE; the iteration ends when the game is abandoned. An adapter fans them out within a
 * process or across processes (Redis pub/sub).
 */
export interface BattleEventFeed {
  /**
   * Starts listening to a game. Resolves once listening is live, so a turn committed after that
   * is delivered; the iterator's `return()` stops listening.
   * @throws DomainError STORE_UNAVAILABLE when the feed cannot listen now.
   */
  subscribe(gameId: string): Promise<AsyncIterator<FeedItem>>;
}
