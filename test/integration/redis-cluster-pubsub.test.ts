import type { Cluster } from "ioredis";
import type { GameAndEvents, GameService } from "../../src/domain/game-service";
import type { MonsterSpec } from "../../src/domain/monster";
import { RedisBattleTurnFeed } from "../../src/infrastructure/redis-battle-turn-feed";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { clusterKeySlot, pubSubCounters, type PubSubCounters } from "../support/cluster-node-info";
import { readWatch } from "../support/read-watch";
import { uniquePrefix } from "../support/redis";
import {
  connectedClusterClient,
  moveSlot,
  startRedisCluster,
  type RedisClusterUnderTest,
} from "../support/redis-cluster";
import { gameServiceOn } from "../support/services";
import { eventsOf, watchTurns } from "../support/watch-turns";

// Sharded pub/sub on a real three-primary Redis Cluster: a turn is SPUBLISHed on its game's shard
// only, and reaches a watcher on another instance through its sharded subscriber.
const LONG: MonsterSpec[] = [
  { name: "Slab", life: 1_000_000, strength: 0, charisma: 0, weapon: 0 },
];

let cluster: RedisClusterUnderTest;
const clients: Cluster[] = [];
beforeAll(async () => {
  cluster = await startRedisCluster();
}, 30_000);
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await cluster?.stop();
});

/** A client of the cluster, disconnected after the file's tests. */
async function clusterClient(role: { subscriber?: boolean } = {}): Promise<Cluster> {
  const client = await connectedClusterClient(cluster, role);
  clients.push(client);
  return client;
}

/** One application instance: its commands client, and a feed on its own subscriber. */
async function instance(keyPrefix: string): Promise<{ service: GameService; commands: Cluster }> {
  const commands = await clusterClient();
  const subscriber = await clusterClient({ subscriber: true });
  const repository = new RedisGameRepository(commands, {
    ttlMs: 60_000,
    maxEvents: 1_000,
    keyPrefix,
  });
  const feed = new RedisBattleTurnFeed(subscriber, keyPrefix, () => undefined, {
    checkIntervalMs: 0,
  });
  return { service: gameServiceOn(repository, { feed }), commands };
}

/** Classic pub/sub messages a node sent or received over the cluster bus. */
const classic = (c: PubSubCounters): number => c.publishSent + c.publishReceived;

async function countersOf(ports: readonly number[]): Promise<PubSubCounters[]> {
  return Promise.all(ports.map((port) => pubSubCounters(port)));
}

describe("sharded pub/sub on a Redis Cluster", () => {
  it("delivers a turn to another instance's watcher, and the primaries without the game's slot see nothing of it (a classic PUBLISH reaches them all)", async () => {
    const keyPrefix = uniquePrefix();
    const player = await instance(keyPrefix);
    const watcher = await instance(keyPrefix);
    const started = await player.service.startGame({ monsters: LONG, seed: 7 });
    const gameId = started.game.id;
    const channel = `${keyPrefix}:{${gameId}}:b`;
    const owner = player.commands.slots[clusterKeySlot(channel)]?.[0];
    const others = cluster.nodes.filter((n) => `${n.host}:${n.port}` !== owner).map((n) => n.port);
    expect(others).toHaveLength(2);

    const watch = await watchTurns(watcher.service, gameId, 1);
    const before = await countersOf(others);
    const played: GameAndEvents[] = [];
    for (let i = 0; i < 5; i++) {
      played.push(await player.service.attack(gameId, "LETTUCE", started.playerToken));
    }
    const heard = await readWatch(watch, 5);
    expect(heard.map((t) => t.turn)).toEqual([1, 2, 3, 4, 5]);
    expect(eventsOf(heard)).toEqual(played.flatMap((p) => p.events));
    // The abandon's end is sharded too: the watch ends.
    await player.service.abandonGame(gameId, started.playerToken);
    await expect(readWatch(watch)).resolves.toEqual([]);
    const after = await countersOf(others);
    expect(after).toEqual(before);

    // The control: a classic PUBLISH on the same channel is broadcast over the cluster bus (the
    // node that takes it counts it sent, every other one received).
    await player.commands.publish(channel, "control");
    let control = after;
    for (let i = 0; i < 200 && control.some((c, k) => classic(c) === classic(after[k]!)); i++) {
      await new Promise((r) => setTimeout(r, 10));
      control = await countersOf(others);
    }
    for (const [k, counters] of control.entries()) {
      expect(classic(counters)).toBeGreaterThan(classic(after[k]!));
    }
  }, 30_000);

  it("keeps a watcher receiving every turn once, in order, when the game's slot moves to another primary (resharding)", async () => {
    const keyPrefix = uniquePrefix();
    const player = await instance(keyPrefix);
    const watcher = await instance(keyPrefix);
    const started = await player.service.startGame({ monsters: LONG, seed: 8 });
    const gameId = started.game.id;
    const slot = clusterKeySlot(`{${gameId}}`);
    const watch = await watchTurns(watcher.service, gameId, 1);
    const played: GameAndEvents[] = [];
    const attack = async () =>
      played.push(await player.service.attack(gameId, "LETTUCE", started.playerToken));
    for (let i = 0; i < 3; i++) await attack();
    expect((await readWatch(watch, 3)).map((t) => t.turn)).toEqual([1, 2, 3]);

    const owner = player.commands.slots[slot]?.[0];
    const from = cluster.nodes.find((n) => `${n.host}:${n.port}` === owner)!.port;
    const to = cluster.nodes.find((n) => n.port !== from)!.port;
    await moveSlot(
      slot,
      from,
      to,
      cluster.nodes.map((n) => n.port),
    );
    // Played at once: the watcher's subscription to the old owner is gone, and it subscribes on
    // the new one only once it reads the new slot map; the turns between come from the log.
    for (let i = 0; i < 5; i++) await attack();
    const heard = await readWatch(watch, 5);
    await attack();
    heard.push(...(await readWatch(watch, 1)));
    await watch.return();
    expect(heard.map((t) => t.turn)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(eventsOf(heard)).toEqual(played.slice(3).flatMap((p) => p.events));
  }, 30_000);
});
