import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Cluster } from "ioredis";
import { createRedisClient, waitUntilReady } from "../../src/infrastructure/redis-client";
import { startRedisServer, type RedisServer } from "./redis-server";

const run = promisify(execFile);

/** A throwaway Redis Cluster of three primaries (each with a replica when asked), no persistence. */
export interface RedisClusterUnderTest {
  /** The three primaries as created. */
  nodes: { host: string; port: number }[];
  /** Every server: the primaries, then their replicas (none unless asked). */
  servers: RedisServer[];
  stop(): Promise<void>;
}

/** What the test cluster is made of. */
export interface RedisClusterOptions {
  /** One replica per primary (3 primaries + 3 replicas), each synced before this resolves. */
  replicas?: boolean;
  /** `cluster-node-timeout`: how long until a silent node is failed over (5000 by default). */
  nodeTimeoutMs?: number;
}

/**
 * Starts three cluster-enabled redis-servers on free ports (six with replicas), joins them with
 * `redis-cli --cluster create` (all 16384 slots), and waits until every node reports
 * cluster_state:ok and every replica is in sync with its primary.
 */
export async function startRedisCluster(
  options: RedisClusterOptions = {},
): Promise<RedisClusterUnderTest> {
  const servers: RedisServer[] = [];
  const count = options.replicas ? 6 : 3;
  try {
    for (let i = 0; i < count; i++) {
      servers.push(await startRedisServer({ cluster: true, nodeTimeoutMs: options.nodeTimeoutMs }));
    }
    const addresses = servers.map((s) => `127.0.0.1:${s.port}`);
    // redis-cli makes the first three the primaries and gives each one of the others.
    await run("redis-cli", [
      "--cluster",
      "create",
      ...addresses,
      "--cluster-replicas",
      options.replicas ? "1" : "0",
      "--cluster-yes",
    ]);
    for (const server of servers) {
      await until(`cluster node ${server.port} reaches cluster_state:ok`, async () =>
        (await cli(server.port, "cluster", "info")).includes("cluster_state:ok"),
      );
    }
    for (const server of servers.slice(3)) {
      await until(`replica ${server.port} is in sync`, async () =>
        (await cli(server.port, "info", "replication")).includes("master_link_status:up"),
      );
    }
    return {
      nodes: servers.slice(0, 3).map((s) => ({ host: "127.0.0.1", port: s.port })),
      servers,
      stop: async () => {
        await Promise.all(servers.map((s) => s.stop()));
      },
    };
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    throw error;
  }
}

/** A ready client of the test cluster, with the server's options (its subscriber when asked). */
export async function connectedClusterClient(
  cluster: RedisClusterUnderTest,
  role: { subscriber?: boolean } = {},
): Promise<Cluster> {
  const client = createRedisClient(
    { clusterNodes: cluster.nodes },
    () => undefined,
    role,
  ) as Cluster;
  await waitUntilReady(client, 10_000);
  return client;
}

/** Polls `check` every 100 ms for up to 10 s. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; ; i++) {
    if (await check()) return;
    if (i > 100) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A redis-cli command's output, trimmed. */
export async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run("redis-cli", ["-p", String(port), ...args]);
  return stdout.trim();
}

/**
 * The slot map as the node at `port` sees it (one CLUSTER SLOTS): the port of the primary that
 * owns a slot, or a game's slot by its id.
 */
export async function slotOwners(port: number): Promise<(slot: number) => number> {
  const ranges = JSON.parse(await cli(port, "--json", "cluster", "slots")) as [
    number,
    number,
    [string, number, string],
  ][];
  return (slot) => ranges.find(([first, last]) => slot >= first && slot <= last)![2][1];
}

/**
 * Moves one slot, with its keys, from one primary to another, as a resharding does: IMPORTING and
 * MIGRATING, MIGRATE of every key, then SETSLOT NODE on every primary. The old owner ends its
 * clients' sharded subscriptions to the slot's channels (SUNSUBSCRIBE).
 */
export async function moveSlot(
  slot: number,
  from: number,
  to: number,
  primaries: readonly number[],
): Promise<void> {
  const [fromId, toId] = [await cli(from, "cluster", "myid"), await cli(to, "cluster", "myid")];
  await cli(to, "cluster", "setslot", String(slot), "importing", fromId);
  await cli(from, "cluster", "setslot", String(slot), "migrating", toId);
  for (;;) {
    const keys = (await cli(from, "cluster", "getkeysinslot", String(slot), "100"))
      .split("\n")
      .filter(Boolean);
    if (keys.length === 0) break;
    await cli(from, "migrate", "127.0.0.1", String(to), "", "0", "5000", "keys", ...keys);
  }
  for (const port of [to, from, ...primaries.filter((p) => p !== to && p !== from)]) {
    await cli(port, "cluster", "setslot", String(slot), "node", toId);
  }
}
