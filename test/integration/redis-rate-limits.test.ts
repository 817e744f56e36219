import { rmSync } from "node:fs";
import { Redis } from "ioredis";
import { FlexibleRateLimits, type RateLimitSettings } from "../../src/infrastructure/rate-limiter";
import {
  createRedisClient,
  waitUntilReady,
  type RedisClient,
} from "../../src/infrastructure/redis-client";
import { uniquePrefix } from "../support/redis";
import { startRedisServer, type RedisServer } from "../support/redis-server";

// The counters behind RATE_LIMITED on a Redis of their own, which these tests stop and restart.

const SETTINGS: RateLimitSettings = {
  windowSeconds: 60,
  points: { startGame: 3, mutation: 100, query: 100, subscription: 100 },
};

describe("FlexibleRateLimits on Redis", () => {
  let server: RedisServer;
  let clients: RedisClient[] = [];
  /** The server's data directory (persistent, so restart() works), removed after each test. */
  let dataDir: string | undefined;

  const client = async (): Promise<RedisClient> => {
    const created = createRedisClient({ url: server.url, commandTimeoutMs: 500 }, () => undefined);
    clients.push(created);
    await waitUntilReady(created);
    return created;
  };

  beforeEach(async () => {
    server = await startRedisServer({ persistent: true });
    const raw = new Redis(server.url);
    [, dataDir] = (await raw.config("GET", "dir")) as [string, string];
    raw.disconnect();
  });
  afterEach(async () => {
    for (const c of clients) c.disconnect();
    clients = [];
    await server.stop();
    if (dataDir?.includes("dwemthy-redis-")) rmSync(dataDir, { recursive: true, force: true });
  });

  it("two instances on one Redis spend from one budget per client and budget", async () => {
    const prefix = uniquePrefix();
    const a = FlexibleRateLimits.onRedis(await client(), prefix, SETTINGS, () => undefined);
    const b = FlexibleRateLimits.onRedis(await client(), prefix, SETTINGS, () => undefined);

    expect(await a.consume("startGame", "10.0.0.1")).toEqual({ allowed: true });
    expect(await b.consume("startGame", "10.0.0.1", 2)).toEqual({ allowed: true });
    for (const limits of [a, b]) {
      const refused = await limits.consume("startGame", "10.0.0.1");
      expect(refused).toMatchObject({ allowed: false, points: 3, windowSeconds: 60 });
      const { retryAfterSeconds } = refused as { retryAfterSeconds: number };
      expect(Number.isInteger(retryAfterSeconds)).toBe(true);
      expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    // Another client, and another budget of the same client, are untouched.
    expect(await a.consume("startGame", "10.0.0.2")).toEqual({ allowed: true });
    expect(await b.consume("query", "10.0.0.1")).toEqual({ allowed: true });

    const raw = new Redis(server.url);
    expect(await raw.get(`${prefix}:ratelimit:startGame:10.0.0.1`)).toBe("5");
    const ttl = await raw.ttl(`${prefix}:ratelimit:startGame:10.0.0.1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
    raw.disconnect();
  });

  it("with Redis down, never rejects: counts in the process, reports it at most once a minute, and uses Redis again once it is back", async () => {
    const prefix = uniquePrefix();
    const reports: { failures: number }[] = [];
    const redis = await client();
    const limits = FlexibleRateLimits.onRedis(redis, prefix, SETTINGS, (_error, context) =>
      reports.push(context),
    );
    await server.stop();

    // The budget still holds, per process, and the failure is reported once, not per request.
    for (let i = 0; i < 3; i++) {
      expect(await limits.consume("startGame", "10.0.0.9")).toEqual({ allowed: true });
    }
    expect(await limits.consume("startGame", "10.0.0.9")).toMatchObject({ allowed: false });
    expect(await limits.consume("query", "10.0.0.9")).toEqual({ allowed: true });
    expect(reports).toEqual([{ budget: "startGame", failures: 1 }]);

    await server.restart();
    await waitUntilReady(redis, 10_000);
    expect(await limits.consume("startGame", "10.0.0.10")).toEqual({ allowed: true });
    const raw = new Redis(server.url);
    expect(await raw.get(`${prefix}:ratelimit:startGame:10.0.0.10`)).toBe("1");
    raw.disconnect();
  }, 30_000);
});

describe("FlexibleRateLimits in memory", () => {
  it("counts per instance", async () => {
    const a = FlexibleRateLimits.inMemory(SETTINGS);
    const b = FlexibleRateLimits.inMemory(SETTINGS);
    expect(await a.consume("startGame", "c", 3)).toEqual({ allowed: true });
    expect(await a.consume("startGame", "c")).toMatchObject({ allowed: false, points: 3 });
    expect(await b.consume("startGame", "c")).toEqual({ allowed: true });
  });
});
