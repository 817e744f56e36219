/**
 * A Redis that refuses writes for want of memory (`maxmemory` with `noeviction`): the real server
 * answers STORE_FULL to every write, writes nothing (every key of the games involved is compared),
 * still serves reads, and serves writes again, without a restart, once memory is freed.
 */
import type { Redis } from "ioredis";
import { snapshot } from "../integration/redis-support";
import { rawClient, uniquePrefix } from "../support/redis";
import { startRedisServer, type RedisServer } from "../support/redis-server";
import { postGraphQL, redisSnapshot } from "./support/bad-input-cases";
import {
  ATTACK,
  GAME,
  monsterIdIn,
  START_GAME,
  UPDATE_MONSTER,
  type ApiGame,
} from "./support/operations";
import { startServerProcess, type ServerProcess } from "./support/server-process";

jest.setTimeout(60_000);

type Started = { startGame: { playerToken: string; game: ApiGame } };

describe("a full Redis (maxmemory, noeviction)", () => {
  const prefix = uniquePrefix();
  let redisServer: RedisServer;
  let redis: Redis;
  let server: ServerProcess;

  beforeAll(async () => {
    redisServer = await startRedisServer();
    redis = rawClient(redisServer.url);
    await redis.config("SET", "maxmemory-policy", "noeviction");
    server = await startServerProcess({ REDIS_URL: redisServer.url, REDIS_KEY_PREFIX: prefix });
  });
  afterAll(async () => {
    await server?.stop();
    await redis?.quit();
    await redisServer?.stop();
  });

  const start = async (seed: number) => {
    const answer = await postGraphQL(server.url, {
      query: START_GAME,
      variables: { input: { seed } },
    });
    return { answer, started: answer.body?.data as Started | null | undefined };
  };
  const attack = (gameId: string, token: string) =>
    postGraphQL(
      server.url,
      { query: ATTACK, variables: { gameId, weapon: "BOOMERANG" } },
      `Bearer ${token}`,
    );
  const read = async (gameId: string) => {
    const answer = await postGraphQL(server.url, { query: GAME, variables: { id: gameId } });
    expect(answer.body?.errors).toBeUndefined();
    return (answer.body?.data as { game: ApiGame | null }).game;
  };
  const codes = (answer: { body?: { errors?: { extensions?: { code?: string } }[] } }) =>
    (answer.body?.errors ?? []).map((e) => e.extensions?.code);

  /** Makes Redis full: its limit under what it already uses. */
  async function fill(): Promise<void> {
    await redis.config("SET", "maxmemory", "1");
  }

  it("refuses startGame and attack with STORE_FULL, writes nothing, still reads, and recovers when the limit is raised", async () => {
    const { started } = await start(7);
    const { playerToken: token, game } = started!.startGame;
    expect((await attack(game.id, token)).body?.errors).toBeUndefined();
    const before = await snapshot(redis, prefix, game.id);
    const everything = await redisSnapshot(redis, prefix);
    const seen = await read(game.id);
    expect(seen?.turn).toBe(1);

    await fill();

    const refusedStart = await start(8);
    expect({ status: refusedStart.answer.status, codes: codes(refusedStart.answer) }).toEqual({
      status: 200,
      codes: ["STORE_FULL"],
    });
    expect(refusedStart.answer.body?.errors?.[0]?.message).toMatch(/full/);
    const refusedAttack = await attack(game.id, token);
    expect(codes(refusedAttack)).toEqual(["STORE_FULL"]);
    const refusedPatch = await postGraphQL(
      server.url,
      {
        query: UPDATE_MONSTER,
        variables: { monsterId: monsterIdIn(game.id, 2), patch: { life: 3 } },
      },
      `Bearer ${token}`,
    );
    expect(codes(refusedPatch)).toEqual(["STORE_FULL"]);
    // A store failure is not an expected outcome of the operation: top-level, the payload null.
    expect(refusedStart.answer.body?.data).toEqual({ startGame: null });
    expect(refusedAttack.body?.data).toEqual({ attack: null });
    expect(refusedPatch.body?.data).toEqual({ updateMonster: null });

    // Nothing half-written: every key of the game as it was, and no key of a game not created.
    expect(await snapshot(redis, prefix, game.id)).toEqual(before);
    expect(await redisSnapshot(redis, prefix)).toEqual(everything);
    // Reads are still served, and the store still counts as ready (it answers).
    expect(await read(game.id)).toEqual(seen);
    expect((await fetch(server.url.replace("/graphql", "/readyz"))).status).toBe(200);
    // The operator hears of it; the client never sees Redis's words.
    expect(server.logs()).toMatch(/the game store is full/);
    expect(JSON.stringify(refusedAttack.body)).not.toMatch(/OOM|maxmemory/);

    await redis.config("SET", "maxmemory", "0");

    const played = await attack(game.id, token);
    expect(played.body?.errors).toBeUndefined();
    expect((await read(game.id))?.turn).toBe(2);
    const again = await start(9);
    expect(again.answer.body?.errors).toBeUndefined();
    expect(again.started?.startGame.game.turn).toBe(0);
  });

  it("serves writes again after FLUSHALL frees the memory", async () => {
    // 4 MB of other data, then a limit below what Redis now holds.
    await redis.set(`${prefix}:ballast`, "x".repeat(4 * 1024 * 1024));
    const used = Number(/used_memory:(\d+)/.exec(await redis.info("memory"))?.[1]);
    await redis.config("SET", "maxmemory", String(used - 1024 * 1024));
    try {
      const refused = await start(10);
      expect(codes(refused.answer)).toEqual(["STORE_FULL"]);
      const everything = await redisSnapshot(redis, prefix);

      await redis.flushall();
      expect(await redisSnapshot(redis, prefix)).toEqual({});
      expect(Object.keys(everything)).toContain(`${prefix}:ballast`);

      const { answer, started } = await start(10);
      expect(answer.body?.errors).toBeUndefined();
      const { playerToken, game } = started!.startGame;
      expect((await attack(game.id, playerToken)).body?.errors).toBeUndefined();
      expect((await read(game.id))?.turn).toBe(1);
    } finally {
      await redis.config("SET", "maxmemory", "0");
    }
  });
});
