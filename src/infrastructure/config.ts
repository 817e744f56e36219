import { bool, cleanEnv, makeValidator, port, str, url, type Spec } from "envalid";

/** The server's settings, read from the environment once at start. */
export interface Config {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  /** One Redis server; with neither this nor clusterNodes the embedded in-memory store is used. */
  redisUrl?: string;
  /** Seed nodes of a Redis Cluster. */
  redisClusterNodes?: { host: string; port: number }[];
  keyPrefix: string;
  gameTtlSeconds: number;
  eventLogSize: number;
  /** Games an instance keeps the last committed state of, to attack them in one round trip; 0: none. */
  gameCacheSize: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Largest HTTP request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Largest WebSocket message accepted, in bytes. */
  maxWsMessageBytes: number;
  /** Milliseconds a Redis command may take before STORE_UNAVAILABLE. */
  redisCommandTimeoutMs: number;
  /**
   * Replicas that must have every write (a turn, a game's creation, updateMonster, abandon) before
   * it is acknowledged; 0: none (a write is acknowledged once its primary has it).
   */
  redisReplicaAcks: number;
  /** Milliseconds a write may wait for its replicas before STORE_UNAVAILABLE. */
  redisReplicaAckTimeoutMs: number;
  /**
   * How often, in milliseconds, each watched game is checked against Redis: subscriptions to a game
   * that expired complete, and turns pub/sub missed are sent.
   */
  subscriptionCheckMs: number;
  /**
   * Browser origins besides the server's own that may call the API: `"*"` any, `"loopback"` any
   * http://localhost / 127.0.0.1 / [::1] port (the default in development and test), or a list
   * (empty: the default in production).
   */
  corsOrigins: "*" | "loopback" | string[];
  /** Whether GET /metrics serves Prometheus metrics. */
  metricsEnabled: boolean;
  /**
   * How many proxies in front of the server to trust for `X-Forwarded-For` (express's `trust proxy`);
   * false: none, the client is the socket's peer.
   */
  trustProxy: false | number;
  /** Per-client budgets per window (RATE_LIMIT_*), or false: no rate limiting. */
  rateLimits:
    | false
    | {
        windowSeconds: number;
        points: { startGame: number; mutation: number; query: number; subscription: number };
      };
  /** Operations (subscriptions, queries, mutations) one WebSocket connection may run at once. */
  wsMaxSubscriptionsPerConnection: number;
  /** WebSocket connections one client (its IP) may hold open at once, on this instance. */
  wsMaxConnectionsPerClient: number;
  /** Milliseconds a new WebSocket connection has to send connection_init before it is closed (4408). */
  wsConnectionInitTimeoutMs: number;
  /** Milliseconds a client has to send a request's headers (node:http headersTimeout). */
  httpHeadersTimeoutMs: number;
  /** Milliseconds a client has to send a whole request, headers and body (requestTimeout). */
  httpRequestTimeoutMs: number;
  /** Milliseconds an idle kept-alive connection stays open after a response (keepAliveTimeout). */
  httpKeepAliveTimeoutMs: number;
  /** Milliseconds a socket may be inactive, neither side sending, before it is closed (server.timeout). */
  httpSocketTimeoutMs: number;
}

/** A bad setting: the message names every variable at fault and what it takes. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const clusterNodes = makeValidator<{ host: string; port: number }[]>((input: string) => {
  const nodes = input
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^([^:\s]+):(\d{1,5})$/.exec(entry);
      const portNumber = Number(match?.[2]);
      if (!match || portNumber < 1 || portNumber > 65535) {
        throw new Error(`"${entry}" is not host:port`);
      }
      return { host: match[1]!, port: portNumber };
    });
  if (nodes.length === 0) throw new Error("needs at least one host:port");
  return nodes;
});

const keyPrefix = makeValidator<string>((input: string) => {
  // Braces would add a second hash tag and break the one-slot-per-game rule on Redis Cluster.
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(input)) {
    throw new Error("must be 1 to 64 of A-Z a-z 0-9 _ . : - (no braces, no spaces)");
  }
  return input;
});

const corsOrigins = makeValidator<"*" | string[]>((input: string) => {
  if (input.trim() === "*") return "*";
  const origins = input.split(",").map((s) => s.trim());
  for (const entry of origins) {
    if (entry === "*") throw new Error('"*" allows every origin: use it alone');
    let origin: string | undefined;
    try {
      const parsed = new URL(entry);
      if (parsed.protocol === "http:" || parsed.protocol === "https:") origin = parsed.origin;
    } catch {
      // Reported below.
    }
    // Browsers send the origin in this exact form, so anything else could never match.
    if (origin !== entry) {
      throw new Error(
        `"${entry}" is not an origin: scheme://host[:port] with http or https, lower case, no path or trailing slash (or "*" alone)`,
      );
    }
  }
  return origins;
});

const trustProxy = makeValidator<false | number>((input: string) => {
  const value = input.trim().toLowerCase();
  if (value === "false" || value === "0") return false;
  if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 10) return Number(value);
  throw new Error(
    value === "true"
      ? "trusting every proxy would let any client choose its address: give the number of proxies in front (1 to 10), or false"
      : "must be false or the number of proxies in front of the server (1 to 10)",
  );
});

function positive(spec: Spec<number> & { min: number; max: number }) {
  return makeValidator<number>((input: string) => {
    const value = Number(input);
    if (!/^\d+$/.test(input.trim()) || value < spec.min || value > spec.max) {
      throw new Error(`must be a whole number from ${spec.min} to ${spec.max}`);
    }
    return value;
  })({ default: spec.default, desc: spec.desc });
}

/**
 * Reads and validates the configuration. Every variable is optional.
 * @throws ConfigError naming each bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const clean = cleanEnv(
    env,
    {
      NODE_ENV: str({ choices: ["development", "production", "test"], default: "development" }),
      PORT: port({ default: 4000 }),
      HOST: str({ default: "0.0.0.0" }),
      REDIS_URL: url({ default: undefined }),
      REDIS_CLUSTER_NODES: clusterNodes({ default: undefined }),
      REDIS_KEY_PREFIX: keyPrefix({ default: "dwemthy" }),
      GAME_TTL_SECONDS: positive({ min: 1, max: 31_536_000, default: 604_800 }),
      EVENT_LOG_SIZE: positive({ min: 1, max: 100_000, default: 1_000 }),
      GAME_CACHE_SIZE: positive({ min: 0, max: 1_000_000, default: 10_000 }),
      LOG_LEVEL: str({
        choices: ["fatal", "error", "warn", "info", "debug", "trace", "silent"],
        default: "info",
      }),
      MAX_BODY_BYTES: positive({ min: 1_024, max: 10_485_760, default: 102_400 }),
      MAX_WS_MESSAGE_BYTES: positive({ min: 1_024, max: 10_485_760, default: 102_400 }),
      REDIS_COMMAND_TIMEOUT_MS: positive({ min: 50, max: 60_000, default: 2_000 }),
      REDIS_REPLICA_ACKS: positive({ min: 0, max: 10, default: 0 }),
      REDIS_REPLICA_ACK_TIMEOUT_MS: positive({ min: 10, max: 60_000, default: 1_000 }),
      SUBSCRIPTION_CHECK_MS: positive({ min: 100, max: 3_600_000, default: 30_000 }),
      CORS_ORIGINS: corsOrigins({ default: undefined }),
      METRICS_ENABLED: bool({ default: true }),
      TRUST_PROXY: trustProxy({ default: false }),
      RATE_LIMITING: bool({ default: true }),
      RATE_LIMIT_WINDOW_SECONDS: positive({ min: 1, max: 86_400, default: 60 }),
      RATE_LIMIT_START_GAME: positive({ min: 1, max: 1_000_000_000, default: 30 }),
      RATE_LIMIT_MUTATIONS: positive({ min: 1, max: 1_000_000_000, default: 600 }),
      RATE_LIMIT_QUERIES: positive({ min: 1, max: 1_000_000_000, default: 1_200 }),
      RATE_LIMIT_SUBSCRIPTIONS: positive({ min: 1, max: 1_000_000_000, default: 120 }),
      WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: positive({ min: 1, max: 10_000, default: 20 }),
      WS_MAX_CONNECTIONS_PER_CLIENT: positive({ min: 1, max: 100_000, default: 50 }),
      WS_CONNECTION_INIT_TIMEOUT_MS: positive({ min: 100, max: 60_000, default: 10_000 }),
      HTTP_HEADERS_TIMEOUT_MS: positive({ min: 100, max: 600_000, default: 10_000 }),
      HTTP_REQUEST_TIMEOUT_MS: positive({ min: 100, max: 3_600_000, default: 30_000 }),
      HTTP_KEEP_ALIVE_TIMEOUT_MS: positive({ min: 100, max: 600_000, default: 5_000 }),
      HTTP_SOCKET_TIMEOUT_MS: positive({ min: 100, max: 3_600_000, default: 60_000 }),
    },
    {
      reporter: ({ errors }) => {
        const problems = Object.entries(errors).map(
          ([name, error]) => `  ${name}: ${error?.message ?? "invalid"}`,
        );
        if (problems.length > 0) {
          throw new ConfigError(`Invalid configuration:\n${problems.join("\n")}`);
        }
      },
    },
  );
  if (clean.REDIS_URL && clean.REDIS_CLUSTER_NODES) {
    throw new ConfigError(
      "Invalid configuration:\n  REDIS_URL and REDIS_CLUSTER_NODES: set one, not both",
    );
  }
  if (clean.REDIS_URL && !/^rediss?:\/\//.test(clean.REDIS_URL)) {
    throw new ConfigError(
      "Invalid configuration:\n  REDIS_URL: must start with redis:// or rediss://",
    );
  }
  if (clean.REDIS_REPLICA_ACKS > 0 && !clean.REDIS_URL && !clean.REDIS_CLUSTER_NODES) {
    throw new ConfigError(
      "Invalid configuration:\n  REDIS_REPLICA_ACKS: needs Redis (REDIS_URL or REDIS_CLUSTER_NODES); the in-memory store has no replicas",
    );
  }
  if (
    clean.REDIS_REPLICA_ACKS > 0 &&
    clean.REDIS_REPLICA_ACK_TIMEOUT_MS >= clean.REDIS_COMMAND_TIMEOUT_MS
  ) {
    // WAIT is a command: past REDIS_COMMAND_TIMEOUT_MS the client gives up on it first.
    throw new ConfigError(
      "Invalid configuration:\n  REDIS_REPLICA_ACK_TIMEOUT_MS: must be less than REDIS_COMMAND_TIMEOUT_MS",
    );
  }
  if (clean.HTTP_HEADERS_TIMEOUT_MS > clean.HTTP_REQUEST_TIMEOUT_MS) {
    // node:http refuses a headers timeout longer than the whole request's.
    throw new ConfigError(
      "Invalid configuration:\n  HTTP_HEADERS_TIMEOUT_MS: must not be more than HTTP_REQUEST_TIMEOUT_MS",
    );
  }
  return {
    nodeEnv: clean.NODE_ENV,
    port: clean.PORT,
    host: clean.HOST,
    redisUrl: clean.REDIS_URL,
    redisClusterNodes: clean.REDIS_CLUSTER_NODES,
    keyPrefix: clean.REDIS_KEY_PREFIX,
    gameTtlSeconds: clean.GAME_TTL_SECONDS,
    eventLogSize: clean.EVENT_LOG_SIZE,
    gameCacheSize: clean.GAME_CACHE_SIZE,
    logLevel: clean.LOG_LEVEL,
    maxBodyBytes: clean.MAX_BODY_BYTES,
    maxWsMessageBytes: clean.MAX_WS_MESSAGE_BYTES,
    redisCommandTimeoutMs: clean.REDIS_COMMAND_TIMEOUT_MS,
    redisReplicaAcks: clean.REDIS_REPLICA_ACKS,
    redisReplicaAckTimeoutMs: clean.REDIS_REPLICA_ACK_TIMEOUT_MS,
    subscriptionCheckMs: clean.SUBSCRIPTION_CHECK_MS,
    corsOrigins: clean.CORS_ORIGINS ?? (clean.NODE_ENV === "production" ? [] : "loopback"),
    metricsEnabled: clean.METRICS_ENABLED,
    trustProxy: clean.TRUST_PROXY,
    rateLimits: clean.RATE_LIMITING && {
      windowSeconds: clean.RATE_LIMIT_WINDOW_SECONDS,
      points: {
        startGame: clean.RATE_LIMIT_START_GAME,
        mutation: clean.RATE_LIMIT_MUTATIONS,
        query: clean.RATE_LIMIT_QUERIES,
        subscription: clean.RATE_LIMIT_SUBSCRIPTIONS,
      },
    },
    wsMaxSubscriptionsPerConnection: clean.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    wsMaxConnectionsPerClient: clean.WS_MAX_CONNECTIONS_PER_CLIENT,
    wsConnectionInitTimeoutMs: clean.WS_CONNECTION_INIT_TIMEOUT_MS,
    httpHeadersTimeoutMs: clean.HTTP_HEADERS_TIMEOUT_MS,
    httpRequestTimeoutMs: clean.HTTP_REQUEST_TIMEOUT_MS,
    httpKeepAliveTimeoutMs: clean.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    httpSocketTimeoutMs: clean.HTTP_SOCKET_TIMEOUT_MS,
  };
}
