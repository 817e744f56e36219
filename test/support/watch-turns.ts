import type { BattleEvent } from "../../src/domain/battle-event";
import type { BattleTurn } from "../../src/domain/battle-turn";
import type { GameService } from "../../src/domain/game-service";

/** A game's watch as an async iterator of its turns: `return()` stops it; a failure rejects. */
export type TurnIterator = AsyncIterator<BattleTurn> & {
  return(): Promise<IteratorResult<BattleTurn>>;
};

/**
 * Watches a game through GameService.watch (rejecting as it does: NOT_FOUND...), queueing the
 * turns until the test reads them with readWatch.
 */
export async function watchTurns(
  service: GameService,
  gameId: string,
  fromTurn?: number,
): Promise<TurnIterator> {
  const queued: (IteratorResult<BattleTurn> | { error: unknown })[] = [];
  let wake: (() => void) | undefined;
  const push = (item: IteratorResult<BattleTurn> | { error: unknown }) => {
    queued.push(item);
    wake?.();
  };
  const done = { done: true, value: undefined } as const;
  const stop = await service.watch(gameId, fromTurn, {
    turn: (turn) => push({ done: false, value: turn }),
    ended: () => push(done),
    failed: (error) => push({ error }),
  });
  let stopped = false;
  return {
    next: async () => {
      for (;;) {
        if (stopped) return done;
        const item = queued.shift();
        if (item && "error" in item) throw item.error;
        if (item) return item;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    return: () => {
      stopped = true;
      stop();
      wake?.();
      return Promise.resolve(done);
    },
  };
}

/** The events of some turns, in order. */
export function eventsOf(turns: readonly BattleTurn[]): BattleEvent[] {
  return turns.flatMap((turn) => turn.events);
}
