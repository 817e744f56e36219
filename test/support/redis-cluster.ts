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
