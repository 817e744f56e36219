import type { BattleEvent } from "./battle-event";

/**
 * Sent by a feed in place of a turn when it cannot vouch for what it delivered: it may have missed
 * turns (its connection was down) or the game may be gone without a word (expired). The reader
 * compares with the store: it reads the turns it lacks, or ends when the game no longer exists.
 *
 * A feed hands one StoreCheck to every reader of a game, and what the readers read through
 * {@link StoreCheck.shared} is read once for all of them: a check costs one store read per watched
 * game, however many watch it. (The readers of one feed read the same store.)
 */
export class StoreCheck {
  private readonly reads = new Map<string, Promise<unknown>>();

  /** What `read` answers, read by the first reader to ask for `key`, and shared by the others. */
  shared<T>(key: string, read: () => Promise<T>): Promise<T> {
    let answer = this.reads.get(key) as Promise<T> | undefined;
    if (answer === undefined) {
      answer = (async () => read())();
      this.reads.set(key, answer);
    }
    return answer;
  }
}

/** One item of a live feed: one committed turn's events, or a request to check the store. */
export type FeedItem = readonly BattleEvent[] | StoreCheck;

/**
 * Live delivery of committed turns: each item is one turn's events, in commit order, or a
 * StoreCheck; the iteration ends when the game is abandoned. An adapter fans them out within a
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
