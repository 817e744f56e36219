/**
 * Store benchmark: GameService.attack (load, rules, commit) on Redis and on the in-memory store,
 * in the same run, plus the Redis round trips per attack.
 *
 *   npm run bench:store
 *
 * Starts its own redis-server (no persistence) on a free port, with one replica, unless REDIS_URL is
 * set: then it uses that server under a unique key prefix and deletes every game it made (and runs
 * the REDIS_REPLICA_ACKS=1 row only when that server has a replica connected). Knobs (milliseconds,
 * counts): BENCH_WARMUP_MS (500), BENCH_MEASURE_MS (3000), BENCH_GAMES (64), BENCH_COUNTED (1000),
 * BENCH_COST_ATTACKS (2000), BENCH_WRITERS (4: the REDIS_REPLICA_ACKS=1 row's write clients, as the
 * server has).
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import type { GameRepository } from "../src/domain/game-repository.port";
import { GameService } from "../src/domain/game-service";
import type { MonsterSpec } from "../src/domain/monster";
import type { Weapon } from "../src/domain/weapon";
import { CryptoGameIdGenerator } from "../src/infrastructure/crypto-game-id-generator";
import { CryptoPlayerTokens } from "../src/infrastructure/crypto-player-tokens";
import { InMemoryGameRepository } from "../src/infrastructure/in-memory-game-repository";
import { LruGameStateCache } from "../src/infrastructure/lru-game-state-cache";
import {
  createRedisClient,
  waitUntilReady,
  type RedisClient,
} from "../src/infrastructure/redis-client";
import {
  RedisGameRepository,
  type RedisStoreOptions,
} from "../src/infrastructure/redis-game-repository";
import { PureRandDiceFactory } from "../src/infrastructure/pure-rand-dice-factory";
import { SystemClock } from "../src/infrastructure/system-clock";
import { countCommands } from "./count-commands";
import { startRedisServer, type RedisServer } from "../test/support/redis-server";
import { envInt, quantile, redisVersion } from "./bench-support";
import { commandStats, compareAttackCost, type CostKind } from "./redis-cost";

const WARMUP_MS = envInt("BENCH_WARMUP_MS", 500);
const MEASURE_MS = envInt("BENCH_MEASURE_MS", 3_000);
const GAMES = envInt("BENCH_GAMES", 64);
const COUNTED_ATTACKS = envInt("BENCH_COUNTED", 1_000);
/** Issue 10's measure: sequential attacks on a game whose log is full (EVENT_LOG_SIZE's default). */
const COST_ATTACKS = envInt("BENCH_COST_ATTACKS", 2_000);
/** The cached store's attacks are measured in this many parts, each followed by the floors. */
const COST_ROUNDS = 4;
const COST_LOG_SIZE = 1_000;
/** The measured time of a row is split into this many turns, alternating with the other store. */
const ROUNDS = 3;
/** The whole run is bounded: past this, the watchdog stops the server and exits 1. */
const WATCHDOG_MS = 180_000;

/**
 * An array that does not end: one monster that never hits back (strength 0, weapon 0), never
 * powers up (charisma 0) and has a million life. The rabbit attacks with LETTUCE, whose hit is
 * roll(rabbit strength 2 + 0) = 0 or 1, so a game lasts at least 1,000,000 attacks: no GAME_OVER.
 */
const ENDLESS_ARRAY: readonly MonsterSpec[] = [
  { name: "EndlessTarget", life: 1_000_000, strength: 0, charisma: 0, weapon: 0 },
];
const WEAPON: Weapon = "LETTUCE";
const STORE_OPTIONS = { ttlMs: 3_600_000, maxEvents: 100 };

const ACKED: StoreName = "redis, cached, REDIS_REPLICA_ACKS=1";
type StoreName =
  | "in-memory"
  | "redis, no cache (before)"
  | "redis, cached"
  | "redis, cached, REDIS_REPLICA_ACKS=1";

interface PlayedGame {
  id: string;
  token: string;
  /** Attacks sent to it, to check the stored turn at the end. */
  attacks: number;
}

interface Store {
  name: StoreName;
  service: GameService;
  /** Every game started on it, for the turn check and the clean-up. */
  games: PlayedGame[];
}

interface Measured {
  attacks: number;
  elapsedMs: number;
  latenciesMs: number[];
}

interface Row {
  store: StoreName;
  scenario: string;
  perSecond: number;
  p50: number;
  p99: number;
}

function serviceOn(repository: GameRepository, cache?: LruGameStateCache): GameService {
  return new GameService({
    repository,
    dice: new PureRandDiceFactory(),
    tokens: new CryptoPlayerTokens(),
    ids: new CryptoGameIdGenerator(),
    clock: new SystemClock(),
    cache,
  });
}

async function startGames(store: Store, count: number): Promise<PlayedGame[]> {
  const games: PlayedGame[] = [];
  for (let i = 0; i < count; i++) {
    const started = await store.service.startGame({ monsters: ENDLESS_ARRAY });
    const game = { id: started.game.id, token: started.playerToken, attacks: 0 };
    games.push(game);
    store.games.push(game);
  }
  return games;
}

/** Each game driven by its own sequential loop, all loops at once, until `durationMs` is up. */
async function driveFor(store: Store, games: PlayedGame[], durationMs: number): Promise<Measured> {
  const latenciesMs: number[] = [];
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    games.map(async (game) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await store.service.attack(game.id, WEAPON, game.token);
        latenciesMs.push(performance.now() - t0);
        game.attacks += 1;
      }
    }),
  );
  return { attacks: latenciesMs.length, elapsedMs: performance.now() - start, latenciesMs };
}

/** `count` sequential attacks on one game. */
async function driveCount(store: Store, game: PlayedGame, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await store.service.attack(game.id, WEAPON, game.token);
    game.attacks += 1;
  }
}

/** Nearest-rank quantile of sorted values. */

/**
 * One scenario on both stores: a warm-up on each, then ROUNDS rounds of MEASURE_MS / ROUNDS on
 * each, the stores taking turns (and the lead), so a slow patch of the machine hits both alike.
 */
async function scenario(stores: readonly Store[], name: string, gameCount: number): Promise<Row[]> {
  const runs = await Promise.all(
    stores.map(async (store) => ({ store, games: await startGames(store, gameCount) })),
  );
  for (const { store, games } of runs) await driveFor(store, games, WARMUP_MS);
  const totals = runs.map(() => ({ attacks: 0, elapsedMs: 0, latenciesMs: [] as number[] }));
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < runs.length; k++) {
      const i = (k + round) % runs.length;
      const run = runs[i];
      const total = totals[i];
      if (!run || !total) continue;
      const measured = await driveFor(run.store, run.games, MEASURE_MS / ROUNDS);
      total.attacks += measured.attacks;
      total.elapsedMs += measured.elapsedMs;
      for (const ms of measured.latenciesMs) total.latenciesMs.push(ms);
    }
  }
  return runs.map(({ store }, i) => {
    const total = totals[i] ?? { attacks: 0, elapsedMs: 1, latenciesMs: [] };
    const sorted = total.latenciesMs.sort((a, b) => a - b);
    return {
      store: store.name,
      scenario: name,
      perSecond: total.attacks / (total.elapsedMs / 1_000),
      p50: quantile(sorted, 0.5),
      p99: quantile(sorted, 0.99),
    };
  });
}

/** Every game's stored turn must equal the attacks sent to it: no attack lost or doubled. */
async function checkTurns(store: Store): Promise<void> {
  for (const game of store.games) {
    const state = await store.service.getGame(game.id);
    if (state?.turn !== game.attacks) {
      throw new Error(
        `${store.name}: game ${game.id} is at turn ${state?.turn} after ${game.attacks} attacks`,
      );
    }
  }
}

function printTable(rows: readonly Row[]): void {
  const header = ["store", "scenario", "attacks/s", "p50 ms", "p99 ms"];
  const cells = rows.map((r) => [
    r.store,
    r.scenario,
    Math.round(r.perSecond).toLocaleString("en-US"),
    r.p50.toFixed(3),
    r.p99.toFixed(3),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: readonly string[]): string =>
    c.map((v, i) => (i < 2 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join(" | ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const c of cells) console.log(line(c));
}

/** Calls and microseconds the server has spent in scripts (EVAL and EVALSHA) since it started. */
async function scriptTime(client: RedisClient): Promise<{ calls: number; usec: number }> {
  const stats = await commandStats(client);
  let calls = 0;
  let usec = 0;
  for (const name of ["eval", "evalsha"]) {
    calls += stats.get(name)?.calls ?? 0;
    usec += stats.get(name)?.usec ?? 0;
  }
  return { calls, usec };
}

async function main(): Promise<void> {
  let server: RedisServer | undefined;
  let replica: RedisServer | undefined;
  let client: RedisClient | undefined;
  const memoryRepository = new InMemoryGameRepository(STORE_OPTIONS);
  const stopServerNow = (): void => {
    replica?.kill();
    server?.kill();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    stopServerNow();
    console.error(`store-bench: ${signal}, stopped`);
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const watchdog = setTimeout(() => {
    stopServerNow();
    console.error(`store-bench: still running after ${WATCHDOG_MS} ms, giving up`);
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();

  let redisStore: Store | undefined;
  let uncachedStore: Store | undefined;
  let redisRepository: RedisGameRepository | undefined;
  let uncachedClient: RedisClient | undefined;
  let ackedStore: Store | undefined;
  const ackedClients: RedisClient[] = [];
  try {
    const external = process.env.REDIS_URL;
    if (!external) {
      server = await startRedisServer();
      // A replica, so that REDIS_REPLICA_ACKS=1 can be measured against 0 on the same primary.
      replica = await startRedisServer({ replicaOf: server.port });
    }
    const url = external ?? server?.url ?? "";
    client = createRedisClient({ url, commandTimeoutMs: 10_000 }, (error) =>
      console.error(`store-bench: redis: ${error.message}`),
    );
    await waitUntilReady(client);
    const counter = countCommands(client);
    const redisOptions: RedisStoreOptions = {
      ...STORE_OPTIONS,
      keyPrefix: `bench-${randomUUID().slice(0, 8)}`,
    };
    redisRepository = new RedisGameRepository(client, redisOptions);
    redisStore = {
      name: "redis, cached",
      service: serviceOn(redisRepository, new LruGameStateCache(10_000)),
      games: [],
    };
    // The code before the cache, on its own connection so its commands are not counted above.
    uncachedClient = createRedisClient({ url, commandTimeoutMs: 10_000 }, (error) =>
      console.error(`store-bench: redis: ${error.message}`),
    );
    await waitUntilReady(uncachedClient);
    uncachedStore = {
      name: "redis, no cache (before)",
      service: serviceOn(new RedisGameRepository(uncachedClient, redisOptions)),
      games: [],
    };
    // REDIS_REPLICA_ACKS=1 as the server wires it: reads on one client, writes (each followed by
    // WAIT 1) on four others, taken in turn (BENCH_WRITERS).
    const replicas = await connectedReplicas(uncachedClient);
    if (replicas > 0) {
      const onError = (error: Error): void => console.error(`store-bench: redis: ${error.message}`);
      const reads = createRedisClient({ url, commandTimeoutMs: 10_000 }, onError);
      const writes = Array.from({ length: Number(process.env.BENCH_WRITERS ?? 4) }, () =>
        createRedisClient({ url, commandTimeoutMs: 10_000 }, onError),
      );
      ackedClients.push(reads, ...writes);
      await Promise.all(ackedClients.map((c) => waitUntilReady(c)));
      ackedStore = {
        name: ACKED,
        service: serviceOn(
          new RedisGameRepository(
            reads,
            { ...redisOptions, replicaAcks: { replicas: 1, timeoutMs: 1_000 } },
            writes,
          ),
          new LruGameStateCache(10_000),
        ),
        games: [],
      };
    }
    const memoryStore: Store = {
      name: "in-memory",
      service: serviceOn(memoryRepository),
      games: [],
    };

    const cpus = os.cpus();
    console.log("store-bench: GameService.attack on Redis vs in memory");
    console.log(
      `node ${process.version} | ${os.availableParallelism()} CPUs (${cpus[0]?.model.trim() ?? "?"}) | ` +
        `redis-server ${await redisVersion(client)} (${external ? "REDIS_URL" : `own, no persistence, ${url}`}, ${replicas} replica${replicas === 1 ? "" : "s"} connected) | ` +
        `key prefix ${redisOptions.keyPrefix}`,
    );
    console.log(
      `array: 1 monster, life 1000000, strength/weapon/charisma 0; weapon ${WEAPON}; ` +
        `${WARMUP_MS} ms warm-up + ${MEASURE_MS} ms measured per row, in ${ROUNDS} turns alternating with the other store`,
    );
    console.log("");

    const sequential = "sequential, 1 game";
    const concurrent = `concurrent, ${GAMES} games`;
    const stores = [memoryStore, uncachedStore, redisStore, ...(ackedStore ? [ackedStore] : [])];
    const rows: Row[] = [];
    rows.push(...(await scenario(stores, sequential, 1)));
    counter.reset();
    const before = redisStore.games.reduce((n, g) => n + g.attacks, 0);
    rows.push(...(await scenario(stores, concurrent, GAMES)));
    const concurrentAttacks = redisStore.games.reduce((n, g) => n + g.attacks, 0) - before;
    const concurrentCommands = counter.count - GAMES; // minus one create script per game

    // Round trips: sequential attacks on a fresh game, after a few that warm its path up.
    const [counted] = await startGames(redisStore, 1);
    if (!counted) throw new Error("no game to count on");
    await driveCount(redisStore, counted, 20);
    const scriptsBefore = await scriptTime(client);
    counter.reset();
    await driveCount(redisStore, counted, COUNTED_ATTACKS);
    const commands = counter.count;
    const names = [...counter.byName].map(([name, n]) => `${name} ${n}`).join(", ");
    const scriptsAfter = await scriptTime(client);
    const scriptUsec = scriptsAfter.usec - scriptsBefore.usec;
    const scriptCalls = scriptsAfter.calls - scriptsBefore.calls;

    await checkTurns(memoryStore);
    await checkTurns(redisStore);
    await checkTurns(uncachedStore);
    if (ackedStore) await checkTurns(ackedStore);

    printTable(rows);
    console.log("");
    for (const name of [sequential, concurrent]) {
      const memory = rows.find((r) => r.store === "in-memory" && r.scenario === name);
      const before = rows.find(
        (r) => r.store === "redis, no cache (before)" && r.scenario === name,
      );
      const redis = rows.find((r) => r.store === "redis, cached" && r.scenario === name);
      if (!memory || !redis || !before) continue;
      const ratio = redis.perSecond / memory.perSecond;
      console.log(
        `redis cached/in-memory, ${name}: ${ratio.toFixed(3)}; cached/before: ` +
          `${(redis.perSecond / before.perSecond).toFixed(2)}x the attacks/s`,
      );
    }
    for (const name of [sequential, concurrent]) {
      const off = rows.find((r) => r.store === "redis, cached" && r.scenario === name);
      const on = rows.find((r) => r.store === ACKED && r.scenario === name);
      if (!off || !on) continue;
      console.log(
        `REDIS_REPLICA_ACKS=1/0, ${name}: ${(on.perSecond / off.perSecond).toFixed(2)}x the attacks/s, ` +
          `p50 +${((on.p50 - off.p50) * 1_000).toFixed(0)} us, p99 +${((on.p99 - off.p99) * 1_000).toFixed(0)} us`,
      );
    }
    console.log(
      `redis round trips per attack: ${(commands / COUNTED_ATTACKS).toFixed(2)} ` +
        `(${commands} commands for ${COUNTED_ATTACKS} sequential attacks: ${names}); ` +
        `concurrent run: ${(concurrentCommands / concurrentAttacks).toFixed(2)}`,
    );
    console.log(
      `redis-server time in scripts: ${(scriptUsec / COUNTED_ATTACKS).toFixed(0)} us per attack ` +
        `(${(scriptUsec / Math.max(1, scriptCalls)).toFixed(0)} us per script call, INFO commandstats` +
        `${external ? "; a shared server's other clients count too" : ""})`,
    );
    console.log(
      `turn check: every game's stored turn equals the attacks sent ` +
        `(${memoryStore.games.length} in-memory, ${redisStore.games.length} redis games)`,
    );

    // The cost table is the primary's alone: feeding a replica costs the primary on every write
    // (never on a PING), which would load the attack rows against their floors.
    const replicaStopped = replica !== undefined;
    await replica?.stop();
    replica = undefined;
    const cost = await compareAttackCost(
      client,
      `${redisOptions.keyPrefix}-cost`,
      ENDLESS_ARRAY,
      WEAPON,
      COST_LOG_SIZE,
      COST_ATTACKS,
      COST_ROUNDS,
    );
    console.log("");
    console.log(
      `Redis's cost of an attack: ${COST_ATTACKS} sequential attacks (${WEAPON}) on a game whose log ` +
        `is full (${COST_LOG_SIZE} events), redis-server's own CPU (INFO cpu, user + sys); the cached ` +
        `store's in ${COST_ROUNDS} parts, each followed by the floors (as many requests each)` +
        `${replicaStopped ? "; the replica stopped first, so no row pays for replication" : ""}` +
        `${external ? "; a shared server's other clients count too" : ""}`,
    );
    const costHeader = [
      "store",
      "round trips/attack",
      "redis CPU us/attack",
      "us between requests",
      "bytes per game",
    ];
    const costCells = cost.map((r) => [
      r.attacker,
      r.roundTripsPerAttack.toFixed(2),
      r.redisCpuUsPerAttack.toFixed(0),
      (r.msPerAttack * 1_000).toFixed(0),
      r.bytes === undefined ? "-" : r.bytes.toLocaleString("en-US"),
    ]);
    const costWidths = costHeader.map((h, i) =>
      Math.max(h.length, ...costCells.map((c) => (c[i] ?? "").length)),
    );
    const costLine = (c: readonly string[]): string =>
      c
        .map((v, i) => (i === 0 ? v.padEnd(costWidths[i] ?? 0) : v.padStart(costWidths[i] ?? 0)))
        .join(" | ");
    console.log(costLine(costHeader));
    console.log(costWidths.map((w) => "-".repeat(w)).join("-|-"));
    for (const c of costCells) console.log(costLine(c));
    const ours = cost[0];
    const row = (kind: CostKind) => cost.find((r) => r.kind === kind);
    const paced = row("ping, paced");
    const backToBack = row("ping, back to back");
    const empty = row("empty script, paced");
    if (ours && paced && backToBack) {
      const times = (r: { redisCpuUsPerAttack: number }, floor: { redisCpuUsPerAttack: number }) =>
        `${(r.redisCpuUsPerAttack / floor.redisCpuUsPerAttack).toFixed(2)}x`;
      console.log("");
      console.log(
        `redis CPU per attack against one PING round trip sent at the same pace: ${times(ours, paced)} ` +
          `(target <= 2x, moonshot 1.5x); against back-to-back PINGs: ${times(ours, backToBack)}; ` +
          `round trips per attack ${ours.roundTripsPerAttack.toFixed(2)} (target <= 1.05)`,
      );
      if (empty) {
        console.log(
          `the script call alone (an empty script given the commit's keys and arguments, same pace): ` +
            `${times(empty, paced)} the paced PING; the commit's own work is the other ` +
            `${(ours.redisCpuUsPerAttack - empty.redisCpuUsPerAttack).toFixed(0)} us`,
        );
      }
    }
    if (ours) {
      console.log("");
      console.log(
        `where ${ours.attacker}'s Redis time goes, per attack (INFO commandstats; evalsha's time ` +
          "includes the calls its scripts make; the rest of the CPU above is reading requests and " +
          "writing replies):",
      );
      for (const c of ours.commands) {
        console.log(
          `  ${c.command.padEnd(10)} ${c.callsPerAttack.toFixed(2).padStart(5)} calls ` +
            `${c.usecPerAttack.toFixed(1).padStart(6)} us`,
        );
      }
    }
  } finally {
    if (redisStore && redisRepository && client?.status === "ready") {
      // Leave nothing behind, which matters on a REDIS_URL server.
      for (const game of [
        ...redisStore.games,
        ...(uncachedStore?.games ?? []),
        ...(ackedStore?.games ?? []),
      ])
        await redisRepository.delete(game.id);
    }
    if (uncachedClient) {
      if (uncachedClient.status === "ready") await uncachedClient.quit();
      else uncachedClient.disconnect();
    }
    for (const acked of ackedClients) acked.disconnect();
    memoryRepository.close();
    if (client) {
      if (client.status === "ready") await client.quit();
      else client.disconnect();
    }
    await replica?.stop();
    await server?.stop();
    clearTimeout(watchdog);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** How many replicas the primary has connected (INFO replication). */
async function connectedReplicas(client: RedisClient): Promise<number> {
  // A replica started with the server may still be syncing: give it a few seconds.
  for (let i = 0; ; i++) {
    const info = await client.info("replication");
    const online = [...info.matchAll(/^slave\d+:.*state=online/gm)].length;
    if (online > 0 || i >= 50) return online;
    await new Promise((r) => setTimeout(r, 100));
  }
}

main().catch((error: unknown) => {
  console.error("store-bench failed:", error);
  process.exitCode = 1;
});
