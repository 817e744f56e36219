import type { Cluster } from "ioredis";
import { createRedisClient, waitUntilReady } from "../../src/infrastructure/redis-client";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { RedisBattleEventFeed } from "../../src/infrastructure/redis-battle-event-feed";
import { startRedisCluster, type RedisClusterUnderTest } from "../support/redis-cluster";
import { uniquePrefix } from "../support/redis";
import { describeGameRepositoryContract } from "./game-repository.contract";
import { GameService } from "../../src/domain/game-service";
import { diceFactory } from "../support/play";
import { CryptoPlayerTokens } from "../../src/infrastructure/crypto-player-tokens";
import { CryptoGameIdGenerator } from "../../src/infrastructure/crypto-game-id-generator";
import { SystemClock } from "../../src/infrastructure/system-clock";
import type { BattleEvent } from "../../src/domain/battle-event";

// The same scripts on a real three-node Redis Cluster: every key of a game shares the hash tag
// {gameId}, so each script touches one slot, whichever node owns it.
let cluster: RedisClusterUnderTest;
beforeAll(async () => {
  cluster = await startRedisCluster();
}, 30_000);
afterAll(async () => {
  await cluster?.stop();
});

async function clusterClient(): Promise<Cluster> {
  const client = createRedisClient({ clusterNodes: cluster.nodes }, () => undefined) as Cluster;
  await waitUntilReady(client, 10_000);
  return client;
}

describeGameRepositoryContract("RedisGameRepository on a Redis Cluster", async (options) => {
  const client = await clusterClient();
  const repository = new RedisGameRepository(client, { ...options, keyPrefix: uniquePrefix() });
  return { repository, close: async () => void (await client.quit()) };
});

describe("GameService on a Redis Cluster", () => {
  it("spreads games over the nodes' slots and plays them, with live events through pub/sub", async () => {
    const commands = await clusterClient();
    const subscriber = await clusterClient();
    const keyPrefix = uniquePrefix();
    const repository = new RedisGameRepository(commands, {
      ttlMs: 60_000,
      maxEvents: 100,
      keyPrefix,
    });
    const feed = new RedisBattleEventFeed(subscriber, keyPrefix, () => undefined);
    const service = new GameService({
      repository,
      feed,
      dice: diceFactory,
      tokens: new CryptoPlayerTokens(),
      ids: new CryptoGameIdGenerator(),
      clock: new SystemClock(),
    });
    try {
      const games = await Promise.all(
        Array.from({ length: 12 }, (_, i) => service.startGame({ seed: i })),
      );
      // Twelve random ids land on more than one node's slots.
      const owners = new Set(
        games.map((g) => commands.slots[clusterKeySlot(`${keyPrefix}:{${g.game.id}}:game`)]?.[0]),
      );
      expect(owners.size).toBeGreaterThan(1);

      const watched = games[0]!;
      const watch = await service.watch(watched.game.id, 1);
      for (const game of games) {
        const result = await service.attack(game.game.id, "BOMB", game.playerToken);
        expect(result.game.turn).toBe(1);
      }
      const second = await service.attack(watched.game.id, "SWORD", watched.playerToken);
      const heard: BattleEvent[] = [];
      const firstTurn = (await service.recentEvents(watched.game.id, 100)).filter(
        (e) => e.turn === 1,
      );
      const expected = [...firstTurn, ...second.events];
      while (heard.length < expected.length) {
        const next = await watch.next();
        if (next.done) break;
        heard.push(next.value);
      }
      await watch.return?.();
      expect(heard).toEqual(expected);
      expect(await service.abandonGame(watched.game.id, watched.playerToken)).toBe(true);
      expect(await service.getGame(watched.game.id)).toBeUndefined();
    } finally {
      await Promise.all([commands.quit(), subscriber.quit()]);
    }
  }, 30_000);
});

// Redis Cluster's key slot: CRC16 (XMODEM) of the hash tag, mod 16384.
function clusterKeySlot(key: string): number {
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
