import type { FeedItem, FeedListener } from "../domain/battle-turn-feed.port";

/**
 * The feed listeners of each game in this process (one per watched game: BattleBroadcast
 * listens once per game), handed each item synchronously. Both feeds build on it.
 */
export class TurnListeners {
  private readonly byGame = new Map<string, Set<FeedListener>>();

  /** @param onError told of a listener that threw (a bug); the other listeners still get the item. */
  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  /** Hands an item to the game's listeners. */
  emit(gameId: string, item: FeedItem): void {
    const listeners = this.byGame.get(gameId);
    if (!listeners) return;
    for (const listener of listeners) {
      try {
        listener(item);
      } catch (error) {
        this.onError(error);
      }
    }
  }

  /** Hands an item to the listeners of every game listened to here. */
  emitAll(item: FeedItem): void {
    for (const gameId of [...this.byGame.keys()]) this.emit(gameId, item);
  }

  /** How many listen to the game. */
  count(gameId: string): number {
    return this.byGame.get(gameId)?.size ?? 0;
  }

  /** The games listened to here now. */
  games(): string[] {
    return [...this.byGame.keys()];
  }

  /**
   * Adds a listener. The function returned removes it (once, whatever the number of calls)
   * and calls `onRemoved` with the number of the game's listeners left.
   */
  add(
    gameId: string,
    listener: FeedListener,
    onRemoved: (remaining: number) => void = () => undefined,
  ): () => void {
    let listeners = this.byGame.get(gameId);
    if (!listeners) {
      listeners = new Set();
      this.byGame.set(gameId, listeners);
    }
    // A wrapper of its own, so the same function added twice is two listeners.
    const entry: FeedListener = (item) => listener(item);
    listeners.add(entry);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      const set = this.byGame.get(gameId);
      set?.delete(entry);
      const remaining = set?.size ?? 0;
      if (set && remaining === 0) this.byGame.delete(gameId);
      onRemoved(remaining);
    };
  }
}
