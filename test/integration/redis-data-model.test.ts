import type { Redis } from "ioredis";
import { BESTIARY } from "../../src/domain/bestiary";
import type { GameService } from "../../src/domain/game-service";
import type { MonsterSpec } from "../../src/domain/monster";
import type { RedisClient } from "../../src/infrastructure/redis-client";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { connectedClient, countCommands, rawClient, uniquePrefix } from "../support/redis";
import { gameServiceOn } from "../support/services";
import {
  keysOf,
  keysOfGame,
  pttls,
  seedThatKillsTheFront,
  sha256Hex,
  sleep,
} from "./redis-support";

/** A custom array: a first monster one bomb kills, names that need escaping on the way to Lua. */
const ARRAY: MonsterSpec[] = [
  { name: "Gnat", life: 1, strength: 0, charisma: 0, weapon: 0 },
  { name: 'Mr. "Moth" \\ Ünïcorn 🦄', life: 50, strength: 3, charisma: 7, weapon: 2 },
  { name: "Stag Beetle", life: 120, strength: 9, charisma: 31, weapon: 5 },
  { name: "Zero", life: 1_000_000, strength: 0, charisma: 1_000_000, weapon: 1_000_000 },
];

const KILL_SEED = seedThatKillsTheFront(ARRAY, "BOMB");

const GAME_FIELDS = [
  "createdAt",
  "currentMonsterId",
  "dice",
  "lastCommit",
  "status",
  "tokenHash",
  "turn",
  "updatedAt",
  "version",
];

const statsOf = (m: MonsterSpec): Record<string, string> => ({
  name: m.name,
  life: String(m.life),
  strength: String(m.strength),
  charisma: String(m.charisma),
  weapon: String(m.weapon),
});

describe("Redis data model (looked at with raw commands)", () => {
  const prefix = uniquePrefix();
  let client: RedisClient;
  let raw: Redis;
  let service: GameService;
  let commands: ReturnType<typeof countCommands>;

  const serviceWith = (ttlMs: number, maxEvents: number): GameService =>
    gameServiceOn(new RedisGameRepository(client, { keyPrefix: prefix, ttlMs, maxEvents }));

  beforeAll(async () => {
    client = await connectedClient();
    commands = countCommands(client);
    raw = rawClient();
    service = serviceWith(60_000, 50);
  });
  afterAll(async () => {
    await client.quit();
    await raw.quit();
  });

  it("stores a custom array as hashes and lists, each hash holding exactly its stats", async () => {
    const { game, playerToken } = await service.startGame({ monsters: ARRAY, seed: 11 });
    const k = keysOf(prefix, game.id);
    const monsterKeys = ["1", "2", "3", "4"].map(k.monster);

    expect(await keysOfGame(raw, prefix, game.id)).toEqual(
      [k.game, k.rabbit, k.array, k.events, ...monsterKeys].sort(),
    );
    expect(await raw.type(k.game)).toBe("hash");
    expect(await raw.type(k.rabbit)).toBe("hash");
    for (const key of monsterKeys) expect(await raw.type(key)).toBe("hash");
    expect(await raw.type(k.array)).toBe("list");
    expect(await raw.type(k.events)).toBe("list");

    for (const [i, monster] of ARRAY.entries()) {
      expect(await raw.hgetall(k.monster(String(i + 1)))).toEqual(statsOf(monster));
    }
    expect(await raw.hgetall(k.rabbit)).toEqual({
      life: "10",
      strength: "2",
      charisma: "44",
      weapon: "4",
      bombs: "3",
    });
    expect(await raw.lrange(k.array, 0, -1)).toEqual(["1", "2", "3", "4"]);

    const stored = await raw.hgetall(k.game);
    expect(Object.keys(stored).sort()).toEqual(GAME_FIELDS);
    expect(stored).toEqual({
      status: "IN_PROGRESS",
      turn: "0",
      version: "0",
      dice: game.dice,
      tokenHash: sha256Hex(playerToken),
      currentMonsterId: "1",
      createdAt: String(game.createdAt),
      updatedAt: String(game.createdAt),
      lastCommit: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(stored.dice).toMatch(/^xoroshiro128plus:-?\d+,-?\d+,-?\d+,-?\d+$/);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.tokenHash).not.toBe(playerToken);
    expect(JSON.stringify(await raw.hgetall(k.game))).not.toContain(playerToken);
  });

  it("stores the default bestiary as six monster hashes, ids 1..6 in order", async () => {
    const { game, playerToken } = await service.startGame();
    const k = keysOf(prefix, game.id);

    expect(await raw.lrange(k.array, 0, -1)).toEqual(["1", "2", "3", "4", "5", "6"]);
    for (const [i, monster] of BESTIARY.entries()) {
      const key = k.monster(String(i + 1));
      expect(await raw.type(key)).toBe("hash");
      expect(await raw.hgetall(key)).toEqual(statsOf(monster));
    }
    expect(await raw.exists(k.monster("7"), k.monster("0"))).toBe(0);
    expect(await raw.hgetall(k.rabbit)).toEqual({
      life: "10",
      strength: "2",
      charisma: "44",
      weapon: "4",
      bombs: "3",
    });
    expect(await raw.hget(k.game, "tokenHash")).toBe(sha256Hex(playerToken));
    expect(await raw.hget(k.game, "currentMonsterId")).toBe("1");
    expect((await keysOfGame(raw, prefix, game.id)).length).toBe(4 + 6);
  });

  it("deletes a monster that dies, pops its id off the array, and makes the next one current", async () => {
    const { game, playerToken } = await service.startGame({ monsters: ARRAY, seed: KILL_SEED });
    const k = keysOf(prefix, game.id);

    const turn = await service.attack(game.id, "BOMB", playerToken);
    expect(turn.events.filter((e) => e.type === "CreatureDied").map((e) => e.creature)).toContain(
      "Gnat",
    );
    expect(turn.events).toContainEqual(
      expect.objectContaining({ type: "MonsterEmerged", monsterId: "2" }),
    );

    expect(await raw.exists(k.monster("1"))).toBe(0);
    expect(await raw.lrange(k.array, 0, -1)).toEqual(["2", "3", "4"]);
    expect(await raw.hget(k.game, "currentMonsterId")).toBe("2");
    expect(await raw.hgetall(k.game)).toEqual({
      status: "IN_PROGRESS",
      turn: "1",
      version: "1",
      dice: turn.game.dice,
      tokenHash: sha256Hex(playerToken),
      currentMonsterId: "2",
      createdAt: String(game.createdAt),
      updatedAt: String(turn.game.updatedAt),
      lastCommit: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(turn.game.dice).not.toBe(game.dice);
    const rabbit = turn.game.rabbit;
    expect(await raw.hgetall(k.rabbit)).toEqual({
      life: String(rabbit.life),
      strength: "2",
      charisma: "44",
      weapon: "4",
      bombs: "2",
    });
    // The monsters left are exactly what the turn returned, and the untouched ones are as created.
    for (const monster of turn.game.monsters) {
      const { id, ...spec } = monster;
      expect(await raw.hgetall(k.monster(id))).toEqual(statsOf(spec));
    }
    expect(await raw.hgetall(k.monster("3"))).toEqual(statsOf(ARRAY[2]!));
    expect(await raw.hgetall(k.monster("4"))).toEqual(statsOf(ARRAY[3]!));
    expect(await keysOfGame(raw, prefix, game.id)).toEqual(
      [k.game, k.rabbit, k.array, k.events, k.monster("2"), k.monster("3"), k.monster("4")].sort(),
    );
  });

  it("keeps the last monster's death as VICTORY with an empty array and no current monster", async () => {
    const lone = [ARRAY[0]!];
    const seed = seedThatKillsTheFront(lone, "BOMB");
    const { game, playerToken } = await service.startGame({ monsters: lone, seed });
    const k = keysOf(prefix, game.id);

    const turn = await service.attack(game.id, "BOMB", playerToken);
    expect(turn.events.at(-1)?.type).toBe("ArrayDecimated");
    expect(await raw.exists(k.monster("1"))).toBe(0);
    expect(await raw.exists(k.array)).toBe(0); // an empty list is no key in Redis
    expect(await raw.hget(k.game, "status")).toBe("VICTORY");
    expect(await raw.hget(k.game, "currentMonsterId")).toBe("");
    expect(await service.getGame(game.id)).toEqual(turn.game);
  });

  it("gives every key of a game the configured TTL, and every write starts it again", async () => {
    const ttl = 60_000;
    const svc = serviceWith(ttl, 50);
    const { game, playerToken } = await svc.startGame({ monsters: ARRAY, seed: KILL_SEED });
    const k = keysOf(prefix, game.id);
    const all = [k.game, k.rabbit, k.array, k.events, ...["1", "2", "3", "4"].map(k.monster)];

    for (const [key, pttl] of Object.entries(await pttls(raw, all))) {
      expect([key, pttl > ttl - 5_000 && pttl <= ttl]).toEqual([key, true]);
    }

    await sleep(1_100);
    for (const [key, pttl] of Object.entries(await pttls(raw, all))) {
      expect([key, pttl < ttl - 1_000]).toEqual([key, true]);
    }
    await svc.attack(game.id, "BOMB", playerToken); // kills monster 1
    const left = [k.game, k.rabbit, k.array, k.events, ...["2", "3", "4"].map(k.monster)];
    for (const [key, pttl] of Object.entries(await pttls(raw, left))) {
      expect([key, pttl > ttl - 500 && pttl <= ttl]).toEqual([key, true]);
    }
    expect(await raw.pttl(k.monster("1"))).toBe(-2);

    await sleep(1_100);
    await svc.updateMonster(game.id, "4", { name: "Renamed" }, playerToken);
    for (const [key, pttl] of Object.entries(await pttls(raw, left))) {
      expect([key, pttl > ttl - 500 && pttl <= ttl]).toEqual([key, true]);
    }
  }, 10_000);

  it("lets every key of an abandoned game expire, the events list and monsters included", async () => {
    const svc = serviceWith(800, 50);
    const { game, playerToken } = await svc.startGame({ monsters: ARRAY, seed: KILL_SEED });
    await svc.attack(game.id, "BOMB", playerToken);
    expect((await keysOfGame(raw, prefix, game.id)).length).toBe(4 + 3);
    await sleep(1_200);
    expect(await keysOfGame(raw, prefix, game.id)).toEqual([]);
    expect(await svc.getGame(game.id)).toBeUndefined();
    expect(await svc.recentEvents(game.id, 10)).toEqual([]);
  }, 10_000);

  it("uses another configured TTL as given", async () => {
    const svc = serviceWith(7_000, 50);
    const { game } = await svc.startGame({ monsters: ARRAY, seed: 3 });
    const keys = await keysOfGame(raw, prefix, game.id);
    expect(keys.length).toBe(8);
    for (const [key, pttl] of Object.entries(await pttls(raw, keys))) {
      expect([key, pttl > 6_000 && pttl <= 7_000]).toEqual([key, true]);
    }
  });

  it("appends the JSON of each event to the events list, in order", async () => {
    const {
      game,
      events: opening,
      playerToken,
    } = await service.startGame({
      monsters: ARRAY,
      seed: 5,
    });
    const k = keysOf(prefix, game.id);
    expect(await raw.lrange(k.events, 0, -1)).toEqual(opening.map((e) => JSON.stringify(e)));
    expect(opening).toEqual([
      {
        type: "MonsterEmerged",
        turn: 0,
        monsterId: "1",
        monster: "Gnat",
        message: "[Get ready. Gnat has emerged!]",
      },
    ]);

    const all = [...opening];
    for (const weapon of ["LETTUCE", "BOOMERANG", "SWORD"] as const) {
      const turn = await service.attack(game.id, weapon, playerToken);
      all.push(...turn.events);
    }
    const stored = await raw.lrange(k.events, 0, -1);
    expect(stored).toEqual(all.map((e) => JSON.stringify(e)));
    expect(stored.map((s) => JSON.parse(s) as unknown)).toEqual(all);
    expect(await service.recentEvents(game.id, 1000)).toEqual(all);
  });

  it("caps the events list at maxEvents, keeping the newest", async () => {
    const svc = serviceWith(60_000, 4);
    const big = [{ name: "Wall", life: 1_000_000, strength: 0, charisma: 0, weapon: 0 }];
    const { game, events: opening, playerToken } = await svc.startGame({ monsters: big, seed: 9 });
    const k = keysOf(prefix, game.id);
    const all = [...opening];
    for (let i = 0; i < 5; i++) {
      all.push(...(await svc.attack(game.id, "LETTUCE", playerToken)).events);
      const length = await raw.llen(k.events);
      expect(length).toBe(Math.min(4, all.length));
    }
    expect(all.length).toBeGreaterThan(4);
    expect(await raw.lrange(k.events, 0, -1)).toEqual(all.slice(-4).map((e) => JSON.stringify(e)));
    expect(await svc.recentEvents(game.id, 100)).toEqual(all.slice(-4));
  });

  it("never scans, never uses KEYS, WATCH or MULTI: only scripts and single-key reads", async () => {
    const repo = new RedisGameRepository(client, {
      keyPrefix: prefix,
      ttlMs: 60_000,
      maxEvents: 50,
    });
    const svc = gameServiceOn(repo);
    commands.reset();
    const { game, playerToken } = await svc.startGame({ monsters: ARRAY, seed: KILL_SEED });
    await svc.getGame(game.id);
    await svc.attack(game.id, "BOMB", playerToken);
    await svc.updateMonster(game.id, "3", { life: 77 }, playerToken);
    await svc.readMonsterField(game.id, "3", "life");
    await svc.recentEvents(game.id, 10);
    await svc.getGame("no-such-game");
    await svc.abandonGame(game.id, playerToken);

    const names = commands.names.map((n) => n.toLowerCase());
    for (const forbidden of ["keys", "scan", "watch", "multi", "exec"]) {
      expect(names).not.toContain(forbidden);
    }
    expect(names).toEqual([
      "evalsha", // create
      "evalsha", // getGame
      "evalsha", // attack: load
      "evalsha", // attack: commit
      "evalsha", // updateMonster: load
      "evalsha", // updateMonster: set fields
      "hget", // readMonsterField
      "lrange", // recentEvents
      "evalsha", // getGame of no game
      "evalsha", // abandonGame: load
      "lrange", // delete: the array
      "evalsha", // delete: every key, and the end of the game published
    ]);
    expect(await keysOfGame(raw, prefix, game.id)).toEqual([]);
  });
});
