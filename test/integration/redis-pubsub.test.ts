import type { Redis } from "ioredis";
import type { BattleEvent } from "../../src/domain/battle-event";
import type { GameAndEvents, GameService } from "../../src/domain/game-service";
import type { MonsterSpec } from "../../src/domain/monster";
import type { Weapon } from "../../src/domain/weapon";
import type { RedisClient } from "../../src/infrastructure/redis-client";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { published } from "../support/published";
import { connectedClient, rawClient, uniquePrefix } from "../support/redis";
import { gameServiceOn } from "../support/services";
import { keysOf, seedThatKillsTheFront, snapshot, waitUntil } from "./redis-support";

const ARRAY: MonsterSpec[] = [
  { name: "Toad", life: 30, strength: 1, charisma: 3, weapon: 1 },
  { name: "Crow", life: 30, strength: 2, charisma: 5, weapon: 1 },
];
const LONE: MonsterSpec[] = [{ name: "Mite", life: 1, strength: 0, charisma: 0, weapon: 0 }];

const SENTINEL = "sentinel";

describe("Battle events on Redis pub/sub", () => {
  const prefix = uniquePrefix();
  let client: RedisClient;
  let publisher: Redis;
  let subscriber: Redis;
  let service: GameService;
  /** Messages received, per channel, in order. */
  const received = new Map<string, string[]>();

  beforeAll(async () => {
    client = await connectedClient();
    publisher = rawClient();
    subscriber = rawClient();
    // Connected and ready before any SUBSCRIBE: a subscribe racing the first connection's ready
    // check (INFO, refused in subscriber mode) makes ioredis reconnect and lose messages.
    await Promise.all([publisher.ping(), subscriber.ping()]);
    subscriber.on("message", (channel: string, message: string) => {
      received.set(channel, [...(received.get(channel) ?? []), message]);
    });
    service = gameServiceOn(
      new RedisGameRepository(client, { keyPrefix: prefix, ttlMs: 60_000, maxEvents: 50 }),
    );
  });
  afterAll(async () => {
    await subscriber.quit();
    await publisher.quit();
    await client.quit();
  });

  /**
   * Every message published on `channel` so far. A sentinel published from another connection
   * after the calls returned arrives after everything they published, so no sleep is needed.
   */
  async function messagesOn(channel: string): Promise<string[]> {
    await publisher.publish(channel, SENTINEL);
    await waitUntil(() => (received.get(channel) ?? []).includes(SENTINEL));
    const messages = received.get(channel)!.filter((m) => m !== SENTINEL);
    received.set(channel, []);
    return messages;
  }

  async function subscribedGame(monsters: MonsterSpec[], seed: number) {
    const started = await service.startGame({ monsters, seed });
    const channel = keysOf(prefix, started.game.id).channel;
    await subscriber.subscribe(channel);
    return { ...started, channel };
  }

  it("publishes exactly one { turn, events, game } message per committed attack, in order", async () => {
    const { game, playerToken, channel } = await subscribedGame(ARRAY, 31);
    const weapons: Weapon[] = ["BOOMERANG", "SWORD", "LETTUCE", "BOMB", "BOMB", "BOOMERANG"];
    const turns: GameAndEvents[] = [];
    for (const weapon of weapons) {
      turns.push(await service.attack(game.id, weapon, playerToken));
    }

    const messages = await messagesOn(channel);
    expect(messages).toHaveLength(weapons.length);
    const parsed = messages.map((m) => JSON.parse(m) as Record<string, unknown>);
    for (const [i, message] of parsed.entries()) {
      expect(Object.keys(message).sort()).toEqual(["events", "game", "turn"]);
      expect(message).toEqual(published(turns[i]!));
      expect(message.turn).toBe(i + 1);
      expect((message.events as BattleEvent[]).every((e) => e.turn === i + 1)).toBe(true);
      // What anyone may see of the game: never its dice or its token's hash.
      expect(Object.keys(message.game as object).sort()).toEqual([
        "createdAt",
        "id",
        "monsters",
        "rabbit",
        "status",
        "turn",
        "updatedAt",
        "version",
      ]);
    }
    expect(messages).toEqual(turns.map((t) => JSON.stringify(published(t))));
  });

  it("publishes the turn that wins the game, then nothing for a refused attack", async () => {
    const seed = seedThatKillsTheFront(LONE, "BOMB");
    const { game, playerToken, channel } = await subscribedGame(LONE, seed);
    const winning = await service.attack(game.id, "BOMB", playerToken);
    expect(winning.game.status).toBe("VICTORY");
    expect((await messagesOn(channel)).map((m) => JSON.parse(m) as unknown)).toEqual([
      published(winning),
    ]);

    const before = await snapshot(publisher, prefix, game.id);
    for (const weapon of ["BOOMERANG", "SWORD", "LETTUCE", "BOMB"] as const) {
      await expect(service.attack(game.id, weapon, playerToken)).rejects.toMatchObject({
        code: "GAME_OVER",
      });
    }
    expect(await messagesOn(channel)).toEqual([]);
    expect(await snapshot(publisher, prefix, game.id)).toEqual(before);
  });

  it("publishes nothing for an attack refused for its token", async () => {
    const { game, playerToken, channel } = await subscribedGame(ARRAY, 32);
    await expect(service.attack(game.id, "BOOMERANG", "not-the-token")).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(service.attack(game.id, "BOOMERANG", undefined)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    expect(await messagesOn(channel)).toEqual([]);
    const turn = await service.attack(game.id, "BOOMERANG", playerToken);
    expect(await messagesOn(channel)).toEqual([JSON.stringify(published(turn))]);
  });

  it("publishes nothing when a monster is changed (only turns are published)", async () => {
    const { game, playerToken, channel } = await subscribedGame(ARRAY, 33);
    await service.updateMonster(game.id, "2", { life: 99 }, playerToken);
    expect(await messagesOn(channel)).toEqual([]);
  });

  it("publishes nothing when a game starts", async () => {
    const watcher = rawClient();
    try {
      const seen: string[] = [];
      watcher.on("pmessage", (_pattern: string, channel: string) => seen.push(channel));
      await watcher.psubscribe(`${prefix}:*`);
      const { game } = await service.startGame({ monsters: ARRAY, seed: 36 });
      await service.getGame(game.id);
      const marker = `${prefix}:marker`;
      await publisher.publish(marker, SENTINEL);
      await waitUntil(() => seen.includes(marker));
      expect(seen).toEqual([marker]);
    } finally {
      await watcher.quit();
    }
  });

  it("keeps games apart: each channel carries its own game's turns only", async () => {
    const a = await subscribedGame(ARRAY, 34);
    const b = await subscribedGame(ARRAY, 35);
    const turnA = await service.attack(a.game.id, "BOOMERANG", a.playerToken);
    const turnB1 = await service.attack(b.game.id, "LETTUCE", b.playerToken);
    const turnB2 = await service.attack(b.game.id, "SWORD", b.playerToken);

    expect((await messagesOn(a.channel)).map((m) => JSON.parse(m) as unknown)).toEqual([
      published(turnA),
    ]);
    expect((await messagesOn(b.channel)).map((m) => JSON.parse(m) as unknown)).toEqual([
      published(turnB1),
      published(turnB2),
    ]);
  });
});
