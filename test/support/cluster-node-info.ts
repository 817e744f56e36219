import { Redis } from "ioredis";

/** The pub/sub counters of one cluster node's `CLUSTER INFO` (a counter never reported is 0). */
export interface PubSubCounters {
  publishSent: number;
  publishReceived: number;
  publishShardSent: number;
  publishShardReceived: number;
}

/** Reads the cluster bus's pub/sub message counters of the node at `port`. */
export async function pubSubCounters(port: number): Promise<PubSubCounters> {
  const node = new Redis(port, "127.0.0.1", { maxRetriesPerRequest: 1, lazyConnect: true });
  node.on("error", () => undefined);
  try {
    await node.connect();
    const info = (await node.call("CLUSTER", "INFO")) as string;
    const counter = (name: string): number =>
      Number(new RegExp(`^cluster_stats_messages_${name}:(\\d+)`, "m").exec(info)?.[1] ?? 0);
    return {
      publishSent: counter("publish_sent"),
      publishReceived: counter("publish_received"),
      publishShardSent: counter("publishshard_sent"),
      publishShardReceived: counter("publishshard_received"),
    };
  } finally {
    node.disconnect();
  }
}

// Redis Cluster's key slot: CRC16 (XMODEM) of the hash tag, mod 16384.
export function clusterKeySlot(key: string): number {
  const open = key.indexOf("{");
  const close = open >= 0 ? key.indexOf("}", open + 1) : -1;
  const tagged = open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key;
  let crc = 0;
  for (const byte of Buffer.from(tagged)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}
