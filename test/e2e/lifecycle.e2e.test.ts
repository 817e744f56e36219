import { startRedisServer, type RedisServer } from "../support/redis-server";
import { httpClient, wsClient, wsOnce, wsSubscribe, type ReceivedError } from "./support/clients";
import {
  ATTACK,
  BATTLE_TURNS,
  GAME,
  START_GAME,
  type ApiEvent,
  type ApiGame,
  type ApiTurn,
} from "./support/operations";
import { startServerProcess } from "./support/server-process";
import { execFileSync } from "node:child_process";

type Started = { startGame: { playerToken: string; game: ApiGame } };
type Attacked = { attack: { game: ApiGame; events: ApiEvent[] } };

/** The pid of a test redis-server, for pausing it with SIGSTOP. */
function redisPid(redis: RedisServer): number {
  const out = execFileSync("pgrep", ["-f", `^redis-server [^ ]*:${redis.port}( |$)`])
    .toString()
    .trim();
  return Number(out.split("\n")[0]);
}

describe("the server process", () => {
  it("logs which store it uses and where to click when it starts", async () => {
    const server = await startServerProcess({ LOG_LEVEL: "info" });
    try {
      const start = server
        .logs()
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { msg: string; store?: string; port?: number })
        .find((entry) => entry.msg.startsWith("dwemthy listening"));
      const base = `http://127.0.0.1:${server.port}`;
      expect(start).toMatchObject({
        store: "memory",
        port: server.port,
        webClient: `${base}/`,
        ide: `${base}/graphql`,
        api: `${base}/graphql`,
      });
      expect(start?.msg).toBe(
        `dwemthy listening: play at ${base}/ , try queries at ${base}/graphql (the IDE); on the embedded in-memory store (games are lost on restart; set REDIS_URL to use Redis)`,
      );
    } finally {
      await server.stop();
    }
  });

  it("on SIGTERM, finishes a request in flight, then exits 0", async () => {
    // Its own Redis, paused, holds an attack in flight while the server is told to stop.
    const redis = await startRedisServer();
    // In production: Apollo's own signal handling is on outside NODE_ENV=test, which once made
    // the server exit 1 at once instead of draining.
    const server = await startServerProcess({
      NODE_ENV: "production",
      REDIS_URL: redis.url,
      REDIS_COMMAND_TIMEOUT_MS: "10000",
    });
    try {
      const started = await httpClient(server.url).mutate<Started>(START_GAME, {
        input: { seed: 1 },
      });
      const { playerToken, game } = started.data!.startGame;
      const pid = redisPid(redis);
      process.kill(pid, "SIGSTOP");
      const inFlight = httpClient(server.url, playerToken).mutate<Attacked>(ATTACK, {
        gameId: game.id,
        weapon: "BOOMERANG",
      });
      await new Promise((r) => setTimeout(r, 300));
      server.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      // Stopping: a new connection is refused, while the request in flight is still waited for.
      await expect(fetch(`${server.url.replace("/graphql", "/healthz")}`)).rejects.toThrow();
      process.kill(pid, "SIGCONT");

      const result = await inFlight;
      expect(result.errors).toEqual([]);
      expect(result.data?.attack.game.turn).toBe(1);
      expect(await server.exited).toEqual({ code: 0, signal: null });
    } finally {
      await server.stop();
      await redis.stop();
    }
  }, 30_000);

  it("on SIGTERM, closes open WebSocket subscriptions and exits 0", async () => {
    const server = await startServerProcess({ NODE_ENV: "development" });
    const client = wsClient(server.wsUrl);
    const started = await wsOnce<Started>(client, START_GAME, { input: { seed: 2 } });
    expect(started.errors).toEqual([]);
    const closed = new Promise<void>((resolve) => client.on("closed", () => resolve()));
    const subscription = client.iterate({
      query: `subscription { battleTurns(gameId: "${started.data!.startGame.game.id}") { turn } }`,
    });
    void subscription.next().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    server.child.kill("SIGTERM");
    await closed;
    expect(await server.exited).toEqual({ code: 0, signal: null });
    await client.dispose();
  }, 20_000);

  it("refuses to start on a bad setting, naming the variable, with exit code 2", async () => {
    await expect(startServerProcess({ PORT: "70000", GAME_TTL_SECONDS: "soon" })).rejects.toThrow(
      /exited at start \(code 2\)[\s\S]*PORT[\s\S]*GAME_TTL_SECONDS: must be a whole number/,
    );
    await expect(startServerProcess({ REDIS_KEY_PREFIX: "bad{prefix}" })).rejects.toThrow(
      /REDIS_KEY_PREFIX/,
    );
    await expect(startServerProcess({ REDIS_URL: "http://localhost" })).rejects.toThrow(
      /REDIS_URL: must start with redis:\/\//,
    );
  }, 30_000);

  it("stays up with Redis down: STORE_UNAVAILABLE and /readyz 503, then recovers when Redis is back", async () => {
    const redis = await startRedisServer();
    const server = await startServerProcess({
      REDIS_URL: redis.url,
      REDIS_COMMAND_TIMEOUT_MS: "500",
    });
    const base = server.url.replace("/graphql", "");
    try {
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const pid = redisPid(redis);
      process.kill(pid, "SIGSTOP");
      const refused = await httpClient(server.url).mutate<Started>(START_GAME, {});
      expect(refused.errors.map((e) => e.extensions?.code)).toEqual(["STORE_UNAVAILABLE"]);
      expect((await fetch(`${base}/readyz`)).status).toBe(503);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      process.kill(pid, "SIGCONT");
      let ready = 0;
      for (let i = 0; i < 50 && ready !== 200; i++) {
        ready = (await fetch(`${base}/readyz`)).status;
        if (ready !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(ready).toBe(200);
      const started = await httpClient(server.url).mutate<Started>(START_GAME, {});
      expect(started.errors).toEqual([]);
      expect(server.child.exitCode).toBeNull();
    } finally {
      await server.stop();
      await redis.stop();
    }
  }, 30_000);
  it("logs the store's failure with its cause, at warn, for HTTP and WebSocket requests alike", async () => {
    const redis = await startRedisServer();
    const server = await startServerProcess({
      REDIS_URL: redis.url,
      REDIS_COMMAND_TIMEOUT_MS: "300",
      LOG_LEVEL: "warn",
    });
    const watcher = wsClient(server.wsUrl);
    const pid = redisPid(redis);
    try {
      const started = await httpClient(server.url).mutate<Started>(START_GAME, {});
      const { playerToken, game } = started.data!.startGame;
      process.kill(pid, "SIGSTOP");
      const refused = await httpClient(server.url, playerToken).mutate<Attacked>(ATTACK, {
        gameId: game.id,
        weapon: "SWORD",
      });
      expect(refused.errors).toEqual([
        expect.objectContaining({
          message: "The game store is unavailable right now; try again shortly.",
          extensions: { code: "STORE_UNAVAILABLE" },
        }),
      ]);
      const watched = await wsOnce(watcher, BATTLE_TURNS, { gameId: game.id });
      expect(watched.errors.map((e) => e.extensions?.code)).toEqual(["STORE_UNAVAILABLE"]);

      type LogLine = { level: number; msg: string; code?: string; path?: string[] };
      const storeLines = (): (LogLine & { err?: { message?: string } })[] =>
        server
          .logs()
          .split("\n")
          .filter((line) => line.startsWith("{"))
          .map((line) => JSON.parse(line) as LogLine & { err?: { message?: string } })
          .filter((l) => l.msg === "the game store is unavailable");
      // The child's stdout reaches this process a moment after its reply did.
      for (let i = 0; i < 100 && storeLines().length < 2; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(storeLines().map((l) => [l.level, l.code, l.path])).toEqual([
        [40, "STORE_UNAVAILABLE", ["attack"]],
        [40, "STORE_UNAVAILABLE", ["battleTurns"]],
      ]);
      // The cause is the driver's own words, which the client never sees.
      for (const line of storeLines()) expect(line.err?.message).toMatch(/timed out/i);
    } finally {
      process.kill(pid, "SIGCONT");
      await watcher.dispose();
      await server.stop();
      await redis.stop();
    }
  }, 30_000);

  it.each([
    ["Redis", true],
    ["the in-memory store", false],
  ])(
    "completes a WebSocket subscription when its game expires, on %s",
    async (_store, onRedis) => {
      const redis = onRedis ? await startRedisServer() : undefined;
      const server = await startServerProcess({
        GAME_TTL_SECONDS: "1",
        SUBSCRIPTION_CHECK_MS: "200",
        ...(redis ? { REDIS_URL: redis.url } : {}),
      });
      const watcher = wsClient(server.url);
      try {
        const started = await httpClient(server.url).mutate<Started>(START_GAME, {
          input: { seed: 2 },
        });
        const { playerToken, game } = started.data!.startGame;
        const subscription = wsSubscribe<{ battleTurns: ApiTurn }>(watcher, BATTLE_TURNS, {
          gameId: game.id,
        });
        // Live once an attack's turn arrives; then nobody touches the game for its TTL.
        let heard: unknown[] = [];
        for (let i = 0; i < 20 && heard.length === 0; i++) {
          const attacked = await httpClient(server.url, playerToken).mutate<Attacked>(ATTACK, {
            gameId: game.id,
            weapon: "LETTUCE",
          });
          expect(attacked.errors).toEqual([]);
          heard = await subscription.waitFor(1, 300);
        }
        expect(heard.length).toBeGreaterThan(0);

        await subscription.waitUntil(() => false, 10_000);
        expect(subscription.completed).toBe(true);
        expect(subscription.errors).toEqual([]);
        const after = await httpClient(server.url).query<{ game: ApiGame | null }>(GAME, {
          id: game.id,
        });
        expect(after.data?.game).toBeNull();
      } finally {
        await watcher.dispose();
        await server.stop();
        await redis?.stop();
      }
    },
    30_000,
  );
});

/** Refused by validation (Apollo's rule says it once; graphql's, over WebSocket, per field). */
function expectIntrospectionRefused(errors: ReceivedError[]): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(error.message).toMatch(/introspection/i);
  }
}

describe("NODE_ENV=production", () => {
  it("turns introspection off and hides schema hints, on HTTP and WebSocket", async () => {
    const server = await startServerProcess({ NODE_ENV: "production" });
    try {
      const http = httpClient(server.url);
      const introspection = await http.query(`{ __schema { types { name } } }`);
      expectIntrospectionRefused(introspection.errors);
      const typo = await http.query(`{ bestiery { name } }`);
      expect(typo.errors.map((e) => e.extensions?.code)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
      expect(typo.errors[0]?.message).not.toContain("Did you mean");

      const ws = wsClient(server.wsUrl);
      const overWs = await wsOnce(ws, `{ __schema { types { name } } }`);
      expectIntrospectionRefused(overWs.errors);
      const typoOverWs = await wsOnce(ws, `{ bestiery { name } }`);
      expect(typoOverWs.errors.map((e) => e.extensions?.code)).toEqual([
        "GRAPHQL_VALIDATION_FAILED",
      ]);
      // A bad enum in variables, on both transports: refused, with no hint at the right value.
      const attack = `mutation($w: Weapon!) { attack(input: { gameId: "g", weapon: $w }) { game { id } } }`;
      const badEnum = [
        await http.mutate(attack, { w: "BOOMERAN" }),
        await wsOnce(ws, attack, { w: "BOOMERAN" }),
      ];
      for (const outcome of badEnum) {
        expect(outcome.errors.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
        expect(outcome.errors[0]?.message).not.toContain("Did you mean");
      }
      for (const outcome of [typoOverWs])
        expect(outcome.errors[0]?.message).not.toContain("Did you mean");
      await ws.dispose();
      // The landing page is off: a browser GET gets no IDE.
      const page = await fetch(server.url, { headers: { accept: "text/html" } });
      expect(await page.text()).not.toContain("<html");
    } finally {
      await server.stop();
    }
  }, 20_000);

  it("keeps introspection on in development", async () => {
    const server = await startServerProcess({ NODE_ENV: "development" });
    try {
      const result = await httpClient(server.url).query<{
        __schema: { queryType: { name: string } };
      }>(`{ __schema { queryType { name } } }`);
      expect(result.data?.__schema.queryType.name).toBe("Query");
    } finally {
      await server.stop();
    }
  });
});
