import { EventEmitter, on } from "node:events";
import type { BattleEvent } from "../domain/battle-event";
import { StoreCheck, type FeedItem } from "../domain/battle-event-feed.port";

/** Sent in place of a turn: the game is gone, its listeners' iterations end. */
const GAME_ENDED = Symbol("game ended");

/**
 * Hands each turn of a game to every local listener of that game, buffering per listener until
 * it reads (node's `events.on`). Both feeds build on it.
 */
export class BattleEventFanout {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Any number of subscribers may watch one game.
    this.emitter.setMaxListeners(0);
  }

  /** Delivers one turn's events to the game's listeners. */
  emit(gameId: string, events: readonly BattleEvent[]): void {
    this.emitter.emit(eventName(gameId), events);
  }

  /**
   * Asks every listener of every game watched here to check the store: one StoreCheck per game,
   * the same for all its listeners, so that they share the check's reads.
   */
  checkAll(): void {
    for (const name of this.emitter.eventNames()) {
      // `events.on` also listens to "error" on the emitter: only the games' own names count.
      if (typeof name === "string" && name.startsWith(EVENT_PREFIX)) {
        this.emitter.emit(name, new StoreCheck());
      }
    }
  }

  /** Ends the iterations of the game's listeners (after the turns already delivered). */
  end(gameId: string): void {
    this.emitter.emit(eventName(gameId), GAME_ENDED);
  }

  /** How many listeners the game has (each open iterator is one emitter listener). */
  count(gameId: string): number {
    return this.emitter.listenerCount(eventName(gameId));
  }

  /**
   * A new listener of the game. `onClosed` runs once when the iterator is closed, with the number of
   * listeners left, so an adapter can stop listening upstream when none are.
   */
  listen(
    gameId: string,
    onClosed: (remaining: number) => void = () => undefined,
  ): AsyncIterator<FeedItem> {
    const controller = new AbortController();
    const inner = on(this.emitter, eventName(gameId), { signal: controller.signal });
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      // Aborting removes this iterator's emitter listener at once, so the count is already less one.
      controller.abort();
      onClosed(this.count(gameId));
    };
    const done = { done: true, value: undefined } as const;
    return {
      next: async () => {
        if (closed) return done;
        try {
          const next = await inner.next();
          if (next.done) return done;
          const [value] = next.value as [FeedItem | typeof GAME_ENDED];
          if (value === GAME_ENDED) {
            close();
            return done;
          }
          return { done: false, value };
        } catch (error) {
          // Aborting ends the wait of a pending next(): that is a close, not a failure.
          if (closed) return done;
          throw error;
        }
      },
      return: () => {
        close();
        return Promise.resolve(done);
      },
    };
  }
}

// Prefixed so that no game id can be an event name EventEmitter treats specially ("error").
const EVENT_PREFIX = "game:";

function eventName(gameId: string): string {
  return `${EVENT_PREFIX}${gameId}`;
}
