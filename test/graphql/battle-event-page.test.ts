import fc from "fast-check";
import type { GraphQLError } from "graphql";
import type { BattleEvent } from "../../src/domain/battle-event";
import type { BattleEventConnectionType } from "../../src/graphql/battle-event-connection.type";
import {
  DEFAULT_LAST_EVENTS,
  MAX_PAGE_EVENTS,
  pageOfEvents,
  type PageArgs,
} from "../../src/graphql/battle-event-page";
import { play, startSeeded } from "../support/play";

/** A real battle's log: the start and `turns` lettuce turns (one to four events each). */
function battleLog(turns: number): BattleEvent[] {
  const { game, events } = startSeeded(1);
  return [
    ...events,
    ...play(
      game,
      Array.from({ length: turns }, () => "LETTUCE" as const),
    ),
  ];
}

/** The error pageOfEvents throws for `args`. */
function refusal(events: readonly BattleEvent[], args: PageArgs): GraphQLError {
  try {
    pageOfEvents(events, args);
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error("not refused");
}

/** Reads the whole log a page of `size` at a time, forward or backward. */
function readAll(
  events: readonly BattleEvent[],
  size: number,
  direction: "forward" | "backward",
): BattleEvent[] {
  const read: BattleEvent[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages <= events.length + 1; pages++) {
    const page: BattleEventConnectionType =
      direction === "forward"
        ? pageOfEvents(events, { first: size, after: cursor })
        : pageOfEvents(events, { last: size, before: cursor });
    if (direction === "forward") read.push(...page.nodes);
    else read.unshift(...page.nodes);
    const more =
      direction === "forward" ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
    if (!more) return read;
    cursor = direction === "forward" ? page.pageInfo.endCursor : page.pageInfo.startCursor;
  }
  throw new Error("paging did not end");
}

describe("the battle log as a Cursor Connection", () => {
  const log = battleLog(12);

  it("gives the latest events by default, saying there are older ones", () => {
    const page = pageOfEvents(battleLog(30), {});
    expect(page.nodes).toEqual(battleLog(30).slice(-DEFAULT_LAST_EVENTS));
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect(page.edges.map((e) => e.node)).toEqual(page.nodes);
    expect(page.oldestTurnKept).toBe(0);
  });

  it("reads the whole log forward and backward in pages of any size, each event once, in order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: log.length + 2 }), (size) => {
        expect(readAll(log, size, "forward")).toEqual(log);
        expect(readAll(log, size, "backward")).toEqual(log);
      }),
    );
  });

  it("keeps its cursors when the log lets go of its oldest events, part of a turn included", () => {
    const page = pageOfEvents(log, {
      first: 5,
      after: pageOfEvents(log, { first: 10 }).pageInfo.endCursor,
    });
    // Trimmed inside the first page's turns: the cursor still points at the same event.
    const trimmed = log.slice(3);
    const again = pageOfEvents(trimmed, {
      first: 5,
      after: pageOfEvents(log, { first: 10 }).pageInfo.endCursor,
    });
    expect(again.nodes).toEqual(page.nodes);
    expect(again.edges.map((e) => e.cursor)).toEqual(page.edges.map((e) => e.cursor));
    expect(again.oldestTurnKept).toBe(trimmed[0]!.turn);
    // A cursor of an event the log no longer holds still bounds the page where it was.
    const gone = pageOfEvents(log, { first: 1 }).pageInfo.endCursor;
    expect(pageOfEvents(log.slice(8), { first: 2, after: gone }).nodes).toEqual(log.slice(8, 10));
  });

  it("says nothing is left on either side of an empty page, and has no cursors for it", () => {
    const end = pageOfEvents(log, { last: 1 }).pageInfo.endCursor;
    expect(pageOfEvents(log, { first: 3, after: end })).toEqual({
      edges: [],
      nodes: [],
      pageInfo: { hasPreviousPage: true, hasNextPage: false, startCursor: null, endCursor: null },
      oldestTurnKept: 0,
    });
    expect(pageOfEvents([], {}).oldestTurnKept).toBeNull();
  });

  it("refuses counts out of range, both counts, and cursors it did not make, with BAD_USER_INPUT", () => {
    const cases: [PageArgs, string][] = [
      [{ first: -1 }, "first"],
      [{ first: MAX_PAGE_EVENTS + 1 }, "first"],
      [{ last: MAX_PAGE_EVENTS + 1 }, "last"],
      [{ first: 1, last: 1 }, "last"],
      [{ after: "nonsense" }, "after"],
      [{ before: Buffer.from("e1:01:0").toString("base64url") }, "before"],
      [{ after: Buffer.from("e1:1:0").toString("base64") + "=" }, "after"],
      [{ before: "" }, "before"],
    ];
    for (const [args, field] of cases) {
      expect(refusal(log, args).extensions).toEqual({ code: "BAD_USER_INPUT", field });
    }
  });
});
