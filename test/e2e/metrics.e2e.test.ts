/**
 * GET /metrics on the real server (`node dist/main.js`) on Redis: after a known sequence (one
 * game started, 3 attacks, 1 attack refused with FORBIDDEN, a stale attack refused in its payload
 * with CONFLICT over HTTP and over WebSocket, 2 subscriptions opened then closed,
 * one query under a made-up operation name), the scrape shows exactly those counts, the gauges go
 * up while subscriptions run and back to 0 after, a client's operation name creates no series,
 * and prom-client's process metrics are there. With tiny budgets, RATE_LIMITED refusals over HTTP
 * and WebSocket are counted under their root field and in dwemthy_rate_limited_total.
 * METRICS_ENABLED=false serves no /metrics.
 */
import type { Redis } from "ioredis";
import { rawClient, testRedisUrl, uniquePrefix } from "../support/redis";
import {
  ATTACK,
  BATTLE_TURNS,
  START_GAME,
  clearAndQuit,
  postGraphQL,
} from "./support/bad-input-cases";
import { httpClient, wsClient, wsOnce, wsSubscribe } from "./support/clients";
import { startServerProcess, type ServerProcess } from "./support/server-process";

jest.setTimeout(30_000);

/** What the tests read of an attack's payload. */
interface AttackData {
  attack: { userErrors: { code: string }[] };
}

/** One sample of the Prometheus text format. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The text format, simply: `name{label="value",...} number` lines; comments kept apart. */
function parseMetrics(text: string): { samples: Sample[]; help: Map<string, string> } {
  const samples: Sample[] = [];
  const help = new Map<string, string>();
  for (const line of text.split("\n")) {
    const helpLine = /^# HELP (\S+) (.*)$/.exec(line);
    if (helpLine) help.set(helpLine[1]!, helpLine[2]!);
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[key!] = value!;
    }
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return { samples, help };
}

/** The value of the one sample with this name and exactly these labels (0 when there is none). */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter(
    (s) =>
      s.name === name &&
      Object.keys(s.labels).length === Object.keys(labels).length &&
      Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name}`);
  return found[0]?.value ?? 0;
}

const WALL = { name: "Wall", life: 1_000_000, strength: 0, charisma: 0, weapon: 0 };
const MADE_UP_NAME = "SomeClientsOwnName7f3a";
const ROOT_FIELDS = [
  "game",
  "bestiary",
  "startGame",
  "attack",
  "updateMonster",
  "abandonGame",
  "battleTurns",
];

describe("GET /metrics", () => {
  const prefix = uniquePrefix();
  let server: ServerProcess;
  let redis: Redis;
  let metricsUrl: string;

  async function scrape(): Promise<{ samples: Sample[]; help: Map<string, string>; text: string }> {
    const res = await fetch(metricsUrl);
    expect(res.status).toBe(200);
    const text = await res.text();
    return { ...parseMetrics(text), text };
  }

  /** Scrapes until `done` holds (bounded), then returns that scrape. */
  async function scrapeUntil(done: (samples: Sample[]) => boolean, totalMs = 10_000) {
    const deadline = Date.now() + totalMs;
    for (;;) {
      const scraped = await scrape();
      if (done(scraped.samples) || Date.now() > deadline) return scraped;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const requests = (samples: Sample[], transport: string, operation: string, code: string) =>
    valueOf(samples, "dwemthy_graphql_requests_total", { transport, operation, code });
  const activeSubscriptions = (samples: Sample[]) =>
    valueOf(samples, "dwemthy_websocket_subscriptions_active");
  const activeConnections = (samples: Sample[]) =>
    valueOf(samples, "dwemthy_websocket_connections_active");

  beforeAll(async () => {
    redis = rawClient();
    server = await startServerProcess({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix });
    metricsUrl = `http://127.0.0.1:${server.port}/metrics`;
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    if (redis) await clearAndQuit(redis, prefix);
  });

  it("is Prometheus's text format, with HELP for every dwemthy_ metric and the process metrics", async () => {
    const res = await fetch(metricsUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const { samples, help } = parseMetrics(await res.text());
    for (const name of [
      "dwemthy_graphql_requests_total",
      "dwemthy_graphql_request_duration_seconds",
      "dwemthy_game_commits_total",
      "dwemthy_game_commit_conflicts_total",
      "dwemthy_game_commit_retries_total",
      "dwemthy_websocket_connections_active",
      "dwemthy_websocket_subscriptions_active",
      "dwemthy_rate_limited_total",
      "dwemthy_store_errors_total",
    ]) {
      expect(help.get(name)).toEqual(expect.stringMatching(/\w{3,}/));
    }
    expect(samples.some((s) => s.name === "process_cpu_user_seconds_total")).toBe(true);
    expect(samples.some((s) => s.name === "nodejs_heap_size_used_bytes")).toBe(true);
    // Nothing counted before anything was asked.
    expect(samples.filter((s) => s.name === "dwemthy_graphql_requests_total")).toEqual([]);
  });

  it("counts exactly what was done, over HTTP and WebSocket, with bounded labels", async () => {
    const http = httpClient(server.url);
    const started = await http.mutate<{
      startGame: { playerToken: string; game: { id: string } };
    }>(START_GAME, { input: { seed: 9, monsters: [WALL] } });
    expect(started.errors).toEqual([]);
    const { playerToken, game } = started.data!.startGame;

    const player = httpClient(server.url, playerToken);
    for (const weapon of ["BOOMERANG", "SWORD", "LETTUCE"]) {
      const attacked = await player.mutate(ATTACK, { gameId: game.id, weapon });
      expect(attacked.errors).toEqual([]);
    }
    const refused = await httpClient(server.url, "not-this-games-token").mutate(ATTACK, {
      gameId: game.id,
      weapon: "BOMB",
    });
    expect(refused.errors.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    // A retry of turn 1, refused in its payload: counted under its userErrors code, not OK.
    const stale = { gameId: game.id, weapon: "BOMB", expectedTurn: 0 };
    const conflicted = await player.mutate<AttackData>(ATTACK, stale);
    expect(conflicted.data?.attack.userErrors.map((e) => e.code)).toEqual(["CONFLICT"]);
    const playerWs = wsClient(server.wsUrl, playerToken);
    try {
      const overWs = await wsOnce<AttackData>(playerWs, ATTACK, stale);
      expect(overWs.data?.attack.userErrors.map((e) => e.code)).toEqual(["CONFLICT"]);
    } finally {
      await playerWs.dispose();
    }

    // Two subscriptions on one connection, each replaying the 3 turns, then closed.
    const ws = wsClient(server.wsUrl);
    try {
      const watches = [1, 2].map(() =>
        wsSubscribe<{ battleTurns: { turn: number } }>(ws, BATTLE_TURNS, {
          gameId: game.id,
          fromTurn: 1,
        }),
      );
      for (const watch of watches) {
        // Short waits in a loop: one long waitUntil leaves its timer pending after the test.
        const deadline = Date.now() + 5_000;
        while (watch.items.length < 3 && !watch.completed && Date.now() < deadline) {
          await watch.waitFor(3, 100);
        }
        // One message per turn.
        expect(watch.items.map((i) => i.battleTurns.turn)).toEqual([1, 2, 3]);
        expect(watch.errors).toEqual([]);
      }
      const open = await scrapeUntil((s) => activeSubscriptions(s) === 2);
      expect(activeSubscriptions(open.samples)).toBe(2);
      expect(activeConnections(open.samples)).toBe(1);
      // Counted when they end, not before.
      expect(requests(open.samples, "ws", "battleTurns", "OK")).toBe(0);

      for (const watch of watches) watch.unsubscribe();
      const closed = await scrapeUntil(
        (s) => activeSubscriptions(s) === 0 && requests(s, "ws", "battleTurns", "OK") === 2,
      );
      expect(activeSubscriptions(closed.samples)).toBe(0);
      expect(requests(closed.samples, "ws", "battleTurns", "OK")).toBe(2);
    } finally {
      await ws.dispose();
    }

    const named = await http.query<{ bestiary: unknown[] }>(
      `query ${MADE_UP_NAME} { bestiary { name } }`,
    );
    expect(named.errors).toEqual([]);

    const { samples, text } = await scrapeUntil(
      (s) => activeConnections(s) === 0 && requests(s, "http", "bestiary", "OK") === 1,
    );
    expect(activeConnections(samples)).toBe(0);

    // Every request, once, under its root field and outcome code; nothing else.
    const counted = samples
      .filter((s) => s.name === "dwemthy_graphql_requests_total")
      .map((s) => ({ ...s.labels, value: s.value }));
    expect(counted).toHaveLength(7);
    expect(counted).toEqual(
      expect.arrayContaining([
        { transport: "http", operation: "startGame", code: "OK", value: 1 },
        { transport: "http", operation: "attack", code: "OK", value: 3 },
        { transport: "http", operation: "attack", code: "FORBIDDEN", value: 1 },
        { transport: "http", operation: "attack", code: "CONFLICT", value: 1 },
        { transport: "ws", operation: "attack", code: "CONFLICT", value: 1 },
        { transport: "ws", operation: "battleTurns", code: "OK", value: 2 },
        { transport: "http", operation: "bestiary", code: "OK", value: 1 },
      ]),
    );
    const latency = (transport: string, operation: string) =>
      valueOf(samples, "dwemthy_graphql_request_duration_seconds_count", { transport, operation });
    expect(latency("http", "attack")).toBe(5);
    expect(latency("ws", "attack")).toBe(1);
    expect(latency("http", "startGame")).toBe(1);
    expect(latency("ws", "battleTurns")).toBe(2);

    // Through GameService's observer: 3 turns committed, no race lost.
    expect(valueOf(samples, "dwemthy_game_commits_total", { use_case: "attack" })).toBe(3);
    expect(valueOf(samples, "dwemthy_game_commits_total", { use_case: "updateMonster" })).toBe(0);
    expect(valueOf(samples, "dwemthy_game_commit_conflicts_total", { use_case: "attack" })).toBe(0);
    expect(valueOf(samples, "dwemthy_game_commit_retries_total", { use_case: "attack" })).toBe(0);
    for (const transport of ["http", "ws"]) {
      expect(samples).toContainEqual({
        name: "dwemthy_rate_limited_total",
        labels: { transport },
        value: 0,
      });
    }
    expect(samples.filter((s) => s.name === "dwemthy_store_errors_total")).toEqual([]);

    // The client's operation name is no label value anywhere; operations are root fields or other.
    expect(text).not.toContain(MADE_UP_NAME);
    for (const sample of samples.filter((s) => s.labels.operation !== undefined)) {
      expect([...ROOT_FIELDS, "other"]).toContain(sample.labels.operation);
    }
  });

  it("counts RATE_LIMITED refusals under their root field, and in dwemthy_rate_limited_total", async () => {
    // One game per window; the connection and one subscription use up the subscription budget.
    const limited = await startServerProcess({
      RATE_LIMIT_START_GAME: "1",
      RATE_LIMIT_SUBSCRIPTIONS: "2",
    });
    const ws = wsClient(limited.wsUrl);
    try {
      const start = { query: START_GAME, variables: { input: { seed: 5, monsters: [WALL] } } };
      const first = await postGraphQL(limited.url, start);
      expect(first.status).toBe(200);
      const refused = await postGraphQL(limited.url, start);
      expect(refused.status).toBe(429);
      expect(refused.body?.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
      const gameId = (first.body?.data as { startGame: { game: { id: string } } }).startGame.game
        .id;

      const watching = wsSubscribe<unknown>(ws, BATTLE_TURNS, { gameId });
      const over = wsSubscribe<unknown>(ws, BATTLE_TURNS, { gameId });
      const deadline = Date.now() + 5_000;
      while (over.errors.length === 0 && Date.now() < deadline) await over.waitFor(1, 100);
      expect(over.errors.map((e) => e.extensions?.code)).toEqual(["RATE_LIMITED"]);
      expect(watching.errors).toEqual([]);

      const url = `http://127.0.0.1:${limited.port}/metrics`;
      let samples: Sample[] = [];
      for (let i = 0; i < 100; i++) {
        samples = parseMetrics(await (await fetch(url)).text()).samples;
        if (valueOf(samples, "dwemthy_websocket_subscriptions_active") === 1) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const requests = (transport: string, code: string, operation: string) =>
        valueOf(samples, "dwemthy_graphql_requests_total", { transport, operation, code });
      expect(requests("http", "OK", "startGame")).toBe(1);
      expect(requests("http", "RATE_LIMITED", "startGame")).toBe(1);
      expect(requests("ws", "RATE_LIMITED", "battleTurns")).toBe(1);
      expect(valueOf(samples, "dwemthy_rate_limited_total", { transport: "http" })).toBe(1);
      expect(valueOf(samples, "dwemthy_rate_limited_total", { transport: "ws" })).toBe(1);
      expect(valueOf(samples, "dwemthy_websocket_subscriptions_active")).toBe(1);
      watching.unsubscribe();
    } finally {
      await ws.dispose();
      await limited.stop();
    }
  });

  it("is not served with METRICS_ENABLED=false", async () => {
    const off = await startServerProcess({ METRICS_ENABLED: "false" });
    try {
      const res = await fetch(`http://127.0.0.1:${off.port}/metrics`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("dwemthy_");
    } finally {
      await off.stop();
    }
  });
});
