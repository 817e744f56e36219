import type { Redis } from "ioredis";
import type { RedisClient } from "../../src/infrastructure/redis-client";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { newGame, playTurn } from "../contract/game-repository.contract";
import { connectedClient, rawClient, uniquePrefix } from "../support/redis";
import { Game } from "../../src/domain/game";
import { diceFactory } from "../support/play";
import { keysOf, seedThatKillsTheFront, snapshot } from "./redis-support";

const GNAT_FIRST = [
  { name: "Gnat", life: 1, strength: 0, charisma: 0, weapon: 0 },
  { name: "Stag Beetle", life: 120, strength: 9, charisma: 31, weapon: 5 },
];

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

  it("a monster key made a string before a later turn: the log entry the script wrote first is taken back", async () => {
    const repo = new RedisGameRepository(client, options);
    // A game whose first two BOOMERANG turns both hit the front monster without killing it.
    const hitsFront = (t: ReturnType<typeof playTurn>, front: string): boolean =>
      t.change.monsters.some((m) => m.id === front) && t.change.removedMonsterIds.length === 0;
    let found;
    for (let seed = 1; seed < 500 && !found; seed++) {
      const { game, events } = newGame(seed);
      const start = game.toState();
      const first = playTurn(start, "BOOMERANG");
      const second = playTurn(first.after, "BOOMERANG");
      if (hitsFront(first, "1") && hitsFront(second, "1")) found = { start, events, first, second };
    }
    if (!found) throw new Error("no seed hits the front monster twice");
    const { start, events, first, second } = found;
    await repo.create(start, events);
    expect(await repo.commit(first.after, first.change, first.events)).toEqual({
      status: "COMMITTED",
    });
    const k = keysOf(prefix, start.id);
    await raw.del(k.monster("1"));
    await raw.set(k.monster("1"), "x");
    const snap = await snapshot(raw, prefix, start.id);
    expect(await raw.llen(k.events)).toBe(2); // the opening and the first turn
    await expect(repo.commit(second.after, second.change, second.events)).rejects.toMatchObject({
      code: "CORRUPT_GAME",
    });
    expect(await snapshot(raw, prefix, start.id)).toEqual(snap);
  });

  it("the array made a string before a turn that kills the front monster: CORRUPT_GAME, and nothing is written", async () => {
    const repo = new RedisGameRepository(client, options);
    const { game, events } = Game.start({
      id: `atomicity-${process.pid}-${Date.now()}`,
      dice: diceFactory.fromSeed(seedThatKillsTheFront(GNAT_FIRST, "BOMB")),
      tokenHash: "ab".repeat(32),
      monsters: GNAT_FIRST,
      now: 1_700_000_000_000,
    });
    const before = game.toState();
    await repo.create(before, events);
    const k = keysOf(prefix, before.id);
    const turn = playTurn(before, "BOMB");
    expect(turn.change.removedMonsterIds).toEqual(["1"]);
    await raw.del(k.array);
    await raw.set(k.array, "1,2");
    const snap = await snapshot(raw, prefix, before.id);
    await expect(repo.commit(turn.after, turn.change, turn.events)).rejects.toMatchObject({
      code: "CORRUPT_GAME",
    });
    // The dead monster's hash is still there, the log and the game hash untouched.
    expect(await snapshot(raw, prefix, before.id)).toEqual(snap);
  });
});
