import path from "node:path";
import type { Logger } from "pino";
import { container as rootContainer, Lifecycle } from "tsyringe";
import type { GameRepository } from "./domain/game-repository.port";
import { GameService } from "./domain/game-service";
import { RESOLVERS } from "./graphql/schema";
import type { ServerDependencies } from "./graphql/server-dependencies";
import { ServerMetrics } from "./graphql/server-metrics";
import type { ServerOptions } from "./graphql/server-options";
import type { Config } from "./infrastructure/config";
import { CryptoGameIdGenerator } from "./infrastructure/crypto-game-id-generator";
import { CryptoPlayerTokens } from "./infrastructure/crypto-player-tokens";
import { InMemoryGameRepository } from "./infrastructure/in-memory-game-repository";
import { InProcessBattleTurnFeed } from "./infrastructure/in-process-battle-turn-feed";
import { LruGameStateCache } from "./infrastructure/lru-game-state-cache";
import { PureRandDiceFactory } from "./infrastructure/pure-rand-dice-factory";
import { FlexibleRateLimits } from "./infrastructure/rate-limiter";
import { RedisBattleTurnFeed } from "./infrastructure/redis-battle-turn-feed";
import { createRedisClient, waitUntilReady, type RedisClient } from "./infrastructure/redis-client";
import { RedisGameRepository } from "./infrastructure/redis-game-repository";
import { SystemClock } from "./infrastructure/system-clock";

/**
 * Write clients per instance with REDIS_REPLICA_ACKS > 0: each waits for the replicas of one write
 * at a time (per primary), so a few keep concurrent writes from queueing behind one replica round
 * trip (bench:store, docs/benchmarks.md).
 */
const REPLICA_ACK_WRITE_CLIENTS = 4;

/** The wired application: what the API server is built around, with the store it runs on. */
export interface Application extends ServerDependencies {
  store: "redis" | "redis-cluster" | "memory";
}

/** The API server's settings, taken from the configuration. */
export function serverOptions(config: Config): ServerOptions {
  return {
    nodeEnv: config.nodeEnv,
    port: config.port,
    host: config.host,
    maxBodyBytes: config.maxBodyBytes,
    maxWsMessageBytes: config.maxWsMessageBytes,
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    // Vite's builds beside the compiled server: dist/ide and dist/web seen from dist/ (and src/).
    ideDirectory: path.resolve(__dirname, "..", "dist", "ide"),
    webDirectory: path.resolve(__dirname, "..", "dist", "web"),
    metricsEnabled: config.metricsEnabled,
    wsLimits: {
      maxSubscriptionsPerConnection: config.wsMaxSubscriptionsPerConnection,
      maxConnectionsPerClient: config.wsMaxConnectionsPerClient,
      connectionInitTimeoutMs: config.wsConnectionInitTimeoutMs,
    },
    httpTimeouts: {
      headersMs: config.httpHeadersTimeoutMs,
      requestMs: config.httpRequestTimeoutMs,
      keepAliveMs: config.httpKeepAliveTimeoutMs,
      socketMs: config.httpSocketTimeoutMs,
    },
  };
}

/**
 * The composition root: the one place adapters are chosen and wired, infrastructure and graphql
 * meeting here and nowhere else. Each call makes its own child container, so several
 * applications can live in one process (tests do that).
 */
export async function composeApplication(config: Config, logger: Logger): Promise<Application> {
  const options = { ttlMs: config.gameTtlSeconds * 1000, maxEvents: config.eventLogSize };
  let repository: GameRepository;
  let feed: RedisBattleTurnFeed | InProcessBattleTurnFeed;
  let store: Application["store"];
  let ready: () => Promise<boolean>;
  let close: () => Promise<void>;
  let rateLimits: FlexibleRateLimits | undefined;

  if (config.redisUrl || config.redisClusterNodes) {
    store = config.redisClusterNodes ? "redis-cluster" : "redis";
    const connection = {
      url: config.redisUrl,
      clusterNodes: config.redisClusterNodes,
      commandTimeoutMs: config.redisCommandTimeoutMs,
    };
    const clientLogger = logger.child({ component: "redis" });
    const errorListener = (role: string) => {
      // ioredis reports every failed reconnect; one line each is enough, and the process stays up.
      return (error: Error) =>
        clientLogger.warn({ role, err: { message: error.message } }, "redis connection error");
    };
    const commands: RedisClient = createRedisClient(connection, errorListener("commands"));
    const subscriber: RedisClient = createRedisClient(connection, errorListener("subscriber"), {
      subscriber: true,
    });
    // With replica acknowledgements, writes have clients of their own: WAIT blocks its connection
    // until the replicas answer, so reads stay off them, and a few let writes wait side by side.
    const writers: RedisClient[] =
      config.redisReplicaAcks > 0
        ? Array.from({ length: REPLICA_ACK_WRITE_CLIENTS }, () =>
            createRedisClient(connection, errorListener("writes")),
          )
        : [];
    const clients = [commands, subscriber, ...writers];
    try {
      await Promise.all(clients.map((client) => waitUntilReady(client)));
    } catch (error) {
      clientLogger.warn(
        { err: error },
        "redis is not reachable yet; requests get STORE_UNAVAILABLE until it is",
      );
    }
    repository = new RedisGameRepository(
      commands,
      {
        ...options,
        keyPrefix: config.keyPrefix,
        replicaAcks: {
          replicas: config.redisReplicaAcks,
          timeoutMs: config.redisReplicaAckTimeoutMs,
        },
      },
      writers.length > 0 ? writers : commands,
    );
    // The counters live in Redis, so every instance on it spends from one budget per client.
    rateLimits = config.rateLimits
      ? FlexibleRateLimits.onRedis(
          commands,
          config.keyPrefix,
          config.rateLimits,
          (error, context) =>
            clientLogger.warn(
              { err: error, ...context },
              "rate limit counters unreachable in redis; this instance counts on its own meanwhile",
            ),
        )
      : undefined;
    const redisFeed = new RedisBattleTurnFeed(
      subscriber,
      config.keyPrefix,
      (error, context) => clientLogger.warn({ err: error, context }, "battle event feed error"),
      { checkIntervalMs: config.subscriptionCheckMs },
    );
    feed = redisFeed;
    ready = async () => {
      try {
        return (await commands.ping()) === "PONG";
      } catch {
        return false;
      }
    };
    close = async () => {
      redisFeed.close();
      await Promise.allSettled(clients.map((client) => client.quit()));
      for (const client of clients) client.disconnect();
    };
  } else {
    store = "memory";
    const inProcessFeed = new InProcessBattleTurnFeed((error) =>
      logger.error({ err: error }, "a battle watcher threw"),
    );
    const memory = new InMemoryGameRepository(options, {
      committed: (gameId, turn) => inProcessFeed.publish(gameId, turn),
      deleted: (gameId) => inProcessFeed.end(gameId),
    });
    repository = memory;
    feed = inProcessFeed;
    ready = () => Promise.resolve(true);
    close = () => Promise.resolve(memory.close());
    rateLimits = config.rateLimits ? FlexibleRateLimits.inMemory(config.rateLimits) : undefined;
  }

  // One registry per application; GameService counts its commits, lost races and retries into it.
  const metrics = config.metricsEnabled ? new ServerMetrics() : undefined;
  const games = new GameService({
    repository,
    feed,
    dice: new PureRandDiceFactory(),
    tokens: new CryptoPlayerTokens(),
    ids: new CryptoGameIdGenerator(),
    clock: new SystemClock(),
    observer: metrics?.gameServiceObserver,
    // A watcher must not throw; one that does is a bug, logged, and the others go on.
    reportBug: (error) => logger.error({ err: error }, "a battle watcher threw"),
    cache: config.gameCacheSize > 0 ? new LruGameStateCache(config.gameCacheSize) : undefined,
  });

  const container = rootContainer.createChildContainer();
  container.register(GameService, { useValue: games });
  // type-graphql asks for a resolver on every field call: one instance per application, not per call,
  // and not a process-wide singleton (several applications may share a process).
  const scoped = { lifecycle: Lifecycle.ContainerScoped } as const;
  for (const resolver of RESOLVERS) {
    container.register<object>(resolver, { useClass: resolver }, scoped);
  }
  return { container, games, store, ready, close, logger, rateLimits, metrics };
}
