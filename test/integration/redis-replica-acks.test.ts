import { performance } from "node:perf_hooks";
import type { MonsterSpec } from "../../src/domain/monster";
import type { RedisClient } from "../../src/infrastructure/redis-client";
import { GAME_FIELD, MONSTER_FIELD } from "../../src/infrastructure/redis-game-codec";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { connectedClient, rawClient, uniquePrefix } from "../support/redis";
import { startRedisServer, type RedisServer } from "../support/redis-server";
import { rejection } from "../support/rejection";
import { gameServiceOn } from "../support/services";

// REDIS_REPLICA_ACKS on one primary with one replica: each write is pipelined with WAIT on a
// write connection of its own.
const LONG: MonsterSpec[] = [
  { name: "Slab", life: 1_000_000, strength: 0, charisma: 0, weapon: 0 },
];

let primary: RedisServer;
let replica: RedisServer;
const clients: RedisClient[] = [];
beforeAll(async () => {
  primary = await startRedisServer();
  replica = await startRedisServer({ replicaOf: primary.port });
  const raw = rawClient(replica.url);
  try {
    for (let i = 0; !(await raw.info("replication")).includes("master_link_status:up"); i++) {
      if (i > 100) throw new Error("the replica never synced");
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    raw.disconnect();
  }
}, 30_000);
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await replica?.stop();
  await primary?.stop();
});

async function serviceAsking(replicas: number, timeoutMs: number, keyPrefix = uniquePrefix()) {
  const [reads, writes] = [await connectedClient(primary.url), await connectedClient(primary.url)];
  clients.push(reads, writes);
  const repository = new RedisGameRepository(
    reads,
    { ttlMs: 60_000, maxEvents: 100, keyPrefix, replicaAcks: { replicas, timeoutMs } },
    writes,
  );
  return { service: gameServiceOn(repository), repository };
}

describe("writes acknowledged by replicas (REDIS_REPLICA_ACKS)", () => {
  it("acknowledges a game's creation, a turn, a monster's update and an abandon once the replica has them", async () => {
    const { service, repository } = await serviceAsking(1, 1_000);
    const started = await service.startGame({ monsters: LONG, seed: 1 });
    const gameId = started.game.id;
    const onReplica = rawClient(replica.url);
    try {
      const key = repository.keys(gameId).game;
      // WAIT returned: the replica has the write already, no polling needed.
      expect(await onReplica.hget(key, GAME_FIELD.turn)).toBe("0");
      await service.attack(gameId, "LETTUCE", started.playerToken);
      expect(await onReplica.hget(key, GAME_FIELD.turn)).toBe("1");
      const monsterId = started.game.monsters[0]!.id;
      await service.updateMonster(gameId, monsterId, { life: 5 }, started.playerToken);
      expect(
        await onReplica.hget(repository.keys(gameId).monster(monsterId), MONSTER_FIELD.life),
      ).toBe("5");
      await service.abandonGame(gameId, started.playerToken);
      expect(await onReplica.exists(key)).toBe(0);
    } finally {
      onReplica.disconnect();
    }
  });

  it("refuses a write with STORE_UNAVAILABLE when fewer replicas than asked have it in time; reads do not wait behind it, and a retry with expectedTurn is safe", async () => {
    const keyPrefix = uniquePrefix();
    const { service } = await serviceAsking(2, 300, keyPrefix);
    // The creation itself is not acknowledged (one replica of two), yet applied: it may stand.
    const refused = await rejection(service.startGame({ monsters: LONG, seed: 2 }));
    expect(refused).toMatchObject({ code: "STORE_UNAVAILABLE" });

    const { service: one } = await serviceAsking(1, 300, keyPrefix);
    const started = await one.startGame({ monsters: LONG, seed: 2 });
    const gameId = started.game.id;
    const t0 = performance.now();
    const attack = rejection(service.attack(gameId, "LETTUCE", started.playerToken, 0));
    // A read while the write waits for its second replica: on another connection, at once.
    await expect(service.getGame(gameId)).resolves.toBeDefined();
    const readMs = performance.now() - t0;
    expect(await attack).toMatchObject({ code: "STORE_UNAVAILABLE" });
    const waitedMs = performance.now() - t0;
    expect(readMs).toBeLessThan(200);
    expect(waitedMs).toBeGreaterThanOrEqual(290);
    // The turn was applied without its acknowledgement: the client's retry is refused, not replayed.
    expect(await rejection(one.attack(gameId, "LETTUCE", started.playerToken, 0))).toMatchObject({
      code: "CONFLICT",
    });
    expect((await one.getGame(gameId))?.turn).toBe(1);
  });
});
