import type { BattleEvent } from "./battle-event";

/**
 * Joins a game's stored history to its live feed without gaps or repeats: the history first,
 * then only live turns after the last turn already given. Closing it closes the live feed, even
 * if it was never read.
 */
export function joinHistoryAndLive(
  history: readonly BattleEvent[],
  live: AsyncIterator<readonly BattleEvent[]>,
  afterTurn: number,
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
