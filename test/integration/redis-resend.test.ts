import type { Redis } from "ioredis";
import type { RedisClient } from "../../src/infrastructure/redis-client";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { newGame, playTurn } from "../contract/game-repository.contract";
import { connectedClient, rawClient, uniquePrefix } from "../support/redis";
import { keysOf, logEntryOf, snapshot } from "./redis-support";

type ScriptCall = (numKeys: number, ...args: (string | number)[]) => Promise<unknown>;

/**
 * Makes the client send each call of script `name` twice with the same arguments, as a client does
 * when a reply was lost and it sends the command again; the caller gets the second reply.
 */
function sendEachTwice(client: RedisClient, name: "dwemthyCreate" | "dwemthyCommit"): unknown[] {
  const replies: unknown[] = [];
  const target = client as unknown as Record<string, ScriptCall>;
  const original = target[name]!.bind(client);
  target[name] = async (...args) => {
    replies.push(await original(...args));
    const again = await original(...args);
    replies.push(again);
    return again;
  };
  return replies;
}

describe("a script sent again with the same arguments (its reply lost) on one Redis", () => {
  const prefix = uniquePrefix();
  const options = { keyPrefix: prefix, ttlMs: 60_000, maxEvents: 50 };
  let client: RedisClient;
  let raw: Redis;

  beforeEach(async () => {
    client = await connectedClient();
    raw = rawClient();
  });
  afterEach(async () => {
    await client.quit();
    await raw.quit();
  });

  it("a creation sent twice answers created both times and writes the game once", async () => {
    const repo = new RedisGameRepository(client, options);
    const replies = sendEachTwice(client, "dwemthyCreate");
    const { game, events } = newGame(5);
    const state = game.toState();

    await expect(repo.create(state, events)).resolves.toBe(true);
    expect(replies).toEqual([1, 1]);
    expect(await repo.load(state.id)).toEqual(state);
    // The opening entry is written once, in the game hash (the first turn makes the log).
    const k = keysOf(prefix, state.id);
    expect(await raw.exists(k.events)).toBe(0);
    expect(await raw.hget(k.game, "o")).toBe(logEntryOf(events));
    expect(await repo.recentEvents(state.id, 50)).toEqual(events);
  });

  it("a commit sent twice answers COMMITTED both times and applies the turn once", async () => {
    const repo = new RedisGameRepository(client, options);
    const { game, events } = newGame(5);
    const before = game.toState();
    await repo.create(before, events);
    const turn = playTurn(before, "BOOMERANG");
    const replies = sendEachTwice(client, "dwemthyCommit");

    await expect(repo.commit(turn.after, turn.change, turn.events)).resolves.toEqual({
      status: "COMMITTED",
    });
    expect(replies).toEqual(["COMMITTED", "COMMITTED"]);
    expect(await repo.load(before.id)).toEqual(turn.after);
    expect(await repo.recentEvents(before.id, 50)).toEqual([...events, ...turn.events]);
    const k = keysOf(prefix, before.id);
    expect(await raw.llen(k.events)).toBe(2);
    expect(await raw.hget(k.game, "le")).toBe(String(events.length + turn.events.length));
  });

  it("a commit from a version another commit moved past is CONFLICT, not its own repeat", async () => {
    const repo = new RedisGameRepository(client, options);
    const { game, events } = newGame(5);
    const before = game.toState();
    await repo.create(before, events);
    const first = playTurn(before, "BOOMERANG");
    const rival = playTurn(before, "SWORD");
    await expect(repo.commit(first.after, first.change, first.events)).resolves.toEqual({
      status: "COMMITTED",
    });
    const afterFirst = await snapshot(raw, prefix, before.id);

    // The refusal carries the game as the first commit left it, read in the same round trip.
    await expect(repo.commit(rival.after, rival.change, rival.events)).resolves.toEqual({
      status: "CONFLICT",
      current: first.after,
    });
    expect(await snapshot(raw, prefix, before.id)).toEqual(afterFirst);
  });
});
