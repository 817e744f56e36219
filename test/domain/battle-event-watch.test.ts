import { battleEvent, type BattleEvent } from "../../src/domain/battle-event";
import { StoreCheck, type FeedItem } from "../../src/domain/battle-event-feed.port";
import { joinHistoryAndLive, type StoredTurn } from "../../src/domain/battle-event-watch";
import { DomainError } from "../../src/domain/domain-error";
import { readWatch } from "../support/read-watch";

/** A live feed the test pushes items into, recording whether the join closed it. */
function liveFeed() {
  const queued: FeedItem[] = [];
  const waiting: ((item: IteratorResult<FeedItem>) => void)[] = [];
  const feed = {
    closed: false,
    push(item: FeedItem) {
      const wake = waiting.shift();
      if (wake) wake({ done: false, value: item });
      else queued.push(item);
    },
    iterator: {
      next: (): Promise<IteratorResult<FeedItem>> => {
        const item = queued.shift();
        if (item !== undefined) return Promise.resolve({ done: false, value: item });
        return new Promise((resolve) => waiting.push(resolve));
      },
      return: (): Promise<IteratorResult<FeedItem>> => {
        feed.closed = true;
        for (const wake of waiting.splice(0)) wake({ done: true, value: undefined });
        return Promise.resolve({ done: true, value: undefined });
      },
    } satisfies AsyncIterator<FeedItem>,
  };
  return feed;
}

/** One turn's event: a lettuce heal of `turn` points, enough to tell the turns apart. */
const turnEvents = (turn: number): BattleEvent[] => [battleEvent.lettuceEaten(turn, turn)];

/** A store log holding turns 1..upTo, with the calls made to it. */
function storeLog(upTo: number) {
  const calls: [number, number][] = [];
  const read = (from: number, to: number): Promise<BattleEvent[]> => {
    calls.push([from, to]);
    const turns = Array.from({ length: upTo }, (_, i) => i + 1).filter((t) => t >= from && t <= to);
    return Promise.resolve(turns.flatMap(turnEvents));
  };
  return { calls, read };
}

describe("joinHistoryAndLive, when the feed sends a StoreCheck", () => {
  it("gives at once the turns the store has past the last one given, and drops their live repeat", async () => {
    const live = liveFeed();
    const log = storeLog(3);
    const watch = joinHistoryAndLive([], live.iterator, 1, log.read, () => Promise.resolve(3));

    live.push(new StoreCheck());
    expect(await readWatch(watch, 2)).toEqual([...turnEvents(2), ...turnEvents(3)]);
    expect(log.calls).toEqual([[2, 3]]);

    // Turn 3 arrives late from the feed: already given. Turn 4 is new.
    live.push(turnEvents(3));
    live.push(turnEvents(4));
    expect(await readWatch(watch, 1)).toEqual(turnEvents(4));
    await watch.return?.(undefined);
    expect(live.closed).toBe(true);
  });

  it("gives nothing when the store is not ahead", async () => {
    const live = liveFeed();
    const log = storeLog(2);
    const watch = joinHistoryAndLive([], live.iterator, 2, log.read, () => Promise.resolve(2));

    live.push(new StoreCheck());
    live.push(turnEvents(3));
    expect(await readWatch(watch, 1)).toEqual(turnEvents(3));
    expect(log.calls).toEqual([]);
    await watch.return?.(undefined);
  });

  it("ends, and closes the feed, when the game no longer exists (it expired)", async () => {
    const live = liveFeed();
    const watch = joinHistoryAndLive([], live.iterator, 0, storeLog(0).read, () =>
      Promise.resolve(undefined),
    );

    live.push(turnEvents(1));
    live.push(new StoreCheck());
    expect(await readWatch(watch, 5)).toEqual(turnEvents(1));
    expect(await watch.next()).toEqual({ done: true, value: undefined });
    expect(live.closed).toBe(true);
  });

  it("keeps watching when the store cannot answer the check, and goes on with live turns", async () => {
    const live = liveFeed();
    const unavailable: StoredTurn = () =>
      Promise.reject(new DomainError("STORE_UNAVAILABLE", "down"));
    const watch = joinHistoryAndLive([], live.iterator, 0, storeLog(0).read, unavailable);

    live.push(new StoreCheck());
    live.push(turnEvents(1));
    expect(await readWatch(watch, 1)).toEqual(turnEvents(1));
    expect(live.closed).toBe(false);
    await watch.return?.(undefined);
  });

  it("keeps watching when the log cannot be read during the check, and catches up later", async () => {
    const live = liveFeed();
    const log = storeLog(2);
    let reads = 0;
    const read = (from: number, to: number) =>
      ++reads === 1
        ? Promise.reject(new DomainError("STORE_UNAVAILABLE", "down"))
        : log.read(from, to);
    const watch = joinHistoryAndLive([], live.iterator, 0, read, () => Promise.resolve(2));

    live.push(new StoreCheck()); // its read fails: skipped
    live.push(new StoreCheck()); // this one catches up
    expect(await readWatch(watch, 2)).toEqual([...turnEvents(1), ...turnEvents(2)]);
    expect(reads).toBe(2);
    expect(log.calls).toEqual([[1, 2]]);
    expect(live.closed).toBe(false);
    await watch.return?.(undefined);
  });

  it("lets a bug in the check through, as a failure of the watch, and stops listening", async () => {
    const live = liveFeed();
    const broken: StoredTurn = () => Promise.reject(new TypeError("a bug"));
    const watch = joinHistoryAndLive([], live.iterator, 0, storeLog(0).read, broken);

    live.push(new StoreCheck());
    await expect(watch.next()).rejects.toThrow(TypeError);
    expect(live.closed).toBe(true);
  });
});

describe("joinHistoryAndLive, when one StoreCheck reaches several joins of a game", () => {
  it("reads the game's turn once, and the turns they lack once per range, for all of them", async () => {
    const log = storeLog(3);
    let turnReads = 0;
    const storedTurn: StoredTurn = () => {
      turnReads++;
      return Promise.resolve(3);
    };
    const feeds = [liveFeed(), liveFeed(), liveFeed(), liveFeed()];
    // Three joins gave turn 1; the fourth gave turn 2 already.
    const watches = feeds.map((live, i) =>
      joinHistoryAndLive([], live.iterator, i < 3 ? 1 : 2, log.read, storedTurn),
    );

    const check = new StoreCheck();
    for (const live of feeds) live.push(check);
    const heard = await Promise.all(watches.map((watch, i) => readWatch(watch, i < 3 ? 2 : 1)));
    expect(heard).toEqual([
      [...turnEvents(2), ...turnEvents(3)],
      [...turnEvents(2), ...turnEvents(3)],
      [...turnEvents(2), ...turnEvents(3)],
      turnEvents(3),
    ]);
    expect(turnReads).toBe(1);
    expect(log.calls).toEqual([
      [2, 3],
      [3, 3],
    ]);

    // The next check is a new one: it reads again.
    const next = new StoreCheck();
    for (const live of feeds) live.push(next);
    for (const live of feeds) live.push(turnEvents(4));
    expect(await Promise.all(watches.map((watch) => readWatch(watch, 1)))).toEqual(
      feeds.map(() => turnEvents(4)),
    );
    expect(turnReads).toBe(2);
    for (const watch of watches) await watch.return?.(undefined);
  });

  it("ends every one of them when the check finds the game gone, with one read", async () => {
    let turnReads = 0;
    const gone: StoredTurn = () => {
      turnReads++;
      return Promise.resolve(undefined);
    };
    const feeds = [liveFeed(), liveFeed(), liveFeed()];
    const watches = feeds.map((live) =>
      joinHistoryAndLive([], live.iterator, 0, storeLog(0).read, gone),
    );
    const check = new StoreCheck();
    for (const live of feeds) live.push(check);
    expect(await Promise.all(watches.map((watch) => readWatch(watch)))).toEqual([[], [], []]);
    expect(turnReads).toBe(1);
    expect(feeds.every((live) => live.closed)).toBe(true);
  });
});

describe("joinHistoryAndLive, when reading missed turns fails", () => {
  it("fails the watch and stops listening to the feed", async () => {
    const live = liveFeed();
    const down = () => Promise.reject(new DomainError("STORE_UNAVAILABLE", "down"));
    const watch = joinHistoryAndLive([], live.iterator, 0, down, () => Promise.resolve(0));

    live.push(turnEvents(3)); // turns 1 and 2 are missing, and the log cannot be read
    await expect(watch.next()).rejects.toMatchObject({ code: "STORE_UNAVAILABLE" });
    expect(live.closed).toBe(true);
  });
});
