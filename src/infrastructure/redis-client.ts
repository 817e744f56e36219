import { Cluster, Redis, type RedisOptions } from "ioredis";

/** A Redis client: one server or a Cluster, as ioredis gives them. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: one server by URL, or the seed nodes of a Cluster. */
export interface RedisConnection {
  url?: string;
  clusterNodes?: readonly { host: string; port: number }[];
  /** Milliseconds a command may take before it fails with STORE_UNAVAILABLE. */
  commandTimeoutMs?: number;
  /** Cluster only: the addresses to reach nodes at, by the address they announce (NAT, containers). */
  natMap?: Record<string, { host: string; port: number }>;
}

/** Receives connection errors, which ioredis would otherwise print or throw as unhandled. */
export type RedisErrorListener = (error: Error) => void;

/**
 * The connection options that make the store fail fast and never repeat a write:
 * - no offline queue: while disconnected a command fails at once instead of waiting;
 * - no resending after a reconnect: a commit Redis may already have applied is not sent again
 *   (the write scripts are idempotent anyway, see COMMIT_TURN, but an unsent retry is cheaper);
 * - a command timeout, so a stalled server cannot hang a request;
 * - reconnection forever, with a capped backoff, so the service recovers by itself.
 */
export function failFastOptions(commandTimeoutMs = 2_000): RedisOptions {
  return {
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2_000,
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, 2_000),
  };
}

/** What a client is for. */
export interface RedisClientRole {
  /**
   * The battle feed's subscriber. On a Cluster it subscribes sharded (SSUBSCRIBE on the primary
   * that owns the channel's slot, one connection per primary), and re-reads the slot map every
   * SUBSCRIBER_SLOTS_REFRESH_MS, so that a slot moved by a resharding, which only ends the
   * subscriptions, is noticed and subscribed again on its new owner.
   */
  subscriber?: boolean;
}

/** How often a Cluster subscriber re-reads the slot map (one CLUSTER SLOTS). */
export const SUBSCRIBER_SLOTS_REFRESH_MS = 1_000;

/** A client for commands, publishing or subscribing, with an error listener attached before it connects. */
export function createRedisClient(
  connection: RedisConnection,
  onError: RedisErrorListener,
  role: RedisClientRole = {},
): RedisClient {
  const options = failFastOptions(connection.commandTimeoutMs);
  const client: RedisClient = connection.clusterNodes?.length
    ? new Cluster([...connection.clusterNodes], {
        redisOptions: options,
        enableOfflineQueue: false,
        // ioredis Cluster sends a command again when its node connection closed (failover), even
        // one that already ran; the write scripts recognise their own repeat (COMMIT_TURN).
        natMap: connection.natMap,
        clusterRetryStrategy: options.retryStrategy,
        ...(role.subscriber
          ? { shardedSubscribers: true, slotsRefreshInterval: SUBSCRIBER_SLOTS_REFRESH_MS }
          : {}),
      })
    : new Redis(connection.url ?? "redis://127.0.0.1:6379", options);
  client.on("error", onError);
  return client;
}

/** Resolves once the client is connected and ready, or rejects after `timeoutMs`. */
export async function waitUntilReady(client: RedisClient, timeoutMs = 5_000): Promise<void> {
  if (client.status === "ready") return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off("ready", onReady);
      reject(new Error(`Redis was not ready within ${timeoutMs} ms (status ${client.status})`));
    }, timeoutMs);
    const onReady = (): void => {
      clearTimeout(timer);
      resolve();
    };
    client.once("ready", onReady);
  });
}
