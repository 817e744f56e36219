import type { BattleEvent } from "./battle-event";
import { StoreCheck, type FeedItem } from "./battle-event-feed.port";
import { DomainError } from "./domain-error";

/** Reads the stored events of turns `fromTurn` to `toTurn`, oldest first. */
export type StoredTurns = (fromTurn: number, toTurn: number) => Promise<BattleEvent[]>;

/** The game's stored turn now, or undefined when the game no longer exists. */
export type StoredTurn = () => Promise<number | undefined>;

/**
 * Joins a game's stored history to its live feed without gaps or repeats: the history first,
 * then only live turns after the last turn already given. Turns are consecutive, so a live turn
 * further ahead means the feed lost some (pub/sub keeps nothing while disconnected): those are
 * read from the store first, as far as its log still holds them. When the feed sends a StoreCheck,
 * the turns the store has past the last one given are read at once, and a game that no longer
 * exists (expired) ends the join; those reads go through the check, so the joins of one game that
 * get the same check share them (one read of the game's turn per check, not one per join). Ends when the live feed ends (the game was abandoned). Closing
 * it closes the live feed, even if it was never read.
 */
export function joinHistoryAndLive(
  history: readonly BattleEvent[],
  live: AsyncIterator<FeedItem>,
  afterTurn: number,
  stored: StoredTurns,
  storedTurn: StoredTurn,
): AsyncIterableIterator<BattleEvent> {
  const events = (async function* () {
    try {
      let last = afterTurn;
      for (const event of history) {
        last = Math.max(last, event.turn);
        yield event;
      }
      for (;;) {
        const next = await live.next();
        if (next.done) return;
        if (next.value instanceof StoreCheck) {
          const caught = await catchUp(next.value, last, storedTurn, stored);
          if (caught === "GONE") return;
          if (caught) {
            yield* caught.events;
            last = caught.turn;
          }
          continue;
        }
        // One item is one whole turn, so comparing its turn is enough to drop what history gave.
        const turn = next.value[0]?.turn ?? last;
        if (turn <= last) continue;
        if (turn > last + 1) yield* await stored(last + 1, turn - 1);
        last = turn;
        yield* next.value;
      }
    } finally {
      // However the join ends (done, gone, or a failed read), the feed stops listening: nobody
      // calls return() on an iterator whose next() rejected.
      await live.return?.();
    }
  })();
  return {
    next: () => events.next(),
    return: async (value?: unknown) => {
      await live.return?.();
      return events.return(value as undefined);
    },
    throw: async (error?: unknown) => {
      await live.return?.();
      return events.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * What a check finds: the turns the store has past `last`, nothing new (undefined), or that the
 * game is gone. The reads are the check's shared ones: the game's turn once per check, and the
 * missing turns once per range asked (joins that gave the same turns ask for the same range). A
 * store that cannot answer now is not the end of the watch: the next check, or the next live
 * turn, catches up.
 */
async function catchUp(
  check: StoreCheck,
  last: number,
  storedTurn: StoredTurn,
  stored: StoredTurns,
): Promise<{ turn: number; events: BattleEvent[] } | "GONE" | undefined> {
  try {
    const now = await check.shared("turn", storedTurn);
    if (now === undefined) return "GONE";
    if (now <= last) return undefined;
    const from = last + 1;
    return {
      turn: now,
      events: await check.shared(`turns ${from}-${now}`, () => stored(from, now)),
    };
  } catch (error) {
    if (error instanceof DomainError && error.code === "STORE_UNAVAILABLE") return undefined;
    throw error;
  }
}
