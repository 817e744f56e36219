import type { Redis } from "ioredis";
import type { RedisClient } from "../../src/infrastructure/redis-client";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { newGame, playTurn } from "../contract/game-repository.contract";
import { connectedClient, rawClient, uniquePrefix } from "../support/redis";
import { keysOf, snapshot } from "./redis-support";

describe("a commit whose keys changed type after the load", () => {
  const prefix = uniquePrefix();
  const options = { keyPrefix: prefix, ttlMs: 60_000, maxEvents: 50 };
  let client: RedisClient;
  let raw: Redis;
  beforeAll(async () => {
    client = await connectedClient();
    raw = rawClient();
  });
  afterAll(async () => {
    await client.quit();
    await raw.quit();
  });

  it("a monster key made a string between the load and the commit: CORRUPT_GAME, and nothing is written", async () => {
    const repo = new RedisGameRepository(client, options);
    const { game, events } = newGame(3);
    const before = game.toState();
    await repo.create(before, events);
    const k = keysOf(prefix, before.id);
    const turn = playTurn(before, "BOOMERANG");
    expect(turn.change.monsters.map((m) => m.id)).toContain("1");
    await raw.del(k.monster("1"));
    await raw.set(k.monster("1"), "x");
    const snap = await snapshot(raw, prefix, before.id);
    await expect(repo.commit(turn.after, turn.change, turn.events)).rejects.toMatchObject({
      code: "CORRUPT_GAME",
    });
    expect(await snapshot(raw, prefix, before.id)).toEqual(snap);
  });
});
