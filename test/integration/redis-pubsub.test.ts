import type { Redis } from "ioredis";
import type { GameAndEvents, GameService } from "../../src/domain/game-service";
import type { MonsterSpec } from "../../src/domain/monster";
import type { Weapon } from "../../src/domain/weapon";
import type { RedisClient } from "../../src/infrastructure/redis-client";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { published, readPublished } from "../support/published";
import { connectedClient, rawClient, uniquePrefix } from "../support/redis";
import { gameServiceOn } from "../support/services";
import { keysOf, logEntryOf, seedThatKillsTheFront, snapshot, waitUntil } from "./redis-support";

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

  it("publishes exactly one message (the log entry, then the game) per committed attack, in order", async () => {
    const { game, playerToken, channel } = await subscribedGame(ARRAY, 31);
    const weapons: Weapon[] = ["BOOMERANG", "SWORD", "LETTUCE", "BOMB", "BOMB", "BOOMERANG"];
    const turns: GameAndEvents[] = [];
    for (const weapon of weapons) {
      turns.push(await service.attack(game.id, weapon, playerToken));
    }

    const messages = await messagesOn(channel);
    expect(messages).toHaveLength(weapons.length);
    for (const [i, message] of messages.entries()) {
      const turn = turns[i]!;
      // Positional: the turn's log entry, a group separator, then the game after it, which
      // never holds the dice or the token's hash.
      expect(message.startsWith(`${logEntryOf(turn.events)}\x1d`)).toBe(true);
      expect(message).not.toContain(turn.game.dice);
      expect(message).not.toContain(turn.game.tokenHash);
      expect(readPublished(channel, message)).toEqual(published(turn));
      expect(turn.game.turn).toBe(i + 1);
    }
  });

  it("publishes the turn that wins the game, then nothing for a refused attack", async () => {
    const seed = seedThatKillsTheFront(LONE, "BOMB");
    const { game, playerToken, channel } = await subscribedGame(LONE, seed);
    const winning = await service.attack(game.id, "BOMB", playerToken);
    expect(winning.game.status).toBe("VICTORY");
    expect((await messagesOn(channel)).map((m) => readPublished(channel, m))).toEqual([
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
    expect((await messagesOn(channel)).map((m) => readPublished(channel, m))).toEqual([
      published(turn),
    ]);
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

    expect((await messagesOn(a.channel)).map((m) => readPublished(a.channel, m))).toEqual([
      published(turnA),
    ]);
    expect((await messagesOn(b.channel)).map((m) => readPublished(b.channel, m))).toEqual([
      published(turnB1),
      published(turnB2),
    ]);
  });
});
