import type { Redis } from "ioredis";
import { DomainError } from "../../src/domain/domain-error";
import type { GameService } from "../../src/domain/game-service";
import type { MonsterSpec } from "../../src/domain/monster";
import type { Weapon } from "../../src/domain/weapon";
import type { RedisClient } from "../../src/infrastructure/redis-client";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { connectedClient, rawClient, uniquePrefix } from "../support/redis";
import { gameServiceOn, ManualClock } from "../support/services";
import {
  FRESH_RABBIT,
  keysOf,
  keysOfGame,
  pttls,
  RS,
  seedThatKillsTheFront,
  snapshot,
  US,
} from "./redis-support";

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
    ['game rabbitLife "abc"', (k) => raw.hset(k.game, "rl", "abc")],
    ['game rabbitLife ""', (k) => raw.hset(k.game, "rl", "")],
    ['game rabbitLife "12abc"', (k) => raw.hset(k.game, "rl", "12abc")],
    ['game rabbitLife "1.5"', (k) => raw.hset(k.game, "rl", "1.5")],
    ['game rabbitLife "1e3"', (k) => raw.hset(k.game, "rl", "1e3")],
    ['game rabbitLife " 7"', (k) => raw.hset(k.game, "rl", " 7")],
    ['game rabbitLife "NaN"', (k) => raw.hset(k.game, "rl", "NaN")],
    ['game rabbitLife "Infinity"', (k) => raw.hset(k.game, "rl", "Infinity")],
    ['game rabbitStrength "0x1F"', (k) => raw.hset(k.game, "rs", "0x1F")],
    ['game rabbitCharisma "-"', (k) => raw.hset(k.game, "rc", "-")],
    ['game rabbitWeapon "4.0"', (k) => raw.hset(k.game, "rw", "4.0")],
    ["game without rabbitBombs", (k) => raw.hdel(k.game, "rb")],
    ["game without rabbitStrength", (k) => raw.hdel(k.game, "rs")],
    ["game without rabbitLife", (k) => raw.hdel(k.game, "rl")],
    ["game without any rabbit field", (k) => raw.hdel(k.game, ...Object.keys(FRESH_RABBIT))],
    ["monster 2 without strength", (k) => raw.hdel(k.monster("2"), "s")],
    ['monster 1 life "abc"', (k) => raw.hset(k.monster("1"), "l", "abc")],
    ['monster 3 weapon "-"', (k) => raw.hset(k.monster("3"), "w", "-")],
    ['monster 1 name ""', (k) => raw.hset(k.monster("1"), "n", "")],
    ['game version "x"', (k) => raw.hset(k.game, "v", "x")],
    ["game without version", (k) => raw.hdel(k.game, "v")],
    ['game turn "1.0"', (k) => raw.hset(k.game, "t", "1.0")],
    ['game createdAt "yesterday"', (k) => raw.hset(k.game, "ca", "yesterday")],
    ["game without updatedAt", (k) => raw.hdel(k.game, "ua")],
    ['game status "LOST"', (k) => raw.hset(k.game, "s", "LOST")],
    [
      'game status "VICTORY" (the domain\'s word, not the stored code)',
      (k) => raw.hset(k.game, "s", "VICTORY"),
    ],
    ["game without status", (k) => raw.hdel(k.game, "s")],
    ["game VICTORY with monsters left", (k) => raw.hset(k.game, "s", "V")],
    ["game without tokenHash", (k) => raw.hdel(k.game, "tk")],
    ['game dice ""', (k) => raw.hset(k.game, "d", "")],
    ['game currentMonsterId "2" (not the front)', (k) => raw.hset(k.game, "cm", "2")],
    // Numbers the store can hold but the rules or the schema (a GraphQL Int, a DateTime) cannot.
    ["game turn 3000000000 (past a GraphQL Int)", (k) => raw.hset(k.game, "t", "3000000000")],
    ["game turn -1", (k) => raw.hset(k.game, "t", "-1")],
    ["game version 2147483648", (k) => raw.hset(k.game, "v", "2147483648")],
    [
      "monster 1 life 9999999999999999 (past a safe integer)",
      (k) => raw.hset(k.monster("1"), "l", "9999999999999999"),
    ],
    ["monster 2 life 2147483648", (k) => raw.hset(k.monster("2"), "l", "2147483648")],
    ["monster 2 life 0 (dead, yet in the array)", (k) => raw.hset(k.monster("2"), "l", "0")],
    ["monster 3 strength 1000001", (k) => raw.hset(k.monster("3"), "s", "1000001")],
    ["monster 3 charisma -1", (k) => raw.hset(k.monster("3"), "c", "-1")],
    ['monster 2 name "\u0007"', (k) => raw.hset(k.monster("2"), "n", "\u0007")],
    [
      "game createdAt 9999999999999999 (no valid date)",
      (k) => raw.hset(k.game, "ca", "9999999999999999"),
    ],
    [
      "game updatedAt 253402300800000 (year 10000)",
      (k) => raw.hset(k.game, "ua", "253402300800000"),
    ],
    ["game createdAt -1", (k) => raw.hset(k.game, "ca", "-1")],
    ["game rabbitLife -2147483649", (k) => raw.hset(k.game, "rl", "-2147483649")],
    ["game rabbitBombs 4", (k) => raw.hset(k.game, "rb", "4")],
    ["game rabbitCharisma 1000001", (k) => raw.hset(k.game, "rc", "1000001")],
    ["monster 2 listed in the array, its hash deleted", (k) => raw.del(k.monster("2"))],
    ["monster 1 listed in the array, its hash deleted", (k) => raw.del(k.monster("1"))],
    ["an id in the array with no hash at all", (k) => raw.rpush(k.array, "99")],
    [
      "game is a list (wrong type)",
      async (k) => {
        await raw.del(k.game);
        await raw.rpush(k.game, "s", "P");
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
    [
      "monster 1 (the front) is a string (wrong type)",
      async (k) => {
        await raw.del(k.monster("1"));
        await raw.set(k.monster("1"), "Toad");
      },
    ],
    [
      "monster 3 (the last) is a string (wrong type)",
      async (k) => {
        await raw.del(k.monster("3"));
        await raw.set(k.monster("3"), "Hare");
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
    ["the words in decimal", "xoroshiro128plus:1,2,3,4"],
    ["three words", "AAAAAQAAAAIAAAAD"],
    ["not base64url", "AAAAAQAAAAIAAAADAAAA.A"],
  ])("dice state %s: attack is CORRUPT_GAME, nothing written", async (_name, dice) => {
    const { id, k, token } = await freshGame();
    await raw.hset(k.game, "d", dice);
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
    ["a compact entry with an unknown event code", `1${RS}Z5`],
    ["a compact entry with no turn", `${RS}L5`],
    ["a compact entry with a bad number", `1${RS}Lfive`],
    ["a compact entry whose first name is left empty", `1${RS}h3${US}`],
    [
      "a JSON entry of an unknown event type",
      '{"type":"RabbitSneezed","turn":1,"message":"[Achoo!]"}',
    ],
    [
      "a JSON entry whose turn is 3000000000",
      '{"type":"BombsRanOut","turn":3000000000,"message":"x"}',
    ],
    ["a compact entry of turn 3000000000", `3000000000${RS}O`],
    ["a compact entry with damage 9999999999999999", `1${RS}h9999999999999999${US}Toad`],
    ["a compact entry with heal 2147483648", `1${RS}L2147483648`],
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

  const killSeed = seedThatKillsTheFront(ARRAY, "BOMB");
  const wrongLogCases: [string, number, Weapon][] = [
    ["a plain turn", 21, "BOOMERANG"],
    ["a turn that kills the front monster", killSeed, "BOMB"],
  ];

  it.each(wrongLogCases)(
    "an events key that is a string (wrong type), %s: the attack is CORRUPT_GAME and nothing at all changes, TTLs included",
    async (_name, seed, weapon) => {
      const ttl = 60_000;
      const start = 600 * 3_000_000_000;
      const clock = new ManualClock(start);
      const svc = gameServiceOn(repo, { clock });
      const { game, playerToken: token } = await svc.startGame({ monsters: ARRAY, seed });
      const id = game.id;
      const k = keysOf(prefix, id);
      await raw.del(k.events);
      await raw.set(k.events, "[]");
      await raw.pexpire(k.events, ttl);
      const keys = await lowerTtl(id);
      expect(keys).toEqual([k.game, k.array, k.events, ...["1", "2", "3"].map(k.monster)].sort());
      const before = await snapshot(raw, prefix, id);

      // Ten intervals later: the commit would refresh every TTL if it wrote anything.
      clock.time = start + 6_000;
      await expectCorrupt(svc.attack(id, weapon, token));

      // All-or-nothing (GameRepository: "Every write is all-or-nothing"): the failed commit must
      // not have bumped the version, moved the dice, hurt the rabbit, deleted a monster or popped
      // the array.
      await expectNothingWritten(id, before, keys);
      expect(await raw.get(k.events)).toBe("[]");

      // And the turn can still be played once the log is repaired, from version 0.
      await raw.del(k.events);
      const turn = await svc.attack(id, weapon, token);
      expect(turn.game.version).toBe(1);
      expect(turn.game.turn).toBe(1);
      expect(await repo.load(id)).toEqual(turn.game);
      // The first turn moves the opening entry, still in the game hash, into the new log (given
      // the game's TTL), ahead of its own.
      expect(await raw.hget(k.game, "le")).toBe(String(1 + turn.events.length));
      expect(await raw.hexists(k.game, "o")).toBe(0);
      expect(await raw.pttl(k.events)).toBeGreaterThan(0);
      const logged = await repo.recentEvents(id, 50);
      expect(logged.slice(1)).toEqual(turn.events);
      expect(logged[0]).toMatchObject({ type: "MonsterEmerged", turn: 0 });
      if (weapon === "BOMB") expect(await raw.exists(k.monster("1"))).toBe(0);
    },
  );

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
