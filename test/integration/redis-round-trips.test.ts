import type { Redis } from "ioredis";
import type { GameService } from "../../src/domain/game-service";
import type { MonsterSpec } from "../../src/domain/monster";
import type { RedisClient } from "../../src/infrastructure/redis-client";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { turnMessageGame } from "../../src/infrastructure/battle-turn-message";
import { published } from "../support/published";
import { connectedClient, countCommands, rawClient, uniquePrefix } from "../support/redis";
import { gameServiceOn } from "../support/services";
import { COMMIT_ID, keysOf, logEntryOf, RS, US, waitUntil } from "./redis-support";

const ARRAY: MonsterSpec[] = [
  { name: "Toad", life: 500, strength: 1, charisma: 3, weapon: 1 },
  { name: "Crow", life: 300, strength: 2, charisma: 5, weapon: 1 },
];

describe("Redis round trips per use case (counted at the client)", () => {
  const prefix = uniquePrefix();
  let client: RedisClient;
  let service: GameService;
  let commands: ReturnType<typeof countCommands>;

  beforeAll(async () => {
    client = await connectedClient();
    commands = countCommands(client);
    service = gameServiceOn(
      new RedisGameRepository(client, { keyPrefix: prefix, ttlMs: 60_000, maxEvents: 50 }),
    );
    // Warm-up: every script has run once on this connection, so from now on it goes by EVALSHA.
    const warm = await service.startGame({ monsters: ARRAY, seed: 1 });
    await service.attack(warm.game.id, "BOOMERANG", warm.playerToken);
    await service.getGame(warm.game.id);
    commands.reset();
  });
  afterAll(async () => {
    await client.quit();
  });
  beforeEach(() => commands.reset());

  it("startGame is exactly one command, a script", async () => {
    await service.startGame({ monsters: ARRAY, seed: 2 });
    expect(commands.count).toBe(1);
    expect(commands.names).toEqual(["evalsha"]);
  });

  it("startGame from the default bestiary is still one command", async () => {
    await service.startGame();
    expect(commands.names).toEqual(["evalsha"]);
  });

  it("startGame with the largest array (100 monsters) is still one command", async () => {
    const hundred = Array.from({ length: 100 }, (_, i) => ({
      name: `Imp${i + 1}`,
      life: 10 + i,
      strength: 1,
      charisma: 2,
      weapon: 3,
    }));
    const { game, playerToken } = await service.startGame({ monsters: hundred, seed: 2 });
    expect(commands.names).toEqual(["evalsha"]);
    commands.reset();
    await service.attack(game.id, "LETTUCE", playerToken);
    expect(commands.names).toEqual(["evalsha", "evalsha"]);
    const loaded = await service.getGame(game.id);
    expect(loaded?.monsters.map((m) => m.id)).toEqual(hundred.map((_, i) => String(i + 1)));
    expect(loaded?.monsters[99]).toEqual({ id: "100", ...hundred[99] });
  });

  it("an attack without contention is exactly two commands: load, then commit", async () => {
    const { game, playerToken } = await service.startGame({ monsters: ARRAY, seed: 3 });
    for (const weapon of ["BOOMERANG", "SWORD", "LETTUCE", "BOMB"] as const) {
      commands.reset();
      const turn = await service.attack(game.id, weapon, playerToken);
      expect([weapon, commands.count]).toEqual([weapon, 2]);
      expect(commands.names).toEqual(["evalsha", "evalsha"]);
      expect(turn.game.version).toBe(turn.game.turn);
    }
  });

  it("an attack that kills a monster is still two commands", async () => {
    const weak = [{ name: "Mite", life: 1, strength: 0, charisma: 0, weapon: 0 }, ...ARRAY];
    const { game, playerToken } = await service.startGame({ monsters: weak, seed: 4 });
    commands.reset();
    let turn = await service.attack(game.id, "BOMB", playerToken);
    while (turn.game.monsters[0]?.name === "Mite") {
      commands.reset();
      turn = await service.attack(game.id, "BOMB", playerToken);
    }
    expect(turn.game.monsters.map((m) => m.id)).toEqual(["2", "3"]);
    expect(commands.names).toEqual(["evalsha", "evalsha"]);
  });

  it("getGame is exactly one command, for a game and for no game", async () => {
    const { game } = await service.startGame({ monsters: ARRAY, seed: 5 });
    commands.reset();
    expect((await service.getGame(game.id))?.id).toBe(game.id);
    expect(commands.names).toEqual(["evalsha"]);
    commands.reset();
    expect(await service.getGame("no-such-game")).toBeUndefined();
    expect(commands.names).toEqual(["evalsha"]);
  });

  it("a refused attack (game over) costs the load only, and writes nothing", async () => {
    const lone = [{ name: "Mite", life: 1, strength: 0, charisma: 0, weapon: 0 }];
    const { game, playerToken } = await service.startGame({ monsters: lone, seed: 6 });
    let state = game;
    while (state.status !== "VICTORY")
      state = (await service.attack(game.id, "BOMB", playerToken)).game;
    commands.reset();
    await expect(service.attack(game.id, "BOOMERANG", playerToken)).rejects.toMatchObject({
      code: "GAME_OVER",
    });
    expect(commands.names).toEqual(["evalsha"]);
    expect(await service.getGame(game.id)).toEqual(state);
  });

  it("recentEvents is one round trip (a read script: the log, or the opening entry before it)", async () => {
    const { game, playerToken } = await service.startGame({ monsters: ARRAY, seed: 7 });
    commands.reset();
    expect(await service.recentEvents(game.id, 5)).toHaveLength(1);
    expect(commands.names).toEqual(["evalsha"]);
    await service.attack(game.id, "BOOMERANG", playerToken);
    commands.reset();
    expect((await service.recentEvents(game.id, 50)).length).toBeGreaterThan(1);
    expect(commands.names).toEqual(["evalsha"]);
  });
});

describe("Redis round trips as the server sees them (MONITOR)", () => {
  const prefix = uniquePrefix();
  let client: RedisClient;
  let raw: Redis;
  let monitor: Redis;
  const seen: string[][] = [];

  beforeAll(async () => {
    client = await connectedClient();
    raw = rawClient();
    monitor = await raw.monitor();
    monitor.on("monitor", (_time: string, args: string[], source: string) => {
      // Commands of other suites and those run inside scripts ("lua") are not ours.
      if (source !== "lua" && args.some((a) => a.includes(`${prefix}:`))) seen.push(args);
    });
  });
  afterAll(async () => {
    monitor.disconnect();
    await client.quit();
    await raw.quit();
  });

  /** Waits until the monitor has seen a marker command sent after everything before it. */
  async function settleCommands(): Promise<string[][]> {
    const marker = `${prefix}:marker:${Math.random()}`;
    await raw.exists(marker);
    await waitUntil(() => seen.some((args) => args.includes(marker)));
    const commands = seen.filter((args) => !args.includes(marker));
    seen.length = 0;
    return commands;
  }

  /** The names of the commands seen since the last call. */
  async function settle(): Promise<string[]> {
    return (await settleCommands()).map((args) => args[0]!.toLowerCase());
  }

  it("the first use of a script on a connection is one EVAL, later ones one EVALSHA each", async () => {
    const service = gameServiceOn(
      new RedisGameRepository(client, { keyPrefix: prefix, ttlMs: 60_000, maxEvents: 50 }),
    );
    await settle();
    const first = await service.startGame({ monsters: ARRAY, seed: 8 });
    await service.attack(first.game.id, "BOOMERANG", first.playerToken);
    expect(await settle()).toEqual(["eval", "eval", "eval"]); // create, load, commit: all cold

    const second = await service.startGame({ monsters: ARRAY, seed: 9 });
    expect(await settle()).toEqual(["evalsha"]);
    await service.attack(second.game.id, "LETTUCE", second.playerToken);
    expect(await settle()).toEqual(["evalsha", "evalsha"]);
    await service.getGame(second.game.id);
    expect(await settle()).toEqual(["evalsha"]);

    // The key a script reaches is passed in KEYS: the server saw them all in the commit.
    const bomb = await service.attack(second.game.id, "BOMB", second.playerToken);
    const k = keysOf(prefix, second.game.id);
    const [load, commit] = await settleCommands();
    // The load: KEYS game and array, ARGV the monsters' key prefix.
    expect(load?.slice(2)).toEqual(["2", k.game, k.array, k.monster("")]);
    expect(commit?.slice(2, 3 + 5)).toEqual([
      "5",
      k.game,
      k.array,
      k.events,
      k.monster("1"),
      k.monster("2"),
    ]);
    // Its arguments are flat and positional (no JSON document to decode), the log entry compact.
    expect(bomb.game.monsters.map((m) => m.id)).toEqual(["1", "2"]);
    expect(commit?.slice(3 + 5, 3 + 5 + 10)).toEqual([
      "1", // the expected version
      expect.stringMatching(COMMIT_ID),
      "60000", // ttl ms
      // The TTL refresh interval (ttl / 100), most events kept, the log's slack (max(10, 50 / 10)).
      "600 50 10",
      "0", // no monster died
      // MONITOR shows the separators as \x1e and \x1f escapes.
      logEntryOf(bomb.events).replaceAll(RS, "\\x1e").replaceAll(US, "\\x1f"),
      String(bomb.events.length),
      k.channel,
      // The game after the turn, positional (battle-turn-message.ts); the script publishes it
      // after the log entry.
      turnMessageGame(published(bomb).game).replaceAll(US, "\\x1f"),
      String(bomb.game.updatedAt),
    ]);
    // The game hash's changed fields, counted, then each changed monster's.
    expect(commit?.slice(3 + 5 + 10, 3 + 5 + 10 + 9)).toEqual([
      expect.stringMatching(/^\d+$/),
      "t",
      "2",
      "v",
      "2",
      "d",
      bomb.game.dice,
      "ua",
      String(bomb.game.updatedAt),
    ]);
  });
});
