import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { startRedisServer, type RedisServer } from "./redis-server";

const run = promisify(execFile);

/** A throwaway Redis Cluster of three masters, no replicas, no persistence. */
export interface RedisClusterUnderTest {
  nodes: { host: string; port: number }[];
  stop(): Promise<void>;
}

/**
 * Starts three cluster-enabled redis-servers on free ports, joins them with `redis-cli --cluster
 * create` (all 16384 slots), and waits until every node reports cluster_state:ok.
 */
export async function startRedisCluster(): Promise<RedisClusterUnderTest> {
  const servers: RedisServer[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      servers.push(await startRedisServer({ cluster: true }));
    }
    const addresses = servers.map((s) => `127.0.0.1:${s.port}`);
    await run("redis-cli", [
      "--cluster",
      "create",
      ...addresses,
      "--cluster-replicas",
      "0",
      "--cluster-yes",
    ]);
    for (const server of servers) {
      for (let i = 0; ; i++) {
        const { stdout } = await run("redis-cli", ["-p", String(server.port), "cluster", "info"]);
        if (stdout.includes("cluster_state:ok")) break;
        if (i > 100) throw new Error(`cluster node ${server.port} never reached cluster_state:ok`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return {
      nodes: servers.map((s) => ({ host: "127.0.0.1", port: s.port })),
      stop: async () => {
        await Promise.all(servers.map((s) => s.stop()));
      },
    };
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    throw error;
  }
}

async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run("redis-cli", ["-p", String(port), ...args]);
  return stdout.trim();
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
