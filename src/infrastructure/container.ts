import type { Logger } from "pino";
import { container as rootContainer, Lifecycle, type DependencyContainer } from "tsyringe";
import type { GameRepository } from "../domain/game-repository";
import { GameService } from "../domain/game-service";
import { BattleEventsResolver } from "../graphql/battle-events.resolver";
import { GameResolver } from "../graphql/game.resolver";
import type { Config } from "./config";
import { CryptoGameIdGenerator } from "./crypto-game-id-generator";
import { CryptoPlayerTokens } from "./crypto-player-tokens";
import { InMemoryGameRepository } from "./in-memory-game-repository";
import { InProcessBattleEventBus } from "./in-process-battle-event-bus";
import { PureRandDiceFactory } from "./pure-rand-dice-factory";
import { RedisBattleEventFeed } from "./redis-battle-event-feed";
import { createRedisClient, waitUntilReady, type RedisClient } from "./redis-client";
import { RedisGameRepository } from "./redis-game-repository";
import { SystemClock } from "./system-clock";

/** The wired application: the DI container the resolvers come from, and its lifecycle. */
export interface Application {
  container: DependencyContainer;
  games: GameService;
  /** "redis", "redis-cluster" or "memory". */
  store: "redis" | "redis-cluster" | "memory";
  /** Whether the store answers now (for /readyz). */
  ready(): Promise<boolean>;
  /** Lets go of connections and timers; call after the servers stopped using them. */
  close(): Promise<void>;
}

/**
 * The composition root: the one place adapters are chosen and wired. Each call makes its own
 * child container, so several applications can live in one process (tests do that).
 */
export async function composeApplication(config: Config, logger: Logger): Promise<Application> {
  const options = { ttlMs: config.gameTtlSeconds * 1000, maxEvents: config.eventLogSize };
  let repository: GameRepository;
  let feed: RedisBattleEventFeed | InProcessBattleEventBus;
  let store: Application["store"];
  let ready: () => Promise<boolean>;
  let close: () => Promise<void>;

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
    const subscriber: RedisClient = createRedisClient(connection, errorListener("subscriber"));
    try {
      await Promise.all([waitUntilReady(commands), waitUntilReady(subscriber)]);
    } catch (error) {
      clientLogger.warn(
        { err: error },
        "redis is not reachable yet; requests get STORE_UNAVAILABLE until it is",
      );
    }
    repository = new RedisGameRepository(commands, { ...options, keyPrefix: config.keyPrefix });
    const redisFeed = new RedisBattleEventFeed(
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
      await Promise.allSettled([commands.quit(), subscriber.quit()]);
      commands.disconnect();
      subscriber.disconnect();
    };
  } else {
    store = "memory";
    const bus = new InProcessBattleEventBus();
    const memory = new InMemoryGameRepository(options, {
      committed: (gameId, events) => bus.publish(gameId, events),
      deleted: (gameId) => bus.end(gameId),
    });
    repository = memory;
    feed = bus;
    ready = () => Promise.resolve(true);
    close = () => Promise.resolve(memory.close());
  }

  const games = new GameService({
    repository,
    feed,
    dice: new PureRandDiceFactory(),
    tokens: new CryptoPlayerTokens(),
    ids: new CryptoGameIdGenerator(),
    clock: new SystemClock(),
  });

  const container = rootContainer.createChildContainer();
  container.register(GameService, { useValue: games });
  // type-graphql asks for a resolver on every field call: one instance per application, not per call,
  // and not a process-wide singleton (several applications may share a process).
  const scoped = { lifecycle: Lifecycle.ContainerScoped } as const;
  container.register(GameResolver, { useClass: GameResolver }, scoped);
  container.register(BattleEventsResolver, { useClass: BattleEventsResolver }, scoped);
  return { container, games, store, ready, close };
}
