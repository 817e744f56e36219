/**
 * Fan-out benchmark: live `battleEvents` subscriptions over graphql-ws, on the real server process
 * (`node dist/main.js` on Redis), with many subscribers on one game.
 *
 *   npm run bench:fanout
 *
 * Starts its own redis-server (no persistence) on a free port and, per scenario, a fresh server
 * process (two for the cross-process rows: subscribers on one, attacks sent to the other) with the
 * tests' startServerProcess, NODE_ENV=production, LOG_LEVEL=warn, rate limits off and the WebSocket
 * limits raised to fit the scenario (no other variable of this shell reaches it). Per scenario:
 * a game that cannot end is started; the subscribers connect (graphql-ws's own client over `ws`,
 * in this process) and subscribe to `battleEvents(gameId)`; warm-up attacks follow until every
 * subscriber has heard a turn; then BENCH_TURNS attacks at BENCH_RATE per second, one at a time,
 * each sent on its schedule (late if the one before is still running). Every subscriber must get
 * every event of every turn from its first one on exactly once and in order (checked against the
 * attacks' own responses); a violation fails the run. Latency: attack sent -> event received at
 * each subscriber (both clocks are this process's). Memory: the server's RSS (/proc/<pid>/status)
 * before the subscribers connect, once they are all live, and after they all closed. After the
 * close: the server's subscriptions and connections (its /metrics gauges, when it has them), the
 * game channel's subscribers on Redis (PUBSUB NUMSUB; the feed unsubscribes only once the game's
 * last local listener is gone) and every channel of the run's prefix still subscribed.
 * The baseline rows (BENCH_BASELINE subscribers, 10 by default) run in the same run.
 * Knobs: BENCH_OWN ("1000,5000": subscriber counts, each on its own connection), BENCH_SHARED
 * ("1000x10": subscriptions x connections), BENCH_BASELINE (10), BENCH_TURNS (30), BENCH_RATE (10),
 * BENCH_CROSS (1: also the cross-process rows; 0: not), BENCH_CHECK_MS (1000: the server's
 * SUBSCRIPTION_CHECK_MS, so that store checks run during the measured turns), BENCH_SERVER_NODE_ARGS
 * (extra node flags for the servers, split on spaces, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"),
 * BENCH_HEAP (0; 1: heap snapshots of the servers after a full GC, before and after the
 * subscribers, which slow the server's delivery afterwards: take latencies from a run without).
 * The file-descriptor limit must fit two sockets per connection (this process and the server's);
 * the bench says so at start when it does not.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { createRedisClient, waitUntilReady } from "../src/infrastructure/redis-client";
import type { RedisClient } from "../src/infrastructure/redis-client";
import { RedisGameKeys } from "../src/infrastructure/redis-game-keys";
import { startServerProcess, type ServerProcess } from "../test/e2e/support/server-process";
import { startRedisServer, type RedisServer } from "../test/support/redis-server";
import { envInt, quantile, redisVersion } from "./bench-support";

const TURNS = envInt("BENCH_TURNS", 30);
const RATE = envInt("BENCH_RATE", 10);
const BASELINE = envInt("BENCH_BASELINE", 10);
const CHECK_MS = envInt("BENCH_CHECK_MS", 1_000);
const CROSS = (process.env.BENCH_CROSS ?? "1") !== "0";
const OWN = list(process.env.BENCH_OWN ?? "1000,5000").map(Number);
const SHARED = list(process.env.BENCH_SHARED ?? "1000x10").map((s) => {
  const [subs, conns] = s.split("x").map(Number);
  return { subs: subs ?? NaN, conns: conns ?? NaN };
});
const KEY_PREFIX = `bench-fanout-${randomUUID().slice(0, 8)}`;
/** The whole run is bounded: past this the watchdog kills every process it started, exit 1. */
const WATCHDOG_MS = envInt("BENCH_WATCHDOG_S", 900) * 1_000;
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
// Off by default: a server that has written a heap snapshot delivered events about half as fast
// afterwards (p99 at 1,000 subscribers 308 -> 670 ms), so the heap figures come from a run of
// their own (BENCH_HEAP=1), and the latency figures from one without.
const HEAP_SNAPSHOTS = (process.env.BENCH_HEAP ?? "0") === "1";
/** Where the servers write their heap snapshots (read, then deleted). */
const SNAPSHOT_DIR = HEAP_SNAPSHOTS ? mkdtempSync(path.join(os.tmpdir(), "fanout-heap-")) : "";
const CONNECT_BATCH = 100;
const DELIVERY_TIMEOUT_MS = 60_000;
const SETTLE_MS = 3_000;

const SUBSCRIPTION =
  "subscription Watch($gameId: ID!) { battleEvents(gameId: $gameId) { __typename turn message } }";
const START =
  "mutation Start($input: StartGameInput) { startGame(input: $input) { playerToken game { id turn } } }";
const ATTACK =
  "mutation Attack($gameId: ID!) { attack(gameId: $gameId, weapon: LETTUCE) { game { turn } events { __typename turn message } } }";
const ABANDON = "mutation Abandon($gameId: ID!) { abandonGame(gameId: $gameId) }";
/** A game that does not end (see bench/api-bench.ts): LETTUCE hits 0 or 1 of a million life. */
const ENDLESS_ARRAY = [
  { name: "EndlessTarget", life: 1_000_000, strength: 0, charisma: 0, weapon: 0 },
];

interface Spec {
  name: string;
  subscribers: number;
  connections: number;
  cross: boolean;
  baseline: boolean;
}

interface Heard {
  keys: string[];
  times: number[];
  completed: boolean;
  errors: string[];
}

interface Result {
  spec: Spec;
  delivered: number;
  expected: number;
  violations: string[];
  latencies: number[];
  attacksLate: number;
  attackMs: number[];
  rssBaseKb: number;
  rssLiveKb: number;
  rssAfterKb: number;
  /** The server's V8 heap in use (its /metrics nodejs_heap_size_used_bytes), MB; NaN without it. */
  heapMb: { base: number; live: number; after: number };
  /** The live heap after a full GC (heap snapshots), MB, before the clients and after they closed. */
  liveHeapMb: { base: number; after: number };
  serverCpuS: number;
  /** This process's CPU (the clients) over the same time. */
  benchCpuS: number;
  measuredS: number;
  redisCpuS: number;
  activeSubscriptions: string;
  afterClose: { subscriptions: string; connections: string; numsub: number; channels: number };
  checkLoads: number;
}

type Event = { __typename: string; turn: number; message: string };

function list(raw: string): string[] {
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const keyOf = (e: Event) => `${e.turn}|${e.__typename}|${e.message}`;

async function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown };
  if (response.status !== 200 || !body.data || body.errors) {
    throw new Error(`${query.slice(0, 30)}...: HTTP ${response.status} ${text.slice(0, 300)}`);
  }
  return body.data;
}

function rssKb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
  } catch {
    return Number.NaN;
  }
}

/** User + system CPU seconds of a process, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function redisCpu(redis: RedisClient): Promise<number> {
  const info = await redis.info("cpu");
  const user = Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1]);
  const sys = Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1]);
  return user + sys;
}

/** Calls of the load script (the game loads: watches starting, attacks, store checks). */
async function loadScriptCalls(redis: RedisClient): Promise<number> {
  const info = await redis.info("commandstats");
  const evalsha = Number(/cmdstat_evalsha:calls=(\d+)/.exec(info)?.[1] ?? 0);
  return evalsha;
}

const heapMb = (bytes: string) => Number(bytes) / 1024 / 1024;

/**
 * The server's live heap in MB: it writes a heap snapshot (SIGUSR2; V8 collects all garbage
 * first), whose objects' sizes are summed. NaN when snapshots are off (BENCH_HEAP=0).
 */
async function liveHeapMb(server: ServerProcess): Promise<number> {
  if (!HEAP_SNAPSHOTS) return Number.NaN;
  const before = new Set(readdirSync(SNAPSHOT_DIR));
  server.child.kill("SIGUSR2");
  let file: string | undefined;
  let size = -1;
  for (let i = 0; i < 600; i++) {
    await sleep(250);
    file ??= readdirSync(SNAPSHOT_DIR).find((f) => !before.has(f) && f.endsWith(".heapsnapshot"));
    if (file === undefined) continue;
    const now = statSync(path.join(SNAPSHOT_DIR, file)).size;
    // Written by the server's main thread: once it answers again and the size holds, it is whole.
    if (now > 0 && now === size && (await fetch(server.url.replace(/\/graphql$/, "/healthz"))).ok)
      break;
    size = now;
  }
  if (file === undefined) throw new Error("the server wrote no heap snapshot");
  const full = path.join(SNAPSHOT_DIR, file);
  const snapshot = JSON.parse(readFileSync(full, "utf8")) as {
    snapshot: { meta: { node_fields: string[] } };
    nodes: number[];
  };
  rmSync(full);
  const fields = snapshot.snapshot.meta.node_fields;
  const selfSize = fields.indexOf("self_size");
  let bytes = 0;
  for (let i = selfSize; i < snapshot.nodes.length; i += fields.length) bytes += snapshot.nodes[i]!;
  return bytes / 1024 / 1024;
}

/** A gauge of the server's /metrics, or "n/a" when it has none. */
async function gauge(server: ServerProcess, name: string): Promise<string> {
  try {
    const response = await fetch(server.url.replace(/\/graphql$/, "/metrics"), {
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) return "n/a";
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(await response.text());
    return match?.[1] ?? "n/a";
  } catch {
    return "n/a";
  }
}

async function startServer(redis: RedisServer, spec: Spec): Promise<ServerProcess> {
  const perConnection = Math.ceil(spec.subscribers / spec.connections);
  return startServerProcess(
    {
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: KEY_PREFIX,
      SUBSCRIPTION_CHECK_MS: String(CHECK_MS),
      RATE_LIMITING: "false",
      WS_MAX_CONNECTIONS_PER_CLIENT: String(Math.max(50, spec.connections + 10)),
      WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: String(Math.max(20, perConnection)),
    },
    {
      readyPath: "/readyz",
      nodeArgs: [
        ...(HEAP_SNAPSHOTS
          ? ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${SNAPSHOT_DIR}`]
          : []),
        ...SERVER_NODE_ARGS,
      ],
    },
  );
}

/** Opens the connections and subscriptions; resolves once every connection is acknowledged. */
async function subscribeAll(
  wsUrl: string,
  spec: Spec,
  gameId: string,
): Promise<{ clients: Client[]; heard: Heard[] }> {
  const clients: Client[] = [];
  const heard: Heard[] = [];
  const perConnection = Math.ceil(spec.subscribers / spec.connections);
  for (let start = 0; start < spec.connections; start += CONNECT_BATCH) {
    const batch: Promise<void>[] = [];
    for (let c = start; c < Math.min(spec.connections, start + CONNECT_BATCH); c++) {
      let connected!: () => void;
      let failed!: (error: unknown) => void;
      batch.push(
        new Promise<void>((resolve, reject) => {
          connected = resolve;
          failed = reject;
        }),
      );
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        lazy: true,
        retryAttempts: 0,
        keepAlive: 0,
        on: {
          connected: () => connected(),
          error: (error) => failed(error),
        },
      });
      clients.push(client);
      const count = Math.min(perConnection, spec.subscribers - c * perConnection);
      for (let s = 0; s < count; s++) {
        const mine: Heard = { keys: [], times: [], completed: false, errors: [] };
        heard.push(mine);
        client.subscribe<{ battleEvents: Event }>(
          { query: SUBSCRIPTION, variables: { gameId } },
          {
            next: (result) => {
              const now = performance.now();
              const event = result.data?.battleEvents;
              if (result.errors || !event) {
                mine.errors.push(JSON.stringify(result.errors ?? result).slice(0, 200));
                return;
              }
              mine.keys.push(keyOf(event));
              mine.times.push(now);
            },
            error: (error) => mine.errors.push(describeError(error).slice(0, 200)),
            complete: () => (mine.completed = true),
          },
        );
      }
    }
    await Promise.all(batch);
  }
  return { clients, heard };
}

async function runScenario(
  redis: RedisServer,
  commands: RedisClient,
  spec: Spec,
  started: ServerProcess[],
): Promise<Result> {
  const subServer = await startServer(redis, spec);
  started.push(subServer);
  const attackServer = spec.cross ? await startServer(redis, spec) : subServer;
  if (spec.cross) started.push(attackServer);
  const pid = subServer.child.pid;

  const startedGame = (await graphql(attackServer.url, START, {
    input: { seed: 1, monsters: ENDLESS_ARRAY },
  })) as { startGame: { playerToken: string; game: { id: string; turn: number } } };
  const { playerToken, game } = startedGame.startGame;
  const channel = new RedisGameKeys(KEY_PREFIX, game.id).channel;
  // The snapshot first: writing it takes memory the RSS keeps, so the RSS baseline is taken after.
  const liveBase = await liveHeapMb(subServer);
  await sleep(1_000);
  const rssBaseKb = rssKb(pid);
  const heapBase = heapMb(await gauge(subServer, "nodejs_heap_size_used_bytes"));

  const { clients, heard } = await subscribeAll(subServer.wsUrl, spec, game.id);
  // The truth: every turn's events as the attacks answered them, by turn.
  const truth = new Map<number, string[]>();
  const sentAt = new Map<number, number>();
  const attackMs: number[] = [];
  const attack = async (): Promise<number> => {
    const t0 = performance.now();
    const data = (await graphql(attackServer.url, ATTACK, { gameId: game.id }, playerToken)) as {
      attack: { game: { turn: number }; events: Event[] };
    };
    attackMs.push(performance.now() - t0);
    const turn = data.attack.game.turn;
    truth.set(turn, data.attack.events.map(keyOf));
    sentAt.set(turn, t0);
    return turn;
  };

  // Warm-up: attacks until every subscription is live (has heard a turn).
  for (let i = 0; heard.some((h) => h.keys.length === 0); i++) {
    if (i >= 60) throw new Error(`${spec.name}: subscriptions still silent after 60 warm-up turns`);
    await attack();
    const until = performance.now() + 1_000;
    while (performance.now() < until && heard.some((h) => h.keys.length === 0)) await sleep(20);
  }
  await sleep(500);
  const rssLiveKb = rssKb(pid);
  const heapLive = heapMb(await gauge(subServer, "nodejs_heap_size_used_bytes"));
  const activeSubscriptions = await gauge(subServer, "dwemthy_websocket_subscriptions_active");

  // Measured turns: one at a time, each on its schedule.
  const cpu0 = cpuSeconds(pid);
  const bench0 = process.cpuUsage();
  const redisCpu0 = await redisCpu(commands);
  const loads0 = await loadScriptCalls(commands);
  const t0 = performance.now();
  const measured: number[] = [];
  let attacksLate = 0;
  for (let i = 0; i < TURNS; i++) {
    const due = t0 + (i * 1_000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    else if (i > 0) attacksLate++;
    measured.push(await attack());
  }
  const lastTurn = Math.max(...measured);
  const expectedKeys = (from: number): string[] => {
    const keys: string[] = [];
    for (let turn = from; turn <= lastTurn; turn++) keys.push(...(truth.get(turn) ?? []));
    return keys;
  };
  const firstTurn = (h: Heard) => Number(h.keys[0]?.split("|")[0]);
  const done = (h: Heard) => h.keys.length >= expectedKeys(firstTurn(h)).length;
  const deadline = performance.now() + DELIVERY_TIMEOUT_MS;
  while (performance.now() < deadline && !heard.every(done)) await sleep(50);
  const measuredS = (performance.now() - t0) / 1_000;
  const serverCpuS = cpuSeconds(pid) - cpu0;
  const benchUsage = process.cpuUsage(bench0);
  const benchCpuS = (benchUsage.user + benchUsage.system) / 1e6;
  const redisCpuS = (await redisCpu(commands)) - redisCpu0;
  // Each attack is two script calls (load, commit); what is left are the store checks' loads.
  const checkLoads = (await loadScriptCalls(commands)) - loads0 - 2 * measured.length;

  // Exactly once, in order, from each subscriber's first turn to the last.
  const violations: string[] = [];
  const latencies: number[] = [];
  let delivered = 0;
  let expectedCount = 0;
  const firstMeasured = Math.min(...measured);
  heard.forEach((h, i) => {
    const from = firstTurn(h);
    const expected = expectedKeys(from);
    expectedCount += expected.length;
    delivered += h.keys.length;
    const problem =
      h.errors.length > 0
        ? `errors ${h.errors.join("; ")}`
        : h.completed
          ? "completed early"
          : !(from <= firstMeasured)
            ? `first turn ${from} is after the first measured turn ${firstMeasured}`
            : h.keys.length !== expected.length
              ? `${h.keys.length} events, ${expected.length} expected`
              : h.keys.findIndex((k, j) => k !== expected[j]);
    if (typeof problem === "string") violations.push(`subscriber ${i}: ${problem}`);
    else if (problem >= 0)
      violations.push(
        `subscriber ${i}: event ${problem} is ${h.keys[problem]}, expected ${expected[problem]}`,
      );
    h.keys.forEach((k, j) => {
      const turn = Number(k.split("|")[0]);
      const sent = sentAt.get(turn);
      if (turn >= firstMeasured && sent !== undefined) latencies.push(h.times[j]! - sent);
    });
  });
  latencies.sort((a, b) => a - b);

  // Close every client, then see what the server and Redis still hold.
  await Promise.all(clients.map(async (client) => client.dispose()));
  await sleep(SETTLE_MS);
  const afterClose = {
    subscriptions: await gauge(subServer, "dwemthy_websocket_subscriptions_active"),
    connections: await gauge(subServer, "dwemthy_websocket_connections_active"),
    numsub: Number(((await commands.pubsub("NUMSUB", channel)) as [string, number])[1]),
    channels: ((await commands.pubsub("CHANNELS", `${KEY_PREFIX}:*`)) as string[]).length,
  };
  const rssAfterKb = rssKb(pid);
  const heapAfter = heapMb(await gauge(subServer, "nodejs_heap_size_used_bytes"));
  const liveAfter = await liveHeapMb(subServer);

  await graphql(attackServer.url, ABANDON, { gameId: game.id }, playerToken);
  for (const server of spec.cross ? [attackServer, subServer] : [subServer]) {
    const exit = await server.stop(15_000);
    if (exit.code !== 0) violations.push(`server stop: ${JSON.stringify(exit)}`);
    started.splice(started.indexOf(server), 1);
  }
  return {
    spec,
    delivered,
    expected: expectedCount,
    violations,
    latencies,
    attacksLate,
    attackMs: attackMs.sort((a, b) => a - b),
    rssBaseKb,
    rssLiveKb,
    rssAfterKb,
    heapMb: { base: heapBase, live: heapLive, after: heapAfter },
    liveHeapMb: { base: liveBase, after: liveAfter },
    serverCpuS,
    benchCpuS,
    measuredS,
    redisCpuS,
    activeSubscriptions,
    afterClose,
    checkLoads,
  };
}

function specs(): Spec[] {
  const out: Spec[] = [];
  for (const cross of CROSS ? [false, true] : [false]) {
    const where = cross ? "cross" : "same";
    out.push({
      name: `${where}, baseline`,
      subscribers: BASELINE,
      connections: BASELINE,
      cross,
      baseline: true,
    });
    for (const n of OWN) {
      out.push({
        name: `${where}, own conns`,
        subscribers: n,
        connections: n,
        cross,
        baseline: false,
      });
    }
    for (const { subs, conns } of SHARED) {
      out.push({
        name: `${where}, shared conns`,
        subscribers: subs,
        connections: conns,
        cross,
        baseline: false,
      });
    }
  }
  return out;
}

const fmt = (n: number, digits = 1) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "n/a";
const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "n/a");

function table(results: Result[]): string {
  const header = [
    "scenario",
    "subs",
    "conns",
    "events ok",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "max ms",
    "server CPU",
    "us/event",
    "clients CPU",
    "RSS base MB",
    "KB/sub",
  ];
  const rows = results.map((r) => [
    r.spec.name,
    int(r.spec.subscribers),
    int(r.spec.connections),
    `${int(r.delivered)}/${int(r.expected)}`,
    fmt(quantile(r.latencies, 0.5)),
    fmt(quantile(r.latencies, 0.95)),
    fmt(quantile(r.latencies, 0.99)),
    fmt(r.latencies[r.latencies.length - 1] ?? NaN),
    `${fmt(r.serverCpuS / r.measuredS, 2)} CPU`,
    int((r.serverCpuS * 1e6) / r.latencies.length),
    `${fmt(r.benchCpuS / r.measuredS, 2)} CPU`,
    fmt(r.rssBaseKb / 1024),
    fmt((r.rssLiveKb - r.rssBaseKb) / r.spec.subscribers),
  ]);
  return render(header, rows);
}

function afterTable(results: Result[]): string {
  const header = [
    "scenario",
    "subs",
    "conns",
    "subs live",
    "subs after",
    "conns after",
    "NUMSUB after",
    "channels after",
    "RSS after - base MB",
    "heap base/live/after MB",
    "GC'd heap base/after MB",
    "check loads",
  ];
  const rows = results.map((r) => [
    r.spec.name,
    int(r.spec.subscribers),
    int(r.spec.connections),
    r.activeSubscriptions,
    r.afterClose.subscriptions,
    r.afterClose.connections,
    String(r.afterClose.numsub),
    String(r.afterClose.channels),
    fmt((r.rssAfterKb - r.rssBaseKb) / 1024),
    `${fmt(r.heapMb.base)}/${fmt(r.heapMb.live)}/${fmt(r.heapMb.after)}`,
    `${fmt(r.liveHeapMb.base, 2)}/${fmt(r.liveHeapMb.after, 2)}`,
    int(r.checkLoads),
  ]);
  return render(header, rows);
}

function render(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}

/** What graphql-ws's client hands `error`: GraphQL errors, an Error, or the socket's CloseEvent. */
function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return JSON.stringify(error);
  const close = error as { code?: unknown; reason?: unknown } | null;
  if (close && typeof close.code === "number") {
    const reason = typeof close.reason === "string" ? close.reason : "";
    return `socket closed ${close.code} ${reason}`.trim();
  }
  return JSON.stringify(error);
}

async function main(): Promise<void> {
  const started: ServerProcess[] = [];
  const own: { redis?: RedisServer } = {};
  const watchdog = setTimeout(() => {
    console.error(`fanout-bench: watchdog: over ${WATCHDOG_MS / 1000} s, killing everything`);
    for (const server of started) server.child.kill("SIGKILL");
    own.redis?.kill();
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();

  const scenarios = specs();
  const biggest = Math.max(...scenarios.map((s) => s.connections));
  let limit = "unknown";
  try {
    limit =
      /^Max open files\s+(\d+)/m.exec(readFileSync("/proc/self/limits", "utf8"))?.[1] ?? limit;
  } catch {
    // Not Linux.
  }

  const redis = await startRedisServer();
  own.redis = redis;
  const commands = createRedisClient({ url: redis.url }, () => undefined);
  let failed = false;
  try {
    await waitUntilReady(commands);
    const cpu = os.cpus();
    console.log(
      "fanout-bench: battleEvents over graphql-ws, many subscribers on one game (node dist/main.js)",
    );
    console.log(
      `node ${process.version} | ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? "?"}) | redis-server ${await redisVersion(commands)} (own, no persistence, ${redis.url}) | graphql-ws client + ws in this process`,
    );
    console.log(
      `per scenario: a fresh server (NODE_ENV=production LOG_LEVEL=warn RATE_LIMITING=false SUBSCRIPTION_CHECK_MS=${CHECK_MS}), key prefix ${KEY_PREFIX}; warm-up attacks until every subscriber heard a turn, then ${TURNS} attacks (LETTUCE on an endless game) at ${RATE}/s, one at a time`,
    );
    console.log(
      `open files limit ${limit} (the largest scenario needs about ${2 * biggest + 100}); load average at start: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    if (Number(limit) < 2 * biggest + 100) {
      console.log(`WARNING: raise it first (ulimit -n ${2 * biggest + 200})`);
    }
    const results: Result[] = [];
    for (const spec of scenarios) {
      process.stdout.write(
        `  ${spec.name}: ${spec.subscribers} subscribers over ${spec.connections} connections...`,
      );
      const result = await runScenario(redis, commands, spec, started);
      results.push(result);
      console.log(
        ` ${result.violations.length === 0 ? "ok" : `${result.violations.length} violations`} (attack p50 ${fmt(quantile(result.attackMs, 0.5))} ms, ${result.attacksLate} sent late)`,
      );
    }
    console.log("");
    console.log(
      "same: subscribers and attacks on one server process; cross: subscribers on one, attacks sent to another",
    );
    console.log(
      "latency: attack sent -> event received, every event of the measured turns at every subscriber; server CPU: the subscribers' server, while the measured turns were sent and delivered (us/event: its CPU time per event delivered to one subscriber); clients CPU: this process's, which runs every client; KB/sub: (RSS with every subscription live - RSS before) / subscribers",
    );
    console.log(table(results));
    console.log("");
    console.log(
      `after every client closed (+${SETTLE_MS / 1000} s): the server's /metrics gauges (subscriptions, connections), the game channel's subscribers (PUBSUB NUMSUB), the prefix's channels (PUBSUB CHANNELS), the RSS left; check loads: game loads beyond one per attack during the measured turns (the store checks, SUBSCRIPTION_CHECK_MS=${CHECK_MS})`,
    );
    console.log(afterTable(results));
    console.log("");
    for (const r of results) {
      const p99 = quantile(r.latencies, 0.99);
      if (!r.spec.baseline) {
        console.log(
          `${r.spec.name}, ${r.spec.subscribers} subs: p99 ${fmt(p99)} ms (target <= 100 ms: ${p99 <= 100 ? "met" : "NOT met"}); ${fmt(p99 / quantile(results.find((b) => b.spec.baseline && b.spec.cross === r.spec.cross)!.latencies, 0.99), 1)}x the baseline's p99`,
        );
      }
      if (r.violations.length > 0) {
        failed = true;
        console.log(
          `VIOLATIONS in ${r.spec.name} (${r.spec.subscribers} subs): ${r.violations.slice(0, 5).join(" | ")}${r.violations.length > 5 ? ` | ... ${r.violations.length} in all` : ""}`,
        );
      }
      const after = r.afterClose;
      if (
        after.numsub !== 0 ||
        after.channels !== 0 ||
        (after.subscriptions !== "n/a" && Number(after.subscriptions) !== 0)
      ) {
        failed = true;
        console.log(
          `LEFT OVER after close in ${r.spec.name} (${r.spec.subscribers} subs): ${JSON.stringify(after)}`,
        );
      }
    }
    console.log(
      `load average at end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    console.log(failed ? "fanout-bench: FAILED (see above)" : "fanout-bench: every check passed");
  } catch (error) {
    failed = true;
    console.error("\nfanout-bench: failed:", error);
  } finally {
    for (const server of started.splice(0)) await server.stop(5_000);
    commands.disconnect();
    await redis.stop();
    if (HEAP_SNAPSHOTS) rmSync(SNAPSHOT_DIR, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
  process.exit(failed ? 1 : 0);
}

void main();
