import { once } from "node:events";
import { createClient, type Client as WsClient } from "graphql-ws";
import type { Redis } from "ioredis";
import WebSocket from "ws";
import { rawClient, testRedisUrl, uniquePrefix } from "../support/redis";
import { clearAndQuit, redisSnapshot, type RedisSnapshot } from "./support/bad-input-cases";
import { wsOnce, wsSubscribe, type ReceivedError } from "./support/clients";
import { ATTACK, BATTLE_TURNS, GAME, type ApiGame, type ApiTurn } from "./support/operations";
import { startServerProcess, type ServerProcess } from "./support/server-process";

const START = `mutation { startGame(input: { seed: 7 }) { playerToken game { id } } }`;
const START_TWO = `mutation {
  a: startGame(input: { seed: 1 }) { game { id } }
  b: startGame(input: { seed: 2 }) { game { id } }
}`;
const BESTIARY = `{ bestiary { name } }`;
const WINDOW_SECONDS = 60;

// Hooks start up to three server processes at once: past jest's 5 s on a loaded machine.
jest.setTimeout(30_000);

type Started = { startGame: { playerToken: string; game: { id: string } } };

/** What came back over HTTP, with the status and Retry-After a GraphQL client would hide. */
interface Answer<T> {
  status: number;
  retryAfter: string | null;
  body: { data?: T | null; errors?: ReceivedError[] };
}

/** POSTs one operation, as the client at `forwardedFor` (when given) behind a proxy. */
async function post<T>(
  url: string,
  query: string,
  {
    forwardedFor,
    token,
    variables,
  }: { forwardedFor?: string; token?: string; variables?: object } = {},
): Promise<Answer<T>> {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body: (await res.json()) as Answer<T>["body"],
  };
}

/** A refusal as the issue asks: 429, Retry-After, RATE_LIMITED naming the budget, nothing run. */
function expectRateLimited(answer: Answer<unknown>, budget: string): void {
  expect(answer.status).toBe(429);
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toHaveLength(1);
  const error = answer.body.errors![0]!;
  expect(error.extensions?.code).toBe("RATE_LIMITED");
  expect(error.extensions?.budget).toBe(budget);
  const retryAfter = error.extensions?.retryAfterSeconds as number;
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
  expect(answer.retryAfter).toBe(String(retryAfter));
  expect(error.message).toContain(`the ${budget} budget allows`);
  expect(error.message).toContain(`Retry in ${retryAfter} s.`);
  // Apollo's internals (http, stacktrace) do not reach the client.
  expect(Object.keys(error.extensions!).sort()).toEqual(["budget", "code", "retryAfterSeconds"]);
}

function expectServed(answer: Answer<Started>): void {
  expect(answer.body.errors).toBeUndefined();
  expect(answer.status).toBe(200);
  expect(answer.body.data?.startGame.game.id).toEqual(expect.any(String));
}

/** The games' keys under a prefix (redisSnapshot leaves the rate limiter's counters out). */
function gameKeys(redis: Redis, prefix: string): Promise<RedisSnapshot> {
  return redisSnapshot(redis, prefix);
}

/** A graphql-ws client whose upgrade request carries X-Forwarded-For (as a proxy would add it). */
function wsClientFrom(url: string, forwardedFor: string): WsClient {
  class Forwarded extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { "x-forwarded-for": forwardedFor } });
    }
  }
  return createClient({ url, webSocketImpl: Forwarded, retryAttempts: 0, lazy: true });
}

describe("rate limits on Redis behind a trusted proxy (TRUST_PROXY=1)", () => {
  let server: ServerProcess;
  let redis: Redis;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    redis = rawClient();
    server = await startServerProcess({
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: prefix,
      TRUST_PROXY: "1",
      RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
      RATE_LIMIT_START_GAME: "3",
      RATE_LIMIT_SUBSCRIPTIONS: "3",
    });
  });
  afterAll(async () => {
    await server?.stop();
    await clearAndQuit(redis, prefix);
  });

  it("refuses a flood of startGame after exactly its budget, stores nothing for it, and still serves another client", async () => {
    const flooder = "203.0.113.1";
    for (let i = 0; i < 3; i++) {
      expectServed(await post<Started>(server.url, START, { forwardedFor: flooder }));
    }
    const before = await gameKeys(redis, prefix);
    expect(Object.keys(before).filter((k) => k.endsWith(":g"))).toHaveLength(3);

    const flood = await Promise.all(
      Array.from({ length: 5 }, () => post<Started>(server.url, START, { forwardedFor: flooder })),
    );
    for (const answer of flood) expectRateLimited(answer, "startGame");
    expect(await gameKeys(redis, prefix)).toEqual(before);
    // The counter lives in Redis (every point asked for, refused ones too), under the prefix.
    expect(await redis.get(`${prefix}:ratelimit:startGame:${flooder}`)).toBe("8");

    // Another client has its own budget; the flooder's other budgets are untouched.
    expectServed(await post<Started>(server.url, START, { forwardedFor: "203.0.113.2" }));
    const bestiary = await post<{ bestiary: unknown[] }>(server.url, BESTIARY, {
      forwardedFor: flooder,
    });
    expect(bestiary.status).toBe(200);
    expect(bestiary.body.data?.bestiary.length).toBeGreaterThan(0);
  }, 30_000);

  it("charges one startGame point per game a mutation would create", async () => {
    const client = "203.0.113.3";
    const two = await post<Record<string, unknown>>(server.url, START_TWO, {
      forwardedFor: client,
    });
    expect(two.body.errors).toBeUndefined();
    const before = await gameKeys(redis, prefix);
    // 2 + 2 is over 3: refused whole, neither game created.
    expectRateLimited(await post(server.url, START_TWO, { forwardedFor: client }), "startGame");
    expect(await gameKeys(redis, prefix)).toEqual(before);
  }, 30_000);

  it("over WebSocket refuses the subscription over budget with RATE_LIMITED and keeps the socket and its subscriptions", async () => {
    const started = await post<Started>(server.url, START, { forwardedFor: "198.51.100.9" });
    const { playerToken, game } = started.body.data!.startGame;
    const attack = () =>
      post<{ attack: { game: ApiGame } }>(server.url, ATTACK, {
        forwardedFor: "198.51.100.9",
        token: playerToken,
        variables: { gameId: game.id, weapon: "LETTUCE" },
      });

    // Budget 3: the connection is one point, each subscription one.
    const watcher = wsClientFrom(server.wsUrl, "198.51.100.1");
    const variables = { gameId: game.id, fromTurn: 1 };
    const first = wsSubscribe<{ battleTurns: ApiTurn }>(watcher, BATTLE_TURNS, variables);
    const second = wsSubscribe<{ battleTurns: ApiTurn }>(watcher, BATTLE_TURNS, variables);
    expect((await attack()).status).toBe(200);
    await first.waitUntil((items) => items.some((i) => i.battleTurns.turn === 1));
    await second.waitUntil((items) => items.some((i) => i.battleTurns.turn === 1));
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);

    const third = wsSubscribe<{ battleTurns: ApiTurn }>(watcher, BATTLE_TURNS, variables);
    await third.waitUntil(() => third.errors.length > 0);
    expect(third.items).toEqual([]);
    expect(third.errors).toHaveLength(1);
    const refusal = third.errors[0]!;
    expect(refusal.extensions?.code).toBe("RATE_LIMITED");
    expect(refusal.extensions?.budget).toBe("subscription");
    expect(refusal.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refusal.extensions?.http).toBeUndefined();
    expect(refusal.message).toContain("Retry in");

    // The socket is still open: a query (another budget) runs on it, the first two still hear turns.
    const read = await wsOnce<{ game: ApiGame }>(watcher, GAME, { id: game.id });
    expect(read.errors).toEqual([]);
    expect(read.data?.game.turn).toBe(1);
    expect((await attack()).status).toBe(200);
    await first.waitUntil((items) => items.some((i) => i.battleTurns.turn === 2));
    await second.waitUntil((items) => items.some((i) => i.battleTurns.turn === 2));
    for (const watch of [first, second]) {
      // One message per turn, each once; the last carries the game after it.
      expect(watch.items.map((i) => i.battleTurns.turn)).toEqual([1, 2]);
      expect(watch.items.at(-1)!.battleTurns.game?.turn).toBe(2);
    }
    expect(first.completed).toBe(false);

    // A new connection from the same client is over budget: closed at once with 4429.
    const another = new WebSocket(server.wsUrl, "graphql-transport-ws", {
      headers: { "x-forwarded-for": "198.51.100.1" },
    });
    const [code, reason] = (await once(another, "close")) as [number, Buffer];
    expect(code).toBe(4429);
    expect(reason.toString()).toMatch(/^Rate limited: too many new connections; retry in \d+ s$/);

    // Another client (by X-Forwarded-For, over WebSocket too) is served.
    const other = wsClientFrom(server.wsUrl, "198.51.100.2");
    const otherRead = await wsOnce<{ game: ApiGame }>(other, GAME, { id: game.id });
    expect(otherRead.errors).toEqual([]);

    first.unsubscribe();
    second.unsubscribe();
    await Promise.all([watcher.dispose(), other.dispose()]);
  }, 30_000);
});

describe("rate limits without TRUST_PROXY", () => {
  let server: ServerProcess;
  let redis: Redis;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    redis = rawClient();
    server = await startServerProcess({
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: prefix,
      RATE_LIMIT_START_GAME: "2",
    });
  });
  afterAll(async () => {
    await server?.stop();
    await clearAndQuit(redis, prefix);
  });

  it("do not believe X-Forwarded-For: a forged one gets no fresh budget", async () => {
    expectServed(await post<Started>(server.url, START, { forwardedFor: "192.0.2.1" }));
    expectServed(await post<Started>(server.url, START, { forwardedFor: "192.0.2.2" }));
    expectRateLimited(await post(server.url, START, { forwardedFor: "192.0.2.3" }), "startGame");
    expectRateLimited(await post(server.url, START), "startGame");
    // Counted against the socket's address.
    expect(await redis.get(`${prefix}:ratelimit:startGame:127.0.0.1`)).toBe("4");
  }, 30_000);
});

describe("two server processes on one Redis", () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let redis: Redis;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    redis = rawClient();
    const env = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix, RATE_LIMIT_START_GAME: "4" };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await clearAndQuit(redis, prefix);
  });

  it("share one budget per client: half on each, then both refuse", async () => {
    for (const server of [a, a, b, b]) expectServed(await post<Started>(server.url, START));
    expectRateLimited(await post(a.url, START), "startGame");
    expectRateLimited(await post(b.url, START), "startGame");
  }, 30_000);
});

describe("on the embedded in-memory store", () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let unlimited: ServerProcess;

  beforeAll(async () => {
    const env = { RATE_LIMIT_START_GAME: "2" };
    [a, b, unlimited] = await Promise.all([
      startServerProcess(env),
      startServerProcess(env),
      startServerProcess({ ...env, RATE_LIMITING: "off" }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop(), unlimited?.stop()]);
  });

  it("each process counts its own budget", async () => {
    for (const server of [a, a]) expectServed(await post<Started>(server.url, START));
    expectRateLimited(await post(a.url, START), "startGame");
    for (const server of [b, b]) expectServed(await post<Started>(server.url, START));
    expectRateLimited(await post(b.url, START), "startGame");
  }, 30_000);

  it("RATE_LIMITING=off turns the limits off", async () => {
    for (let i = 0; i < 4; i++) expectServed(await post<Started>(unlimited.url, START));
  }, 30_000);
});
