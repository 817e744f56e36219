import type { StopWatching, TurnWatcher } from "../domain/battle-broadcast";
import type { BattleTurn } from "../domain/battle-turn";
import type { GameService } from "../domain/game-service";

/**
 * What the `battleTurns` subscription resolves to: a game's watch, not started yet. The
 * WebSocket server starts it with a watcher of its own and writes each turn to its socket
 * from the game's synchronous delivery loop (no queue or promise per subscriber). It is also an
 * AsyncIterable, as graphql-js requires of a subscription's source, for any other executor.
 */
export class LiveTurnSource implements AsyncIterable<BattleTurn> {
  constructor(
    private readonly games: GameService,
    readonly gameId: string,
    readonly fromTurn: number | undefined,
  ) {}

  /**
   * Starts the watch: `watcher` gets each turn once, in order (see GameService.watch).
   * @throws NOT_FOUND, STORE_UNAVAILABLE.
   */
  start(watcher: TurnWatcher): Promise<StopWatching> {
    return this.games.watch(this.gameId, this.fromTurn, watcher);
  }

  /** The turns as an async iterator; `return()` stops the watch. Turns not read yet are queued. */
  [Symbol.asyncIterator](): AsyncIterator<BattleTurn> {
    const queued: IteratorResult<BattleTurn>[] = [];
    const waiting: { resolve(step: IteratorResult<BattleTurn>): void; reject(e: unknown): void }[] =
      [];
    let failure: { error: unknown } | undefined;
    let finished = false;
    const push = (step: IteratorResult<BattleTurn>): void => {
      if (finished) return;
      if (step.done) finished = true;
      const next = waiting.shift();
      if (next) next.resolve(step);
      else queued.push(step);
    };
    const done: IteratorResult<BattleTurn> = { done: true, value: undefined };
    const stopped = this.start({
      turn: (turn) => push({ done: false, value: turn }),
      ended: () => push(done),
      failed: (error) => {
        failure = { error };
        for (const next of waiting.splice(0)) next.reject(error);
        finished = true;
      },
    });
    const stop = async (): Promise<IteratorResult<BattleTurn>> => {
      finished = true;
      for (const next of waiting.splice(0)) next.resolve(done);
      (await stopped)();
      return done;
    };
    return {
      next: async () => {
        await stopped;
        const step = queued.shift();
        if (step) return step;
        if (failure) throw failure.error;
        if (finished) return done;
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return: stop,
    };
  }
}
