import type { Redis } from "ioredis";
import { BESTIARY } from "../../src/domain/bestiary";
import type { GameService } from "../../src/domain/game-service";
import type { MonsterSpec } from "../../src/domain/monster";
import type { RedisClient } from "../../src/infrastructure/redis-client";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { connectedClient, countCommands, rawClient, uniquePrefix } from "../support/redis";
import { gameServiceOn, ManualClock } from "../support/services";
import type { BattleEvent } from "../../src/domain/battle-event";
import type { Weapon } from "../../src/domain/weapon";
import {
  COMMIT_ID,
  DICE_STATE,
  FRESH_RABBIT,
  keysOf,
  keysOfGame,
  logEntryOf,
  pttls,
  rabbitInGameHash,
  RS,
  seedThatKillsTheFront,
  sha256Base64url,
  sleep,
  US,
} from "./redis-support";

/** A custom array: a first monster one bomb kills, names that need escaping on the way to Lua. */
const ARRAY: MonsterSpec[] = [
  { name: "Gnat", life: 1, strength: 0, charisma: 0, weapon: 0 },
  { name: 'Mr. "Moth" \\ Ünïcorn 🦄', life: 50, strength: 3, charisma: 7, weapon: 2 },
  { name: "Stag Beetle", life: 120, strength: 9, charisma: 31, weapon: 5 },
  { name: "Zero", life: 1_000_000, strength: 0, charisma: 1_000_000, weapon: 1_000_000 },
];

const KILL_SEED = seedThatKillsTheFront(ARRAY, "BOMB");

/** The game hash of a fresh game (docs/architecture.md, "Redis layout"), sorted. */
const GAME_FIELDS = [
  "ca", // createdAt
  "cm", // currentMonsterId
  "d", // dice
  "lc", // last commit
  "le", // logged events
  "o", // the opening turn's log entry, until the first turn moves it to the log
  "rb", // rabbit bombs
  "rc", // rabbit charisma
  "rl", // rabbit life
  "rs", // rabbit strength
  "rw", // rabbit weapon
  "s", // status
  "t", // turn
  "tk", // token hash
  "tl", // the TTL the keys were given
  "ua", // updatedAt
  "v", // version
];

const statsOf = (m: MonsterSpec): Record<string, string> => ({
  n: m.name,
  l: String(m.life),
  s: String(m.strength),
  c: String(m.charisma),
  w: String(m.weapon),
});

/** The game hash of a fresh game whose first monster is `firstMonster`, as its start stored it. */
const freshGameHash = (
  game: { dice: string; createdAt: number },
  playerToken: string,
  firstMonster: string,
): Record<string, unknown> => ({
  s: "P",
  t: "0",
  v: "0",
  d: game.dice,
  tk: sha256Base64url(playerToken),
  cm: "1",
  ca: String(game.createdAt),
  ua: String(game.createdAt),
  ...FRESH_RABBIT,
  le: "1", // the opening emergence
  o: `0${RS}E1${US}${firstMonster}`, // the log is made by the first turn
  tl: "60000", // the TTL its keys were given
  lc: expect.stringMatching(COMMIT_ID),
});

describe("Redis data model (looked at with raw commands)", () => {
  const prefix = uniquePrefix();
  let client: RedisClient;
  let raw: Redis;
  let service: GameService;
  let commands: ReturnType<typeof countCommands>;

  const serviceWith = (ttlMs: number, maxEvents: number, clock?: ManualClock): GameService =>
    gameServiceOn(new RedisGameRepository(client, { keyPrefix: prefix, ttlMs, maxEvents }), {
      clock,
    });

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

  it("stores a custom array as hashes and lists, the rabbit in the game hash, each hash holding exactly its fields", async () => {
    const { game, playerToken } = await service.startGame({ monsters: ARRAY, seed: 11 });
    const k = keysOf(prefix, game.id);
    const monsterKeys = ["1", "2", "3", "4"].map(k.monster);

    expect(await keysOfGame(raw, prefix, game.id)).toEqual(
      [k.game, k.array, ...monsterKeys].sort(),
    );
    expect(await raw.type(k.game)).toBe("hash");
    for (const key of monsterKeys) expect(await raw.type(key)).toBe("hash");
    expect(await raw.type(k.array)).toBe("list");
    // No log yet: the opening entry waits in the game hash (a list of one costs ~200 bytes).
    expect(await raw.exists(k.events)).toBe(0);

    for (const [i, monster] of ARRAY.entries()) {
      expect(await raw.hgetall(k.monster(String(i + 1)))).toEqual(statsOf(monster));
    }
    expect(await raw.lrange(k.array, 0, -1)).toEqual(["1", "2", "3", "4"]);
    const stored = await raw.hgetall(k.game);
    expect(Object.keys(stored).sort()).toEqual(GAME_FIELDS);
    expect(stored).toEqual(freshGameHash(game, playerToken, "Gnat"));
    expect(stored.d).toMatch(DICE_STATE);
    expect(stored.tk).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(stored.tk).not.toBe(playerToken);
    expect(JSON.stringify(await raw.hgetall(k.game))).not.toContain(playerToken);
  });

  it("stores the default bestiary as six monster hashes, ids 1..6 in order: 2 + 6 keys in all", async () => {
    const { game, playerToken } = await service.startGame();
    const k = keysOf(prefix, game.id);
    const monsterKeys = ["1", "2", "3", "4", "5", "6"].map(k.monster);

    expect(await keysOfGame(raw, prefix, game.id)).toEqual(
      [k.game, k.array, ...monsterKeys].sort(),
    );
    expect(await raw.lrange(k.array, 0, -1)).toEqual(["1", "2", "3", "4", "5", "6"]);
    for (const [i, monster] of BESTIARY.entries()) {
      const key = k.monster(String(i + 1));
      expect(await raw.type(key)).toBe("hash");
      expect(await raw.hgetall(key)).toEqual(statsOf(monster));
    }
    expect(await raw.exists(k.monster("7"), k.monster("0"))).toBe(0);
    expect(await raw.hgetall(k.game)).toEqual(freshGameHash(game, playerToken, BESTIARY[0]!.name));
    expect((await keysOfGame(raw, prefix, game.id)).length).toBe(2 + 6);
    expect(await service.recentEvents(game.id, 10)).toEqual([
      expect.objectContaining({ type: "MonsterEmerged", turn: 0, monster: BESTIARY[0]!.name }),
    ]);
  });

  it("deletes a monster that dies, pops its id off the array, and makes the next one current", async () => {
    const { game, playerToken } = await service.startGame({ monsters: ARRAY, seed: KILL_SEED });
    const k = keysOf(prefix, game.id);
    const createdWith = await raw.hget(k.game, "lc");

    const turn = await service.attack(game.id, "BOMB", playerToken);
    expect(turn.events.filter((e) => e.type === "CreatureDied").map((e) => e.creature)).toContain(
      "Gnat",
    );
    expect(turn.events).toContainEqual(
      expect.objectContaining({ type: "MonsterEmerged", monsterId: "2" }),
    );

    expect(await raw.exists(k.monster("1"))).toBe(0);
    expect(await raw.lrange(k.array, 0, -1)).toEqual(["2", "3", "4"]);
    expect(await raw.hget(k.game, "cm")).toBe("2");
    expect(await raw.hgetall(k.game)).toEqual({
      s: "P",
      t: "1",
      v: "1",
      d: turn.game.dice,
      tk: sha256Base64url(playerToken),
      cm: "2",
      ca: String(game.createdAt),
      ua: String(turn.game.updatedAt),
      ...rabbitInGameHash({ ...turn.game.rabbit, strength: 2, charisma: 44, weapon: 4, bombs: 2 }),
      le: String(1 + turn.events.length),
      tl: "60000",
      lc: expect.stringMatching(COMMIT_ID),
    });
    expect(turn.game.dice).not.toBe(game.dice);
    // One entry per turn: the opening, moved out of the game hash by the first turn, then turn 1.
    expect(await raw.llen(k.events)).toBe(2);
    // The monsters left are exactly what the turn returned, and the untouched ones are as created.
    for (const monster of turn.game.monsters) {
      const { id, ...spec } = monster;
      expect(await raw.hgetall(k.monster(id))).toEqual(statsOf(spec));
    }
    expect(await raw.hgetall(k.monster("3"))).toEqual(statsOf(ARRAY[2]!));
    expect(await raw.hgetall(k.monster("4"))).toEqual(statsOf(ARRAY[3]!));
    expect(await keysOfGame(raw, prefix, game.id)).toEqual(
      [k.game, k.array, k.events, k.monster("2"), k.monster("3"), k.monster("4")].sort(),
    );
    expect(createdWith).toMatch(COMMIT_ID);
    expect(await raw.hget(k.game, "lc")).not.toBe(createdWith); // a new id per commit
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
    expect(await raw.hget(k.game, "s")).toBe("V");
    expect(await raw.hget(k.game, "cm")).toBe("");
    expect(await service.getGame(game.id)).toEqual(turn.game);
  });

  it("gives every key of a game the configured TTL when it is created", async () => {
    const ttl = 60_000;
    const svc = serviceWith(ttl, 50);
    const { game } = await svc.startGame({ monsters: ARRAY, seed: KILL_SEED });
    const k = keysOf(prefix, game.id);
    const all = [k.game, k.array, ...["1", "2", "3", "4"].map(k.monster)];

    expect(await keysOfGame(raw, prefix, game.id)).toEqual([...all].sort());
    for (const [key, pttl] of Object.entries(await pttls(raw, all))) {
      expect([key, pttl > ttl - 5_000 && pttl <= ttl]).toEqual([key, true]);
    }
  });

  it("refreshes the TTL of every key only on a commit whose updatedAt is in another interval (ttl/100) than the last one's", async () => {
    const ttl = 60_000; // refreshed once per interval of 600 ms of the games' clock
    const lowered = 30_000; // set by the test: a refresh brings a key back above ttl - 5 s
    const start = 600 * 3_000_000_000; // the start of an interval
    const clock = new ManualClock(start + 100);
    const svc = serviceWith(ttl, 50, clock);
    const { game, playerToken } = await svc.startGame({ monsters: ARRAY, seed: KILL_SEED });
    const k = keysOf(prefix, game.id);
    const all = [k.game, k.array, ...["1", "2", "3", "4"].map(k.monster)];
    const left = [k.game, k.array, k.events, ...["2", "3", "4"].map(k.monster)];

    const lowerAll = async (keys: readonly string[]): Promise<void> => {
      for (const key of keys) expect(await raw.pexpire(key, lowered)).toBe(1);
    };
    const expectNotRefreshed = async (keys: readonly string[], when: string): Promise<void> => {
      expect(await keysOfGame(raw, prefix, game.id)).toEqual([...keys].sort());
      for (const [key, pttl] of Object.entries(await pttls(raw, keys))) {
        expect([when, key, pttl > 0 && pttl <= lowered]).toEqual([when, key, true]);
      }
    };
    const expectRefreshed = async (keys: readonly string[], when: string): Promise<void> => {
      expect(await keysOfGame(raw, prefix, game.id)).toEqual([...keys].sort());
      for (const [key, pttl] of Object.entries(await pttls(raw, keys))) {
        expect([when, key, pttl > ttl - 5_000 && pttl <= ttl]).toEqual([when, key, true]);
      }
    };

    await lowerAll(all);
    clock.time = start + 599; // the creation's interval
    const kill = await svc.attack(game.id, "BOMB", playerToken); // kills monster 1
    expect(kill.game.monsters.map((m) => m.id)).toEqual(["2", "3", "4"]);
    expect(await raw.hget(k.game, "ua")).toBe(String(start + 599));
    // The first turn makes the log, and gives it the TTL.
    expect(await raw.pttl(k.events)).toBeGreaterThan(ttl - 5_000);
    await lowerAll([k.events]);
    await expectNotRefreshed(left, "turn 1, same interval");

    clock.time = start + 600; // the next interval
    await svc.attack(game.id, "LETTUCE", playerToken);
    await expectRefreshed(left, "turn 2, next interval");

    await lowerAll(left);
    clock.time = start + 1_199; // still turn 2's interval
    await svc.updateMonster(game.id, "4", { name: "Renamed" }, playerToken);
    expect(await raw.hget(k.monster("4"), "n")).toBe("Renamed");
    await expectNotRefreshed(left, "a patch, same interval");
    clock.time = start + 1_199;
    await svc.attack(game.id, "SWORD", playerToken);
    await expectNotRefreshed(left, "turn 3, same interval");

    clock.time = start + 1_200; // a patch is a commit too
    await svc.updateMonster(game.id, "3", { life: 77 }, playerToken);
    await expectRefreshed(left, "a patch, next interval");

    await lowerAll(left);
    clock.time = start + 1_000_000; // many intervals later
    await svc.attack(game.id, "BOOMERANG", playerToken);
    await expectRefreshed(left, "turn 4, many intervals later");
    expect(await raw.hget(k.game, "ua")).toBe(String(start + 1_000_000));
  });

  it("refreshes every key at once when the configured TTL changed since they were given one, whatever the interval", async () => {
    const start = 600 * 3_000_000_000;
    const clock = new ManualClock(start + 100);
    const before = serviceWith(60_000, 50, clock);
    const { game, playerToken } = await before.startGame({ monsters: ARRAY, seed: 11 });
    const k = keysOf(prefix, game.id);
    expect(await raw.hget(k.game, "tl")).toBe("60000");

    // The setting is raised to 10 minutes: the next commit, in the same 600 ms interval of the
    // old TTL (and of the new one's 6 s), gives every key the new TTL and records it.
    const after = serviceWith(600_000, 50, clock);
    clock.time = start + 200;
    await after.attack(game.id, "SWORD", playerToken);
    expect(await raw.hget(k.game, "tl")).toBe("600000");
    // Every key the game has after the turn (a monster it killed is gone).
    const keys = await keysOfGame(raw, prefix, game.id);
    expect(keys).toEqual(expect.arrayContaining([k.game, k.array, k.events, k.monster("4")]));
    for (const [key, pttl] of Object.entries(await pttls(raw, keys))) {
      expect([key, pttl > 590_000 && pttl <= 600_000]).toEqual([key, true]);
    }

    // Under the same setting, the interval rule holds again: a commit in the same interval
    // leaves a lowered TTL alone.
    for (const key of keys) await raw.pexpire(key, 30_000);
    clock.time = start + 300;
    await after.attack(game.id, "SWORD", playerToken);
    const left = await keysOfGame(raw, prefix, game.id);
    expect(left).toEqual(expect.arrayContaining([k.game, k.array, k.events, k.monster("4")]));
    for (const [key, pttl] of Object.entries(await pttls(raw, left))) {
      expect([key, pttl > 0 && pttl <= 30_000]).toEqual([key, true]);
    }
  });

  it("lets every key of an abandoned game expire, the events list and monsters included", async () => {
    const svc = serviceWith(800, 50);
    const { game, playerToken } = await svc.startGame({ monsters: ARRAY, seed: KILL_SEED });
    await svc.attack(game.id, "BOMB", playerToken);
    const k = keysOf(prefix, game.id);
    expect(await keysOfGame(raw, prefix, game.id)).toEqual(
      [k.game, k.array, k.events, ...["2", "3", "4"].map(k.monster)].sort(),
    );
    await sleep(1_200);
    expect(await keysOfGame(raw, prefix, game.id)).toEqual([]);
    expect(await svc.getGame(game.id)).toBeUndefined();
    expect(await svc.recentEvents(game.id, 10)).toEqual([]);
  }, 10_000);

  it("uses another configured TTL as given", async () => {
    const svc = serviceWith(7_000, 50);
    const { game } = await svc.startGame({ monsters: ARRAY, seed: 3 });
    const k = keysOf(prefix, game.id);
    const keys = await keysOfGame(raw, prefix, game.id);
    expect(keys).toEqual([k.game, k.array, ...["1", "2", "3", "4"].map(k.monster)].sort());
    for (const [key, pttl] of Object.entries(await pttls(raw, keys))) {
      expect([key, pttl > 6_000 && pttl <= 7_000]).toEqual([key, true]);
    }
  });

  it("logs one compact entry per turn (names repeated in a turn written empty) and reads back the exact events with their docs/rules.md messages", async () => {
    const {
      game,
      events: opening,
      playerToken,
    } = await service.startGame({
      monsters: ARRAY,
      seed: 5,
    });
    const k = keysOf(prefix, game.id);
    const moth = 'Mr. "Moth" \\ Ünïcorn 🦄';
    expect(await raw.hget(k.game, "o")).toBe(`0${RS}E1${US}Gnat`);
    expect(await service.recentEvents(game.id, 10)).toEqual(opening);

    const all = [...opening];
    const turns = [opening];
    for (const weapon of ["LETTUCE", "BOOMERANG", "SWORD"] as const) {
      const turn = await service.attack(game.id, weapon, playerToken);
      all.push(...turn.events);
      turns.push(turn.events);
    }
    expect(all).toEqual([
      {
        type: "MonsterEmerged",
        turn: 0,
        monsterId: "1",
        monster: "Gnat",
        message: "[Get ready. Gnat has emerged!]",
      },
      {
        type: "LettuceEaten",
        turn: 1,
        heal: 18,
        message: "[Healthy lettuce gives you 18 life points!!]",
      },
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "LETTUCE",
        monster: "Gnat",
        damage: 0,
        message: "[You hit with 0 points of damage!]",
      },
      {
        type: "MonsterHitRabbit",
        turn: 1,
        monster: "Gnat",
        damage: 0,
        message: "[Your enemy hit with 0 points of damage!]",
      },
      {
        type: "RabbitHitMonster",
        turn: 2,
        weapon: "BOOMERANG",
        monster: "Gnat",
        damage: 8,
        message: "[You hit with 8 points of damage!]",
      },
      {
        type: "CreatureDied",
        turn: 2,
        role: "MONSTER",
        creature: "Gnat",
        message: "[Gnat has died!]",
      },
      {
        type: "MonsterEmerged",
        turn: 2,
        monsterId: "2",
        monster: moth,
        message: `[Get ready. ${moth} has emerged!]`,
      },
      {
        type: "MonsterHitRabbit",
        turn: 2,
        monster: moth,
        damage: 0,
        message: "[Your enemy hit with 0 points of damage!]",
      },
      {
        type: "RabbitHitMonster",
        turn: 3,
        weapon: "SWORD",
        monster: moth,
        damage: 2,
        message: "[You hit with 2 points of damage!]",
      },
      {
        type: "MonsterHitRabbit",
        turn: 3,
        monster: moth,
        damage: 3,
        message: "[Your enemy hit with 3 points of damage!]",
      },
    ]);

    expect(await raw.lrange(k.events, 0, -1)).toEqual([
      `0${RS}E1${US}Gnat`,
      `1${RS}L18${RS}HL0${US}Gnat${RS}h0${US}`,
      `2${RS}HB8${US}Gnat${RS}DM${US}${RS}E2${US}${moth}${RS}h0${US}`,
      `3${RS}HS2${US}${moth}${RS}h3${US}`,
    ]);
    expect(await raw.hget(k.game, "le")).toBe("10");
    // The test's own encoder (redis-support), used by other tests, agrees with these entries.
    expect(turns.map(logEntryOf)).toEqual(await raw.lrange(k.events, 0, -1));
    expect(await service.recentEvents(game.id, 1000)).toEqual(all);
    expect(await service.recentEvents(game.id, 3)).toEqual(all.slice(-3));
    expect(await service.recentEvents(game.id, 1)).toEqual(all.slice(-1));
  });

  it("trims the log only once it holds more than maxEvents + slack events, dropping whole oldest turns, and recentEvents returns the newest maxEvents", async () => {
    const maxEvents = 5;
    const slack = 10; // max(10, ceil(maxEvents / 10))
    const svc = serviceWith(60_000, maxEvents);
    const big = [{ name: "Wall", life: 1_000_000, strength: 0, charisma: 0, weapon: 0 }];
    const { game, events: opening, playerToken } = await svc.startGame({ monsters: big, seed: 9 });
    const k = keysOf(prefix, game.id);

    // The log as it must be: the turns kept, each as the entry stored when it was played.
    const kept: { entry: string; events: BattleEvent[] }[] = [];
    const logged = (): number => kept.reduce((n, t) => n + t.events.length, 0);
    kept.push({ entry: `0${RS}E1${US}Wall`, events: opening });
    const all = [...opening];

    // Turns of 1 (bombs ran out), 2 (a hit and a hit back) and 3+ events (lettuce, magick).
    const weapons: Weapon[] = ["BOMB", "BOMB", "BOMB", "BOMB", "LETTUCE", "SWORD"];
    for (let i = 0; i < 12; i++) weapons.push("BOMB", "LETTUCE", "BOOMERANG");
    const sizes = new Set<number>();
    let trims = 0;
    let mostHeld = 0;

    for (const [i, weapon] of weapons.entries()) {
      const { events } = await svc.attack(game.id, weapon, playerToken);
      all.push(...events);
      sizes.add(events.length);
      expect(events.every((e) => e.turn === i + 1)).toBe(true);
      kept.push({ entry: logEntryOf(events), events });
      if (logged() > maxEvents + slack) {
        while (logged() - kept[0]!.events.length >= maxEvents) kept.shift();
        trims++;
      }
      mostHeld = Math.max(mostHeld, logged());

      expect(await raw.lrange(k.events, 0, -1)).toEqual(kept.map((t) => t.entry));
      expect(await raw.hget(k.game, "le")).toBe(String(logged()));
      expect(logged()).toBeGreaterThanOrEqual(Math.min(maxEvents, all.length));
      expect(logged()).toBeLessThanOrEqual(maxEvents + slack);
      expect(await svc.recentEvents(game.id, 100)).toEqual(all.slice(-maxEvents));
      expect(await svc.recentEvents(game.id, 2)).toEqual(all.slice(-2));
    }
    expect([...sizes].sort()).toEqual(expect.arrayContaining([1, 2, 3]));
    expect(trims).toBeGreaterThanOrEqual(2);
    expect(mostHeld).toBeGreaterThan(maxEvents + slack - 3); // it grew well past maxEvents untrimmed
    // Each stored entry is a whole turn: decoded, the log is exactly the kept turns' events.
    expect(await svc.recentEvents(game.id, maxEvents)).toEqual(
      kept.flatMap((t) => t.events).slice(-maxEvents),
    );
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
      "evalsha", // recentEvents (the log, or the opening entry before the first turn)
      "evalsha", // getGame of no game
      "evalsha", // abandonGame: load
      "lrange", // delete: the array
      "evalsha", // delete: every key, and the end of the game published
    ]);
    expect(await keysOfGame(raw, prefix, game.id)).toEqual([]);
  });
});
