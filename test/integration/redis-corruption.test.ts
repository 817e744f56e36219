import type { Redis } from "ioredis";
import { DomainError } from "../../src/domain/domain-error";
import type { GameService } from "../../src/domain/game-service";
import type { MonsterSpec } from "../../src/domain/monster";
import type { RedisClient } from "../../src/infrastructure/redis-client";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { connectedClient, rawClient, uniquePrefix } from "../support/redis";
import { gameServiceOn } from "../support/services";
import { keysOf, keysOfGame, pttls, snapshot } from "./redis-support";

const ARRAY: MonsterSpec[] = [
  { name: "Toad", life: 40, strength: 1, charisma: 3, weapon: 1 },
  { name: "Crow", life: 30, strength: 2, charisma: 5, weapon: 1 },
  { name: "Hare", life: 20, strength: 3, charisma: 7, weapon: 2 },
];

/** The TTL the keys are set to before the call: a write would bring it back to 60 s. */
const LOWERED_TTL = 30_000;

type Keys = ReturnType<typeof keysOf>;

/** Resolves to what the promise rejected with, or fails when it resolved. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

/** Expects a DomainError CORRUPT_GAME (not a raw ReplyError, not a TypeError, not NaN data). */
async function expectCorrupt(promise: Promise<unknown>): Promise<void> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ code: "CORRUPT_GAME" });
}

describe("Corrupt games in Redis", () => {
  const prefix = uniquePrefix();
  let client: RedisClient;
  let raw: Redis;
  let repo: RedisGameRepository;
  let service: GameService;

  beforeAll(async () => {
    client = await connectedClient();
    raw = rawClient();
    repo = new RedisGameRepository(client, { keyPrefix: prefix, ttlMs: 60_000, maxEvents: 50 });
    service = gameServiceOn(repo);
  });
  afterAll(async () => {
    await client.quit();
    await raw.quit();
  });

  /** A fresh game, its keys and token. */
  async function freshGame(): Promise<{ id: string; k: Keys; token: string }> {
    const { game, playerToken } = await service.startGame({ monsters: ARRAY, seed: 21 });
    return { id: game.id, k: keysOf(prefix, game.id), token: playerToken };
  }

  /** Lowers the TTL of every key, so that a refresh (a write) would show. */
  async function lowerTtl(id: string): Promise<string[]> {
    const keys = await keysOfGame(raw, prefix, id);
    for (const key of keys) await raw.pexpire(key, LOWERED_TTL);
    return keys;
  }

  async function expectNothingWritten(
    id: string,
    before: Awaited<ReturnType<typeof snapshot>>,
    keys: readonly string[],
  ): Promise<void> {
    expect(await snapshot(raw, prefix, id)).toEqual(before);
    for (const [key, pttl] of Object.entries(await pttls(raw, keys))) {
      expect([key, pttl > 0 && pttl <= LOWERED_TTL]).toEqual([key, true]);
    }
  }

  const loadCases: [string, (k: Keys) => Promise<unknown>][] = [
    ['rabbit life "abc"', (k) => raw.hset(k.rabbit, "life", "abc")],
    ['rabbit life ""', (k) => raw.hset(k.rabbit, "life", "")],
    ['rabbit life "12abc"', (k) => raw.hset(k.rabbit, "life", "12abc")],
    ['rabbit life "1.5"', (k) => raw.hset(k.rabbit, "life", "1.5")],
    ['rabbit life "1e3"', (k) => raw.hset(k.rabbit, "life", "1e3")],
    ['rabbit life " 7"', (k) => raw.hset(k.rabbit, "life", " 7")],
    ['rabbit life "NaN"', (k) => raw.hset(k.rabbit, "life", "NaN")],
    ['rabbit life "Infinity"', (k) => raw.hset(k.rabbit, "life", "Infinity")],
    ['rabbit strength "0x1F"', (k) => raw.hset(k.rabbit, "strength", "0x1F")],
    ["rabbit without bombs", (k) => raw.hdel(k.rabbit, "bombs")],
    ["rabbit hash gone", (k) => raw.del(k.rabbit)],
    ["monster 2 without strength", (k) => raw.hdel(k.monster("2"), "strength")],
    ['monster 1 life "abc"', (k) => raw.hset(k.monster("1"), "life", "abc")],
    ['monster 3 weapon "-"', (k) => raw.hset(k.monster("3"), "weapon", "-")],
    ['monster 1 name ""', (k) => raw.hset(k.monster("1"), "name", "")],
    ['game version "x"', (k) => raw.hset(k.game, "version", "x")],
    ["game without version", (k) => raw.hdel(k.game, "version")],
    ['game turn "1.0"', (k) => raw.hset(k.game, "turn", "1.0")],
    ['game createdAt "yesterday"', (k) => raw.hset(k.game, "createdAt", "yesterday")],
    ["game without updatedAt", (k) => raw.hdel(k.game, "updatedAt")],
    ['game status "LOST"', (k) => raw.hset(k.game, "status", "LOST")],
    ["game without status", (k) => raw.hdel(k.game, "status")],
    ["game VICTORY with monsters left", (k) => raw.hset(k.game, "status", "VICTORY")],
    ["game without tokenHash", (k) => raw.hdel(k.game, "tokenHash")],
    ['game dice ""', (k) => raw.hset(k.game, "dice", "")],
    ['game currentMonsterId "2" (not the front)', (k) => raw.hset(k.game, "currentMonsterId", "2")],
    ["monster 2 listed in the array, its hash deleted", (k) => raw.del(k.monster("2"))],
    ["monster 1 listed in the array, its hash deleted", (k) => raw.del(k.monster("1"))],
    ["an id in the array with no hash at all", (k) => raw.rpush(k.array, "99")],
    [
      "rabbit is a string (wrong type)",
      async (k) => {
        await raw.del(k.rabbit);
        await raw.set(k.rabbit, "life=10");
      },
    ],
    [
      "game is a list (wrong type)",
      async (k) => {
        await raw.del(k.game);
        await raw.rpush(k.game, "status", "IN_PROGRESS");
      },
    ],
    [
      "array is a string (wrong type)",
      async (k) => {
        await raw.del(k.array);
        await raw.set(k.array, "1,2,3");
      },
    ],
    [
      "monster 2 is a set (wrong type)",
      async (k) => {
        await raw.del(k.monster("2"));
        await raw.sadd(k.monster("2"), "Crow");
      },
    ],
  ];

  it.each(loadCases)(
    "%s: CORRUPT_GAME from load, getGame and attack, nothing written",
    async (_name, corrupt) => {
      const { id, k, token } = await freshGame();
      await corrupt(k);
      const keys = await lowerTtl(id);
      const before = await snapshot(raw, prefix, id);

      await expectCorrupt(repo.load(id));
      await expectCorrupt(service.getGame(id));
      await expectCorrupt(service.attack(id, "BOOMERANG", token));
      await expectCorrupt(service.attack(id, "BOMB", token));
      await expectCorrupt(service.updateMonster(id, "3", { life: 5 }, token));

      await expectNothingWritten(id, before, keys);
    },
  );

  it.each([
    ["garbage", "garbage"],
    ["another algorithm", "mersenne:1,2,3,4"],
    ["three words", "xoroshiro128plus:1,2,3"],
    ["a word that is no number", "xoroshiro128plus:1,2,x,4"],
  ])("dice state %s: attack is CORRUPT_GAME, nothing written", async (_name, dice) => {
    const { id, k, token } = await freshGame();
    await raw.hset(k.game, "dice", dice);
    const keys = await lowerTtl(id);
    const before = await snapshot(raw, prefix, id);

    await expectCorrupt(service.attack(id, "BOOMERANG", token));
    await expectCorrupt(service.attack(id, "SWORD", token));
    await expectNothingWritten(id, before, keys);
  });

  it.each([
    ["not JSON", "{not json"],
    ["JSON null", "null"],
    ["a JSON number", "42"],
    ["an object that is no event", '{"type":"MonsterEmerged"}'],
  ])("an events entry that is %s: recentEvents is CORRUPT_GAME", async (_name, entry) => {
    const { id, k } = await freshGame();
    await raw.rpush(k.events, entry);
    const before = await snapshot(raw, prefix, id);

    await expectCorrupt(repo.recentEvents(id, 10));
    await expectCorrupt(service.recentEvents(id, 10));
    expect(await snapshot(raw, prefix, id)).toEqual(before);
  });

  it("an events list of the wrong type: recentEvents is CORRUPT_GAME", async () => {
    const { id, k } = await freshGame();
    await raw.del(k.events);
    await raw.set(k.events, "[]");
    await expectCorrupt(repo.recentEvents(id, 10));
  });

  it("an events list of the wrong type: an attack is CORRUPT_GAME and writes nothing", async () => {
    const { id, k, token } = await freshGame();
    await raw.del(k.events);
    await raw.set(k.events, "[]");
    const keys = await lowerTtl(id);
    const before = await snapshot(raw, prefix, id);

    await expectCorrupt(service.attack(id, "BOOMERANG", token));

    // All-or-nothing (GameRepository: "Every write is all-or-nothing"): the failed commit must
    // not have bumped the version, moved the dice or hurt the rabbit.
    expect(await snapshot(raw, prefix, id)).toEqual(before);
    await expectNothingWritten(id, before, keys);
    // And the turn can still be played once the log is repaired, from version 0.
    await raw.del(k.events);
    const turn = await service.attack(id, "BOOMERANG", token);
    expect(turn.game.version).toBe(1);
    expect(turn.game.turn).toBe(1);
  });

  it("readMonsterField of a non-numeric stat is CORRUPT_GAME; the name is read as text", async () => {
    const { id, k } = await freshGame();
    await raw.hset(k.monster("2"), "life", "abc");
    await raw.hset(k.monster("2"), "charisma", "");
    await raw.hset(k.monster("2"), "weapon", "3.5");
    await raw.hset(k.monster("3"), "name", "12");

    await expectCorrupt(repo.readMonsterField(id, "2", "life"));
    await expectCorrupt(service.readMonsterField(id, "2", "life"));
    await expectCorrupt(repo.readMonsterField(id, "2", "charisma"));
    await expectCorrupt(repo.readMonsterField(id, "2", "weapon"));
    expect(await repo.readMonsterField(id, "2", "strength")).toBe(2);
    expect(await repo.readMonsterField(id, "2", "name")).toBe("Crow");
    expect(await repo.readMonsterField(id, "3", "name")).toBe("12");
  });

  it("readMonsterField of a monster key of the wrong type is CORRUPT_GAME", async () => {
    const { id, k } = await freshGame();
    await raw.del(k.monster("1"));
    await raw.set(k.monster("1"), "Toad");
    await expectCorrupt(repo.readMonsterField(id, "1", "life"));
  });

  it("an intact game still loads after all that, every number a number", async () => {
    const { id } = await freshGame();
    const game = await repo.load(id);
    expect(game).toBeDefined();
    const numbers = [
      game!.turn,
      game!.version,
      game!.createdAt,
      game!.updatedAt,
      ...Object.values(game!.rabbit),
      ...game!.monsters.flatMap((m) => [m.life, m.strength, m.charisma, m.weapon]),
    ];
    for (const n of numbers) expect(Number.isSafeInteger(n)).toBe(true);
    expect(game!.rabbit).toEqual({ life: 10, strength: 2, charisma: 44, weapon: 4, bombs: 3 });
  });
});
