import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { createRedisClient, waitUntilReady } from "../../src/infrastructure/redis-client";
import type { RedisClient } from "../../src/infrastructure/redis-client";

/** The Redis of this test run (started by the global setup unless REDIS_URL was given). */
export function testRedisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error("REDIS_URL is not set: the jest global setup should have set it");
  return url;
}

/** A key prefix no other suite or run uses, so suites share one server without clashing. */
export function uniquePrefix(): string {
  return `test-${randomUUID().slice(0, 8)}`;
}

/** A client with the server's production options, ready to use. */
export async function connectedClient(url = testRedisUrl()): Promise<RedisClient> {
  const client = createRedisClient({ url }, () => undefined);
  await waitUntilReady(client);
  return client;
}

/** A plain client for looking at Redis itself with raw commands. */
export function rawClient(url = testRedisUrl()): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1 });
}

/** Counts the commands a client sends, each a round trip when nothing is pipelined. */
export function countCommands(client: RedisClient): {
  readonly count: number;
  reset(): void;
  names: string[];
} {
  const names: string[] = [];
  const original = client.sendCommand.bind(client) as (...args: unknown[]) => unknown;
  (client as { sendCommand: (...args: unknown[]) => unknown }).sendCommand = (
    ...args: unknown[]
  ) => {
    names.push((args[0] as { name: string }).name);
    return original(...args);
  };
  return {
    get count() {
      return names.length;
    },
    reset() {
      names.length = 0;
    },
    names,
  };
}
