import type { BattleTurn } from "./battle-turn";

/**
 * One item of a game's live feed:
 * - `turn`: a committed turn, in commit order;
 * - `check`: the feed cannot vouch for what it delivered (it may have missed turns while its
 *   connection was down, or the game may have expired without a word): compare with the store;
 * - `ended`: the game was abandoned; nothing follows.
 */
export type FeedItem =
  | { readonly kind: "turn"; readonly turn: BattleTurn }
  | { readonly kind: "check" }
  | { readonly kind: "ended" };

/** Takes a game's feed items, synchronously, in the order the feed got them. */
export type FeedListener = (item: FeedItem) => void;

/**
 * Live delivery of committed turns, within a process or across processes (Redis pub/sub). Each
 * process listens once per watched game (see BattleBroadcast), however many watch it.
 */
export interface BattleTurnFeed {
  /**
   * Starts listening to a game. Resolves once listening is live, so a turn committed after that
   * is delivered, with the function that stops listening.
   * @throws DomainError STORE_UNAVAILABLE when the feed cannot listen now.
   */
  listen(gameId: string, listener: FeedListener): Promise<() => void>;
}
