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

/** A client for commands or publishing, with an error listener attached before it connects. */
export function createRedisClient(
  connection: RedisConnection,
  onError: RedisErrorListener,
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
