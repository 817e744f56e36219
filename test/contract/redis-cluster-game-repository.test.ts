import { createServer, connect, type AddressInfo, type Server, type Socket } from "node:net";
import type { Cluster } from "ioredis";
import { createRedisClient, waitUntilReady } from "../../src/infrastructure/redis-client";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { RedisBattleTurnFeed } from "../../src/infrastructure/redis-battle-turn-feed";
import {
  connectedClusterClient,
  startRedisCluster,
  type RedisClusterUnderTest,
} from "../support/redis-cluster";
import { readWatch } from "../support/read-watch";
import { eventsOf, watchTurns } from "../support/watch-turns";
import { uniquePrefix } from "../support/redis";
import { clusterKeySlot } from "../support/cluster-node-info";
import { describeGameRepositoryContract } from "./game-repository.contract";
import { expectSerialReplayOfRacingInstances } from "../support/serial-replay";
import { cachedGameServiceOn, gameServiceOn } from "../support/services";

// The same scripts on a real three-node Redis Cluster: every key of a game shares the hash tag
// {gameId}, so each script touches one slot, whichever node owns it.
let cluster: RedisClusterUnderTest;
beforeAll(async () => {
  cluster = await startRedisCluster();
}, 30_000);
afterAll(async () => {
  await cluster?.stop();
});

const clusterClient = (role: { subscriber?: boolean } = {}): Promise<Cluster> =>
  connectedClusterClient(cluster, role);

describeGameRepositoryContract("RedisGameRepository on a Redis Cluster", async (options) => {
  const client = await clusterClient();
  const repository = new RedisGameRepository(client, { ...options, keyPrefix: uniquePrefix() });
  return { repository, close: async () => void (await client.quit()) };
});

describe("GameService on a Redis Cluster", () => {
  it("two instances racing on one game, each with its cache, produce exactly the events of a serial replay", async () => {
    const [one, two] = await Promise.all([clusterClient(), clusterClient()]);
    const options = { ttlMs: 60_000, maxEvents: 10_000, keyPrefix: uniquePrefix() };
    try {
      await expectSerialReplayOfRacingInstances(
        cachedGameServiceOn(new RedisGameRepository(one, options), 100),
        cachedGameServiceOn(new RedisGameRepository(two, options), 100),
        10,
      );
    } finally {
      await Promise.all([one.quit(), two.quit()]);
    }
  }, 30_000);

  it("spreads games over the nodes' slots and plays them, with live events through pub/sub", async () => {
    const commands = await clusterClient();
    const subscriber = await clusterClient({ subscriber: true });
    const keyPrefix = uniquePrefix();
    const repository = new RedisGameRepository(commands, {
      ttlMs: 60_000,
      maxEvents: 100,
      keyPrefix,
    });
    const feed = new RedisBattleTurnFeed(subscriber, keyPrefix, () => undefined, {
      checkIntervalMs: 0,
    });
    const service = gameServiceOn(repository, { feed });
    try {
      const games = await Promise.all(
        Array.from({ length: 12 }, (_, i) => service.startGame({ seed: i })),
      );
      // Twelve random ids land on more than one node's slots.
      const owners = new Set(
        games.map((g) => commands.slots[clusterKeySlot(`${keyPrefix}:{${g.game.id}}:g`)]?.[0]),
      );
      expect(owners.size).toBeGreaterThan(1);

      const watched = games[0]!;
      const watch = await watchTurns(service, watched.game.id, 1);
      for (const game of games) {
        const result = await service.attack(game.game.id, "BOMB", game.playerToken);
        expect(result.game.turn).toBe(1);
      }
      const second = await service.attack(watched.game.id, "SWORD", watched.playerToken);
      const firstTurn = (await service.recentEvents(watched.game.id, 100)).filter(
        (e) => e.turn === 1,
      );
      const expected = [...firstTurn, ...second.events];
      const heard = await readWatch(watch, 2);
      await watch.return?.();
      expect(eventsOf(heard)).toEqual(expected);
      expect(heard.map((t) => [t.turn, t.game?.turn])).toEqual([
        [1, 1],
        [2, 2],
      ]);
      await expect(service.abandonGame(watched.game.id, watched.playerToken)).resolves.toBeUndefined();
      expect(await service.getGame(watched.game.id)).toBeUndefined();
    } finally {
      await Promise.all([commands.quit(), subscriber.quit()]);
    }
  }, 30_000);
});

/**
 * A TCP proxy in front of each cluster node that, while armed, drops the client's connection
 * instead of passing on a reply that says COMMITTED: the commit ran, its answer was lost.
 */
async function lossyProxies(nodes: readonly { host: string; port: number }[]) {
  let armed = false;
  let dropped = 0;
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const natMap: Record<string, { host: string; port: number }> = {};
  for (const node of nodes) {
    const server = createServer((client) => {
      const upstream = connect(node.port, node.host);
      sockets.add(client).add(upstream);
      client.on("data", (d) => upstream.write(d));
      upstream.on("data", (d) => {
        if (armed && d.toString().includes("COMMITTED")) {
          armed = false;
          dropped += 1;
          client.destroy();
          upstream.destroy();
          return;
        }
        client.write(d);
      });
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on("error", close).on("close", close);
      upstream.on("error", close).on("close", close);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    natMap[`${node.host}:${node.port}`] = {
      host: "127.0.0.1",
      port: (server.address() as AddressInfo).port,
    };
  }
  return {
    natMap,
    arm: () => (armed = true),
    get dropped() {
      return dropped;
    },
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      return Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
}

describe("a commit whose reply is lost on a Redis Cluster", () => {
  it("is sent again by the client, recognised as applied: one turn, and the attack succeeds", async () => {
    const proxies = await lossyProxies(cluster.nodes);
    const [first] = cluster.nodes;
    // The production client, reaching the nodes through the proxies.
    const seed = proxies.natMap[`${first!.host}:${first!.port}`]!;
    const proxied = createRedisClient(
      { clusterNodes: [seed], natMap: proxies.natMap },
      () => undefined,
    ) as Cluster;
    await waitUntilReady(proxied, 10_000);
    const keyPrefix = uniquePrefix();
    const repository = new RedisGameRepository(proxied, {
      ttlMs: 60_000,
      maxEvents: 100,
      keyPrefix,
    });
    const service = gameServiceOn(repository);
    try {
      const started = await service.startGame({ seed: 1 });
      proxies.arm();
      // ioredis Cluster resends the commit after the dropped connection; the script answers
      // COMMITTED for its own repeat instead of CONFLICT (which would replay the turn).
      const result = await service.attack(started.game.id, "BOOMERANG", started.playerToken);
      expect(proxies.dropped).toBe(1);
      expect(result.game.turn).toBe(1);
      const stored = await service.getGame(started.game.id);
      expect(stored).toMatchObject({ turn: 1, version: 1 });
      const events = await service.recentEvents(started.game.id, 100);
      expect(events.filter((e) => e.turn === 1)).toEqual(result.events);
      expect(events.filter((e) => e.turn === 2)).toEqual([]);
    } finally {
      proxied.disconnect();
      await proxies.close();
    }
  }, 30_000);
});
