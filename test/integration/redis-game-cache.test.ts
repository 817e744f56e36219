import type { Redis } from "ioredis";
import type { RedisClient } from "../../src/infrastructure/redis-client";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { connectedClient, countCommands, rawClient, uniquePrefix } from "../support/redis";
import { rejection } from "../support/rejection";
import { expectSerialReplayOfRacingInstances, PUNCHING_BAG } from "../support/serial-replay";
import { cachedGameServiceOn } from "../support/services";
import { keysOfGame } from "./redis-support";

/** Instances that keep the games they served (GAME_CACHE_SIZE), on one Redis. */
describe("the game cache: one round trip per attack, never a stale or gone game", () => {
  const prefix = uniquePrefix();
  const options = { keyPrefix: prefix, ttlMs: 60_000, maxEvents: 10_000 };
  let clientA: RedisClient;
  let clientB: RedisClient;
  let raw: Redis;

  beforeAll(async () => {
    [clientA, clientB] = await Promise.all([connectedClient(), connectedClient()]);
    raw = rawClient();
  });
  afterAll(async () => {
    await Promise.all([clientA.quit(), clientB.quit(), raw.quit()]);
  });

  /** Two instances: each its own connection, store and cache. */
  function twoInstances() {
    // Retries enough for every attack of a burst to win its race in the end.
    const a = cachedGameServiceOn(new RedisGameRepository(clientA, options), 100);
    const b = cachedGameServiceOn(new RedisGameRepository(clientB, options), 100);
    return { a, b };
  }

  it("an attack on a game the instance served is one script call; an unseen game costs one load", async () => {
    const { a, b } = twoInstances();
    const { game, playerToken } = await a.startGame({ seed: 3, monsters: PUNCHING_BAG });
    const onA = countCommands(clientA);
    const onB = countCommands(clientB);

    for (let i = 0; i < 5; i++) await a.attack(game.id, "LETTUCE", playerToken);
    // The first attack loads (startGame keeps nothing), the rest commit from the kept state.
    expect(onA.names).toEqual(["evalsha", ...Array<string>(5).fill("evalsha")]);
    expect(onA.count).toBe(6);

    await b.attack(game.id, "SWORD", playerToken);
    expect(onB.names).toEqual(["evalsha", "evalsha"]); // load, commit
    onA.reset();
    // A's kept state is one turn behind: the refusal carries the game, the retry commits, no load.
    const turn = await a.attack(game.id, "BOMB", playerToken);
    expect(onA.names).toEqual(["evalsha", "evalsha"]);
    expect(turn.game.turn).toBe(7);
    expect(await b.getGame(game.id)).toEqual(turn.game);
  });

  it("two instances racing on one game produce exactly the events of a serial replay", async () => {
    const { a, b } = twoInstances();
    await expectSerialReplayOfRacingInstances(a, b, 15);
  });

  it("a game another instance abandoned is NOT_FOUND from the kept state, and nothing is written", async () => {
    const { a, b } = twoInstances();
    const { game, playerToken } = await a.startGame({ seed: 4, monsters: PUNCHING_BAG });
    await a.attack(game.id, "LETTUCE", playerToken);
    await expect(b.abandonGame(game.id, playerToken)).resolves.toBeUndefined();

    expect(await rejection(a.attack(game.id, "LETTUCE", playerToken))).toMatchObject({
      code: "GAME_NOT_FOUND",
      field: "gameId",
    });
    expect(await keysOfGame(raw, prefix, game.id)).toEqual([]);
    expect(await a.getGame(game.id)).toBeUndefined();
  });

  it("an expired game (its keys gone) is NOT_FOUND from the kept state, and nothing is written", async () => {
    const { a } = twoInstances();
    const { game, playerToken } = await a.startGame({ seed: 5, monsters: PUNCHING_BAG });
    await a.attack(game.id, "LETTUCE", playerToken);
    const keys = await keysOfGame(raw, prefix, game.id);
    for (const key of keys) await raw.pexpire(key, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(await rejection(a.attack(game.id, "BOMB", playerToken))).toMatchObject({
      code: "GAME_NOT_FOUND",
    });
    expect(await keysOfGame(raw, prefix, game.id)).toEqual([]);
  });

  it("a refusal computed from a kept state is checked against the store: a wrong token on a game gone is NOT_FOUND", async () => {
    const { a, b } = twoInstances();
    const { game, playerToken } = await a.startGame({ seed: 6, monsters: PUNCHING_BAG });
    await a.attack(game.id, "LETTUCE", playerToken);
    expect(await rejection(a.attack(game.id, "LETTUCE", "not-the-token"))).toMatchObject({
      code: "FORBIDDEN",
    });
    await b.abandonGame(game.id, playerToken);
    expect(await rejection(a.attack(game.id, "LETTUCE", "not-the-token"))).toMatchObject({
      code: "GAME_NOT_FOUND",
    });
  });
});
