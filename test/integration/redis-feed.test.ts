import type { BattleEvent } from "../../src/domain/battle-event";
import type { RedisClient } from "../../src/infrastructure/redis-client";
import { RedisBattleTurnFeed } from "../../src/infrastructure/redis-battle-turn-feed";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { readWatch } from "../support/read-watch";
import { eventsOf, watchTurns } from "../support/watch-turns";
import { connectedClient, countCommands, rawClient, uniquePrefix } from "../support/redis";
import { startRedisServer, type RedisServer } from "../support/redis-server";
import type { GameService } from "../../src/domain/game-service";
import { gameServiceOn } from "../support/services";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// These tests kill pub/sub connections (CLIENT KILL TYPE pubsub): on their own redis-server, so
// that no other suite's subscriber is cut.
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

describe("watching a game through Redis pub/sub", () => {
  let commands: RedisClient;
  let subscriber: RedisClient;
  let feed: RedisBattleTurnFeed;
  let service: GameService;
  let keyPrefix: string;

  /** A service on the test's connections; the periodic store check is off unless asked for. */
  const serviceWith = (options: { ttlMs?: number; checkIntervalMs?: number } = {}) => {
    keyPrefix = uniquePrefix();
    feed?.close();
    feed = new RedisBattleTurnFeed(subscriber, keyPrefix, () => undefined, {
      checkIntervalMs: options.checkIntervalMs ?? 0,
    });
    const repository = new RedisGameRepository(commands, {
      ttlMs: options.ttlMs ?? 60_000,
      maxEvents: 1_000,
      keyPrefix,
    });
    return gameServiceOn(repository, { feed });
  };

  beforeEach(async () => {
    commands = await connectedClient(redis.url);
    subscriber = await connectedClient(redis.url);
    service = serviceWith();
  });
  afterEach(async () => {
    feed.close();
    await Promise.all([commands.quit(), subscriber.quit()]);
  });

  it("logs a malformed message and has the watches check the store, as after a gap", async () => {
    const errors: string[] = [];
    const prefix = uniquePrefix();
    const own = new RedisBattleTurnFeed(subscriber, prefix, (_e, context) => errors.push(context), {
      checkIntervalMs: 0,
    });
    const items: unknown[] = [];
    const stop = await own.listen("g1", (item) => items.push(item));
    try {
      const channel = `${prefix}:{g1}:b`;
      const raw = rawClient(redis.url);
      try {
        await raw.publish(channel, '{"turn":1,"events":[],"game":{}}');
        await raw.publish(channel, "end");
      } finally {
        await raw.quit();
      }
      const end = Date.now() + 5_000;
      while (items.length < 2 && Date.now() < end) await sleep(5);
      expect(items).toEqual([{ kind: "check" }, { kind: "ended" }]);
      expect(errors).toEqual([`malformed message on ${channel}`]);
    } finally {
      stop();
      own.close();
    }
  });

  it("catches up on a turn published while the subscriber was down, with no turn after it", async () => {
    const { game, playerToken } = await service.startGame({ seed: 6 });
    const watch = await watchTurns(service, game.id);
    const raw = rawClient(redis.url);
    await raw.client("KILL", "TYPE", "pubsub");
    // Published while the subscriber is down (it reconnects after 100 ms): pub/sub drops it. No
    // other turn follows.
    const missed = await service.attack(game.id, "SWORD", playerToken);
    expect(subscriber.status).not.toBe("ready");
    await raw.quit();

    // The periodic check is off here: the catch-up comes from the reconnect.
    expect(eventsOf(await readWatch(watch, 1))).toEqual(missed.events);
    await watch.return?.();
  }, 20_000);

  it("completes the watches of a game whose keys expired (TTL), which publishes nothing", async () => {
    const expiring = serviceWith({ ttlMs: 300, checkIntervalMs: 100 });
    const { game, playerToken } = await expiring.startGame({ seed: 7 });
    const watch = await watchTurns(expiring, game.id);
    const attacked = await expiring.attack(game.id, "LETTUCE", playerToken);

    // Nothing ends the watch but the check finding the game gone.
    expect(eventsOf(await readWatch(watch))).toEqual(attacked.events);
    expect(await expiring.getGame(game.id)).toBeUndefined();
  }, 20_000);

  it("fills in the turns published while the subscriber connection was down", async () => {
    const { game, playerToken } = await service.startGame({ seed: 3 });
    const watch = await watchTurns(service, game.id);
    const sent: BattleEvent[] = [];
    sent.push(...(await service.attack(game.id, "LETTUCE", playerToken)).events);

    // Cut the subscriber's connection: turn 2 is published while nobody listens.
    const raw = rawClient(redis.url);
    await raw.client("KILL", "TYPE", "pubsub");
    sent.push(...(await service.attack(game.id, "SWORD", playerToken)).events);
    // ioredis reconnects and resubscribes by itself; then turn 3 arrives live.
    for (let i = 0; i < 100; i++) {
      const channels = (await raw.pubsub("CHANNELS")) as string[];
      if (channels.some((c) => c.includes(game.id))) break;
      await sleep(50);
    }
    sent.push(...(await service.attack(game.id, "BOOMERANG", playerToken)).events);
    await raw.quit();

    const heard = await readWatch(watch, 3);
    await watch.return?.();
    expect(heard.map((t) => t.turn)).toEqual([1, 2, 3]);
    expect(eventsOf(heard)).toEqual(sent);
    // Turns 1 and 3 came live, with the game after them. Turn 2 was read back from the log: with
    // the game when the reconnect's check found it before turn 3, without it when turn 3 came first.
    expect(heard[0]?.game?.turn).toBe(1);
    expect([2, undefined]).toContain(heard[1]?.game?.turn);
    expect(heard[2]?.game?.turn).toBe(3);
  }, 20_000);

  it("leaves no channel subscribed when the last watch closed while the connection was down", async () => {
    const { game } = await service.startGame({ seed: 5 });
    const watch = await watchTurns(service, game.id);
    const raw = rawClient(redis.url);
    const subscribed = async () =>
      ((await raw.pubsub("CHANNELS")) as string[]).some((c) => c.includes(game.id));
    expect(await subscribed()).toBe(true);

    await raw.client("KILL", "TYPE", "pubsub");
    await watch.return?.(); // its UNSUBSCRIBE fails: the connection is down
    // After the reconnect ioredis resubscribes; the feed then drops the channel nobody watches.
    let stillThere = true;
    for (let i = 0; i < 100 && stillThere; i++) {
      await sleep(50);
      stillThere = subscriber.status !== "ready" || (await subscribed());
    }
    expect(stillThere).toBe(false);
    await raw.quit();
  }, 20_000);

  it("ends every watch of a game when the game is abandoned", async () => {
    const { game, playerToken } = await service.startGame({ seed: 4 });
    const first = await watchTurns(service, game.id);
    const second = await watchTurns(service, game.id, 0);
    const attacked = await service.attack(game.id, "BOMB", playerToken);
    await expect(service.abandonGame(game.id, playerToken)).resolves.toBeUndefined();

    expect(eventsOf(await readWatch(first))).toEqual(attacked.events);
    const all = eventsOf(await readWatch(second));
    expect(all.filter((e) => e.turn === 1)).toEqual(attacked.events);
    expect(all[0]).toMatchObject({ type: "MonsterEmerged", turn: 0 });
  }, 20_000);

  describe("one store read per watched game per check, however many watch it", () => {
    const WATCHES = 25;

    it("ends all the watches of a game whose keys vanished with one load in all", async () => {
      const { game } = await service.startGame({ seed: 8 });
      const watches = await Promise.all(
        Array.from({ length: WATCHES }, () => watchTurns(service, game.id)),
      );
      const ended = watches.map((watch) => readWatch(watch));
      // The keys go without a word, as when they expire: only a check can tell.
      const raw = rawClient(redis.url);
      const keys = await raw.keys(`${keyPrefix}:*`);
      expect(keys.length).toBeGreaterThan(0);
      await raw.del(...keys);
      await raw.quit();

      const counted = countCommands(commands);
      feed.check();
      expect(await Promise.all(ended)).toEqual(watches.map(() => []));
      expect(service.watching()).toBe(0);
      expect({ commands: counted.count, names: counted.names }).toEqual({
        commands: 1,
        names: counted.names,
      });
    }, 20_000);

    it("gives every watch a turn pub/sub missed with one load and one log read in all", async () => {
      const { game, playerToken } = await service.startGame({ seed: 9 });
      const watches = await Promise.all(
        Array.from({ length: WATCHES }, () => watchTurns(service, game.id)),
      );
      const counted = countCommands(commands);
      const raw = rawClient(redis.url);
      await raw.client("KILL", "TYPE", "pubsub");
      // Published while the subscriber is down: pub/sub drops it; the reconnect's check finds it.
      const missed = await service.attack(game.id, "LETTUCE", playerToken);
      await raw.quit();

      const heard = await Promise.all(watches.map((watch) => readWatch(watch, 1)));
      expect(heard.map(eventsOf)).toEqual(watches.map(() => missed.events));
      // Found by the check, which read the game at that turn: the turn carries it.
      expect(heard.map(([turn]) => turn?.game?.turn)).toEqual(watches.map(() => 1));
      // The attack's own load and commit, then the check's one load and one read of the log.
      expect({ commands: counted.count, names: counted.names }).toEqual({
        commands: 4,
        names: counted.names,
      });
      for (const watch of watches) await watch.return?.();
    }, 20_000);
  });
});
