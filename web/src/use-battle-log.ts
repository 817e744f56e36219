import type { Client } from "@urql/core";
import { useEffect, useReducer, useRef, useState } from "react";
import { onEnd, pipe, subscribe } from "wonka";
import { describeError, type ErrorReport } from "./describe-error";
import type { BattleTurnsSubscription as BattleTurnsResult } from "./gql/graphql";
import { BattleTurnsSubscription } from "./operations";

/** One committed turn as the feed delivers it: its events (the game after it goes to the cache). */
type BattleTurn = BattleTurnsResult["battleTurns"];

/** One line of the battle log. */
export interface LogEntry {
  /** `<turn>:<position in that turn>`: stable across a resubscription's replay. */
  key: string;
  turn: number;
  kind: BattleTurn["events"][number]["__typename"];
  message: string;
  /** For creature events: whether it is about the rabbit or a monster. */
  role?: "RABBIT" | "MONSTER";
}

/**
 * How the live feed is doing, for the indicator beside the log. "ended": the server completed
 * it, which it does only when the game is gone (abandoned, or expired without a move).
 */
export type FeedStatus = "connecting" | "live" | "reconnecting" | "ended";

/**
 * A turn arrives whole, so it replaces whatever the log holds for its number: a resubscription
 * replays the last turn already shown, and that turn is shown once, where it was.
 */
function reduce(log: LogEntry[], turn: BattleTurn): LogEntry[] {
  const entries = turn.events.map((event, position) => {
    const entry: LogEntry = {
      key: `${turn.turn}:${position}`,
      turn: turn.turn,
      kind: event.__typename,
      message: event.message,
    };
    if ("role" in event) entry.role = event.role;
    return entry;
  });
  return [
    ...log.filter((entry) => entry.turn < turn.turn),
    ...entries,
    ...log.filter((entry) => entry.turn > turn.turn),
  ];
}

/** Reconnection delays: quick at first, then every 10 s while the server stays away. */
const retryDelayMs = (attempt: number) => Math.min(10_000, 500 * 2 ** attempt);

/**
 * The game's battle from the `battleTurns` subscription, one message per committed turn: the
 * whole stored log first (`fromTurn: 0`, so a reload or a watcher that arrives late sees
 * everything), then turns as they are played, by this tab or any other. Each turn's events go to
 * the log; the game after it, when the turn carries one (every live turn, and the last of a
 * replay), is written over the cached Game by the client's cache, so the board (useGame) follows
 * the battle without reading the game again. When the socket drops it resubscribes from the last
 * turn it has: that turn comes again, with the game as it is now. A GraphQL error (e.g.
 * GAME_NOT_FOUND) ends the feed and is reported. A feed the server completes has ended for good
 * (the game is gone): the status says "ended" rather than waiting for turns that cannot come.
 */
export function useBattleLog(
  client: Client,
  gameId: string,
): { log: LogEntry[]; status: FeedStatus; error: ErrorReport | undefined } {
  const [log, dispatch] = useReducer(reduce, []);
  const [status, setStatus] = useState<FeedStatus>("connecting");
  const [error, setError] = useState<ErrorReport>();
  const [attempt, setAttempt] = useState(0);
  // Failures since the feed last delivered, for the back-off; reset by any turn.
  const failures = useRef(0);
  // The last turn received, to resubscribe from, without restarting the effect on every turn.
  const lastTurn = useRef(0);

  useEffect(() => {
    const fromTurn = lastTurn.current;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // The source ends when the server completes the feed, but also after an error and when this
    // effect unsubscribes: only the first is the game's end.
    let failed = false;
    let leaving = false;
    const subscription = pipe(
      client.subscription(BattleTurnsSubscription, { gameId, fromTurn }),
      onEnd(() => {
        if (!failed && !leaving) setStatus("ended");
      }),
      subscribe((result) => {
        if (result.data) {
          const turn = result.data.battleTurns;
          failures.current = 0;
          lastTurn.current = Math.max(lastTurn.current, turn.turn);
          setStatus("live");
          dispatch(turn);
        }
        if (!result.error) return;
        failed = true;
        if (result.error.graphQLErrors.length > 0) {
          setError(describeError(result.error));
          return;
        }
        setStatus("reconnecting");
        retry = setTimeout(() => setAttempt((n) => n + 1), retryDelayMs(failures.current++));
      }),
    );
    return () => {
      leaving = true;
      clearTimeout(retry);
      subscription.unsubscribe();
    };
  }, [client, gameId, attempt]);

  return { log, status, error };
}
