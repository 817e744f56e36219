import type { BattleEvent } from "../domain/battle-event";
import type { BattleEventConnectionType } from "./battle-event-connection.type";
import { badUserInput } from "./error-mapping";

/** Most events one page holds (the cost limit counts a page as this many). */
export const MAX_PAGE_EVENTS = 100;
/** The page given when neither `first` nor `last` is: the latest events. */
export const DEFAULT_LAST_EVENTS = 20;

/** What a client asks of the log: Cursor Connections' four arguments. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * An event's place in the log: its turn, and how many of that turn's events come after it. A log
 * lets go of its oldest events first, maybe part of a turn: counted from the turn's end, a place
 * stays the same as long as the event is kept.
 */
interface Place {
  turn: number;
  fromEnd: number;
}

// Versioned, so that the cursor's content can change without old cursors being misread.
const CURSOR_PREFIX = "e1:";

function cursorOf(place: Place): string {
  return Buffer.from(`${CURSOR_PREFIX}${place.turn}:${place.fromEnd}`).toString("base64url");
}

function placeOf(cursor: string, argument: "after" | "before"): Place {
  const text = Buffer.from(cursor, "base64url").toString();
  const match = /^e1:(0|[1-9][0-9]{0,9}):(0|[1-9][0-9]{0,3})$/.exec(text);
  if (!match || cursorOf({ turn: Number(match[1]), fromEnd: Number(match[2]) }) !== cursor) {
    throw badUserInput(
      argument,
      `${argument} must be a cursor this log gave (got ${JSON.stringify(cursor.slice(0, 64))}).`,
    );
  }
  return { turn: Number(match[1]), fromEnd: Number(match[2]) };
}

function compare(a: Place, b: Place): number {
  return a.turn - b.turn || b.fromEnd - a.fromEnd;
}

function count(value: number | null | undefined, argument: "first" | "last"): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (value < 0 || value > MAX_PAGE_EVENTS) {
    throw badUserInput(
      argument,
      `${argument} must be from 0 to ${MAX_PAGE_EVENTS} (got ${value}).`,
    );
  }
  return value;
}

/**
 * One page of the log (all the events it keeps, oldest first), as the Cursor Connections spec
 * slices it: `after` and `before` bound it, then `first` keeps the oldest of what is left or
 * `last` the latest. Without `first` or `last`, the latest {@link DEFAULT_LAST_EVENTS}. A cursor
 * of a turn the log has let go of still bounds the page where that turn was.
 * @throws BAD_USER_INPUT for a count out of range, both counts, or a cursor not made here.
 */
export function pageOfEvents(
  events: readonly BattleEvent[],
  args: PageArgs,
): BattleEventConnectionType {
  const first = count(args.first, "first");
  let last = count(args.last, "last");
  if (first !== undefined && last !== undefined) {
    throw badUserInput("last", "Give first or last, not both.");
  }
  if (first === undefined && last === undefined) last = DEFAULT_LAST_EVENTS;
  const after = args.after == null ? undefined : placeOf(args.after, "after");
  const before = args.before == null ? undefined : placeOf(args.before, "before");

  const places: Place[] = new Array<Place>(events.length);
  for (let i = events.length - 1; i >= 0; i--) {
    const { turn } = events[i]!;
    const next = places[i + 1];
    places[i] = { turn, fromEnd: next?.turn === turn ? next.fromEnd + 1 : 0 };
  }
  let start = 0;
  let end = events.length;
  if (after) while (start < end && compare(places[start]!, after) <= 0) start++;
  if (before) while (end > start && compare(places[end - 1]!, before) >= 0) end--;
  if (first !== undefined) end = Math.min(end, start + first);
  if (last !== undefined) start = Math.max(start, end - last);

  const edges = events
    .slice(start, end)
    .map((node, i) => ({ cursor: cursorOf(places[start + i]!), node }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasPreviousPage: start > 0,
      hasNextPage: end < events.length,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    oldestTurnKept: events[0]?.turn ?? null,
  };
}
