import type { Client } from "@urql/core";
import { useEffect, useReducer, useRef, useState } from "react";
import { describeError, type ErrorReport } from "./describe-error";
import type { BattleEventsSubscription as BattleEventsResult } from "./gql/graphql";
import { BattleEventsSubscription } from "./operations";

/** One line of the battle log. */
export interface LogEntry {
  /** `<turn>:<position in that turn>`: stable across a resubscription's replay. */
  key: string;
  turn: number;
  kind: BattleEventsResult["battleEvents"]["__typename"];
  message: string;
  /** For creature events: whether it is about the rabbit or a monster. */
  role?: "RABBIT" | "MONSTER";
}

/** How the live feed is doing, for the indicator beside the log. */
export type FeedStatus = "connecting" | "live" | "reconnecting";

type Action =
  | { type: "resubscribe"; fromTurn: number }
  | { type: "event"; event: BattleEventsResult["battleEvents"] };

/**
 * A resubscription replays every stored event from `fromTurn` on, so the turns from there are
 * dropped first and refilled by the replay: each event is shown once, and a turn half-received
 * when the socket dropped comes back whole.
 */
function reduce(log: LogEntry[], action: Action): LogEntry[] {
  if (action.type === "resubscribe") return log.filter((entry) => entry.turn < action.fromTurn);
  const { event } = action;
  const position = log.filter((entry) => entry.turn === event.turn).length;
  const entry: LogEntry = {
    key: `${event.turn}:${position}`,
    turn: event.turn,
    kind: event.__typename,
    message: event.message,
  };
  if ("role" in event) entry.role = event.role;
  return [...log, entry];
}

/** Reconnection delays: quick at first, then every 10 s while the server stays away. */
const retryDelayMs = (attempt: number) => Math.min(10_000, 500 * 2 ** attempt);

/**
 * The game's battle log from the `battleEvents` subscription: the whole stored log first
 * (`fromTurn: 0`, so a reload or a watcher that arrives late sees everything), then turns as they
 * are played, by this tab or any other. When the socket drops it resubscribes from the last turn
 * it has. A GraphQL error (e.g. NOT_FOUND) ends the feed and is reported.
 */
export function useBattleLog(
  client: Client,
  gameId: string,
): { log: LogEntry[]; status: FeedStatus; error: ErrorReport | undefined } {
  const [log, dispatch] = useReducer(reduce, []);
  const [status, setStatus] = useState<FeedStatus>("connecting");
  const [error, setError] = useState<ErrorReport>();
  const [attempt, setAttempt] = useState(0);
  // Failures since the feed last delivered, for the back-off; reset by any event.
  const failures = useRef(0);
  // The effect reads the log it resubscribes from without restarting on every event.
  const latest = useRef(log);
  latest.current = log;

  useEffect(() => {
    const fromTurn = latest.current.at(-1)?.turn ?? 0;
    dispatch({ type: "resubscribe", fromTurn });
    let retry: ReturnType<typeof setTimeout> | undefined;
    const subscription = client
      .subscription(BattleEventsSubscription, { gameId, fromTurn })
      .subscribe((result) => {
        if (result.data) {
          failures.current = 0;
          setStatus("live");
          dispatch({ type: "event", event: result.data.battleEvents });
        }
        if (!result.error) return;
        if (result.error.graphQLErrors.length > 0) {
          setError(describeError(result.error));
          return;
        }
        setStatus("reconnecting");
        retry = setTimeout(() => setAttempt((n) => n + 1), retryDelayMs(failures.current++));
      });
    return () => {
      clearTimeout(retry);
      subscription.unsubscribe();
    };
  }, [client, gameId, attempt]);

  return { log, status, error };
}
