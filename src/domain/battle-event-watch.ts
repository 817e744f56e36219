import type { BattleEvent } from "./battle-event";

/** Reads the stored events of turns `fromTurn` to `toTurn`, oldest first. */
export type StoredTurns = (fromTurn: number, toTurn: number) => Promise<BattleEvent[]>;

/**
 * Joins a game's stored history to its live feed without gaps or repeats: the history first,
 * then only live turns after the last turn already given. Turns are consecutive, so a live turn
 * further ahead means the feed lost some (pub/sub keeps nothing while disconnected): those are
 * read from the store first, as far as its log still holds them. Ends when the live feed ends
 * (the game was abandoned). Closing it closes the live feed, even if it was never read.
 */
export function joinHistoryAndLive(
  history: readonly BattleEvent[],
  live: AsyncIterator<readonly BattleEvent[]>,
  afterTurn: number,
  stored: StoredTurns,
): AsyncIterableIterator<BattleEvent> {
  const events = (async function* () {
    let last = afterTurn;
    for (const event of history) {
      last = Math.max(last, event.turn);
      yield event;
    }
    for (;;) {
      const next = await live.next();
      if (next.done) return;
      // One item is one whole turn, so comparing its turn is enough to drop what history gave.
      const turn = next.value[0]?.turn ?? last;
      if (turn <= last) continue;
      if (turn > last + 1) yield* await stored(last + 1, turn - 1);
      last = turn;
      yield* next.value;
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
