import type { Redis } from "ioredis";
import type { Weapon } from "../../src/domain/weapon";
import { startSeeded } from "../support/play";
import { rawClient, testRedisUrl, uniquePrefix } from "../support/redis";
import { httpClient, wsClient, wsOnce, wsSubscribe } from "./support/clients";
import {
  ABANDON,
  ATTACK,
  asApiEvent,
  BATTLE_TURNS,
  expectTurns,
  GAME,
  monsterIdIn,
  START_GAME,
  turnOf,
  UPDATE_MONSTER,
  type ApiEvent,
  type ApiGame,
  type ApiTurn,
  type ApiUserError,
} from "./support/operations";
import { startServerProcess, type ServerProcess } from "./support/server-process";

const SHORT_ARRAY = [
  { name: "Snail", life: 20, strength: 1, charisma: 10, weapon: 1 },
  { name: "GiantSlug", life: 35, strength: 3, charisma: 25, weapon: 2 },
];
const SEED = 65; // The rabbit dies on the way and lettuce brings it back (test/domain/full-games).

type Started = { startGame: { playerToken: string; game: ApiGame; events: ApiEvent[] } };
type Attacked = {
  attack: { game: ApiGame; events: ApiEvent[]; userErrors: ApiUserError[] };
};

/** Every key of the store under a prefix (test-only SCAN; the server itself never scans). */
async function keysUnder(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  return keys.sort();
}

const stores: [string, () => Record<string, string>][] = [
  ["the in-memory store", () => ({})],
  ["Redis", () => ({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() })],
];

describe.each(stores)("a game over HTTP and WebSocket, on %s", (storeName, envFor) => {
  let server: ServerProcess;
  let env: Record<string, string>;
  let redis: Redis | undefined;

  beforeAll(async () => {
    env = envFor();
    server = await startServerProcess(env);
    if (env.REDIS_URL) redis = rawClient();
  }, 30_000); // a server start can take over 5 s on a loaded machine
  afterAll(async () => {
    await server?.stop();
    await redis?.quit();
  });

  it("plays a seeded game to VICTORY; the subscriber gets each turn once, in order, with exactly its events and the game after it", async () => {
    const http = httpClient(server.url);
    const started = await http.mutate<Started>(START_GAME, {
      input: { seed: SEED, monsters: SHORT_ARRAY },
    });
    expect(started.errors).toEqual([]);
    const { playerToken, game: initial, events: opening } = started.data!.startGame;
    expect(initial).toMatchObject({ turn: 0, status: "IN_PROGRESS", monstersRemaining: 2 });
    expect(opening).toEqual([
      {
        __typename: "MonsterEmergedEvent",
        turn: 0,
        monsterId: monsterIdIn(initial.id, 1),
        monsterName: "Snail",
        message: "[Get ready. Snail has emerged!]",
      },
    ]);

    const watcher = wsClient(server.wsUrl);
    const player = wsClient(server.wsUrl, playerToken);
    const authed = httpClient(server.url, playerToken);
    // fromTurn 1: the stored log from turn 1, then live, so the test needs no guess at when the
    // subscription became live.
    const subscription = wsSubscribe<{ battleTurns: ApiTurn }>(watcher, BATTLE_TURNS, {
      gameId: initial.id,
      fromTurn: 1,
    });

    const weapons: Weapon[] = [];
    const attackEvents: ApiEvent[] = [];
    const played: ApiTurn[] = [];
    let game = initial;
    while (game.status !== "VICTORY" && weapons.length < 200) {
      const weapon: Weapon = game.rabbit.life <= 3 ? "LETTUCE" : "BOOMERANG";
      weapons.push(weapon);
      // Odd turns over HTTP, even turns over WebSocket: both paths play the same game.
      const result =
        weapons.length % 2 === 1
          ? await authed.mutate<Attacked>(ATTACK, { gameId: game.id, weapon })
          : await wsOnce<Attacked>(player, ATTACK, { gameId: game.id, weapon });
      expect(result.errors).toEqual([]);
      const { game: after, events } = result.data!.attack;
      expect(after.turn).toBe(weapons.length);
      expect(events.every((e) => e.turn === weapons.length)).toBe(true);
      attackEvents.push(...events);
      played.push(turnOf(result.data!.attack));

      // `game` reflects every turn exactly as the attack returned it.
      const read = await http.query<{ game: ApiGame }>(GAME, { id: game.id });
      expect(read.data?.game).toEqual(after);
      game = after;
    }

    expect(game.status).toBe("VICTORY");
    expect(game.currentMonster).toBeNull();
    expect(attackEvents.at(-1)).toEqual({
      __typename: "ArrayDecimatedEvent",
      turn: weapons.length,
      message: "[Whoa.  You decimated Dwemthy's Array!]",
    });
    // The server's dice are the seeded dice of the rules: a local replay gives the same battle.
    const replay = startSeeded(SEED, SHORT_ARRAY);
    const expected = weapons
      .flatMap((w) => replay.game.attack(w).events)
      .map((e) => asApiEvent(game.id, e));
    expect(attackEvents).toEqual(expected);
    expect(
      attackEvents.some((e) => e.__typename === "CreatureDiedEvent" && e.role === "RABBIT"),
    ).toBe(true);

    // One message per turn: turns the subscription saw live carry the game after them; any it
    // caught up on from the log carry it at least on the last of them.
    const received = await subscription.waitFor(weapons.length);
    expect(subscription.errors).toEqual([]);
    expectTurns(
      received.map((r) => r.battleTurns),
      played,
    );
    expect(received.at(-1)!.battleTurns.game).toEqual(game);

    // After victory every attack is refused as data: GAME_OVER, no turn played.
    const refused = await authed.mutate<Attacked>(ATTACK, { gameId: game.id, weapon: "BOMB" });
    expect(refused).toEqual({
      data: {
        attack: {
          game: null,
          events: null,
          userErrors: [
            {
              code: "GAME_OVER",
              field: null,
              message: `Game ${game.id} is over: Dwemthy's Array is decimated, no weapon can be used.`,
            },
          ],
        },
      },
      errors: [],
    });
    expect((await http.query<{ game: ApiGame }>(GAME, { id: game.id })).data?.game).toEqual(game);

    subscription.unsubscribe();
    await Promise.all([watcher.dispose(), player.dispose()]);
  }, 60_000);

  it("delivers live turns to a subscriber without fromTurn, from the next turn on, each with the game after it", async () => {
    const http = httpClient(server.url);
    const started = await http.mutate<Started>(START_GAME, { input: { seed: 3 } });
    const { playerToken, game } = started.data!.startGame;
    const watcher = wsClient(server.wsUrl);
    const subscription = wsSubscribe<{ battleTurns: ApiTurn }>(watcher, BATTLE_TURNS, {
      gameId: game.id,
    });
    const authed = httpClient(server.url, playerToken);
    const played: ApiTurn[] = [];
    const attack = async (weapon: Weapon) => {
      const result = await authed.mutate<Attacked>(ATTACK, { gameId: game.id, weapon });
      expect(result.errors).toEqual([]);
      played.push(turnOf(result.data!.attack));
    };
    // Until the subscription is live, attacks may pass unseen: attack until one is seen, then
    // every later turn must arrive whole and in order.
    for (let i = 1; i <= 50 && subscription.items.length === 0; i++) {
      await attack("LETTUCE");
      await subscription.waitFor(1, 100);
    }
    expect(subscription.items.length).toBeGreaterThan(0);
    const firstSeenTurn = subscription.items[0]!.battleTurns.turn;
    expect(firstSeenTurn).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 3; i++) await attack("SWORD");
    const lastTurn = played.at(-1)!.turn;
    const all = await subscription.waitUntil((items) =>
      items.some((r) => r.battleTurns.turn === lastTurn),
    );
    expect(subscription.errors).toEqual([]);
    // Every turn from the first seen on, once each and in order; live, so each carries its game.
    expect(all.map((r) => r.battleTurns)).toEqual(played.slice(firstSeenTurn - 1));
    subscription.unsubscribe();
    await watcher.dispose();
  }, 30_000);

  it("weakens the front monster with updateMonster (the store's hash changes), then wins", async () => {
    const http = httpClient(server.url);
    const started = await http.mutate<Started>(START_GAME, { input: { seed: 11 } });
    const { playerToken, game } = started.data!.startGame;
    const authed = httpClient(server.url, playerToken);

    const updated = await authed.mutate<{ updateMonster: unknown }>(UPDATE_MONSTER, {
      monsterId: monsterIdIn(game.id, 1),
      patch: { life: 1, name: "TiredMonkey" },
    });
    expect(updated.errors).toEqual([]);
    expect(updated.data?.updateMonster).toEqual({
      monster: {
        id: monsterIdIn(game.id, 1),
        name: "TiredMonkey",
        life: 1,
        strength: 35,
        charisma: 91,
        weapon: 2,
      },
      game: { id: game.id, version: 1 },
      userErrors: [],
    });
    if (redis) {
      expect(await redis.hgetall(`${env.REDIS_KEY_PREFIX}:{${game.id}}:m:1`)).toEqual({
        n: "TiredMonkey",
        l: "1",
        s: "35",
        c: "91",
        w: "2",
      });
    }
    const read = await http.query<{ game: ApiGame }>(GAME, { id: game.id });
    expect(read.data?.game.currentMonster).toMatchObject({ name: "TiredMonkey", life: 1 });
    expect(read.data?.game.version).toBe(1);

    // Make every other monster a harmless 1-life pushover, then bombs and boomerangs win the bestiary.
    for (const n of [2, 3, 4, 5, 6]) {
      const r = await authed.mutate<{ updateMonster: { userErrors: ApiUserError[] } }>(
        UPDATE_MONSTER,
        {
          monsterId: monsterIdIn(game.id, n),
          patch: { life: 1, strength: 0, charisma: 0, weapon: 0 },
        },
      );
      expect(r.errors).toEqual([]);
      expect(r.data?.updateMonster.userErrors).toEqual([]);
    }
    let state = (await http.query<{ game: ApiGame }>(GAME, { id: game.id })).data!.game;
    const died: string[] = [];
    for (let i = 0; i < 100 && state.status !== "VICTORY"; i++) {
      const result = await authed.mutate<Attacked>(ATTACK, {
        gameId: game.id,
        weapon: state.rabbit.bombs > 0 ? "BOMB" : "BOOMERANG",
      });
      expect(result.errors).toEqual([]);
      died.push(
        ...result.data!.attack.events.flatMap((e) =>
          e.__typename === "CreatureDiedEvent" && e.role === "MONSTER"
            ? [e.creatureName as string]
            : [],
        ),
      );
      state = result.data!.attack.game;
    }
    expect(state.status).toBe("VICTORY");
    expect(died).toEqual([
      "TiredMonkey",
      "DwarvenAngel",
      "AssistantViceTentacleAndOmbudsman",
      "TeethDeer",
      "IntrepidDecomposedCyclist",
      "Dragon",
    ]);
  }, 60_000);

  it("refuses an attack whose expectedTurn is past, with CONFLICT and nothing applied", async () => {
    const http = httpClient(server.url);
    const started = await http.mutate<Started>(START_GAME, { input: { seed: 9 } });
    const { playerToken, game } = started.data!.startGame;
    const authed = httpClient(server.url, playerToken);
    const attack = `mutation($gameId: ID!, $turn: Int) {
      attack(input: { gameId: $gameId, weapon: BOOMERANG, expectedTurn: $turn }) {
        game { turn } events { turn } userErrors { code field message }
      }
    }`;
    const first = await authed.mutate<{ attack: { game: { turn: number } } }>(attack, {
      gameId: game.id,
      turn: 0,
    });
    expect(first.errors).toEqual([]);
    expect(first.data?.attack).toMatchObject({ game: { turn: 1 }, userErrors: [] });
    const repeat = await authed.mutate(attack, { gameId: game.id, turn: 0 });
    expect(repeat).toEqual({
      data: {
        attack: {
          game: null,
          events: null,
          userErrors: [
            {
              code: "CONFLICT",
              field: ["input", "expectedTurn"],
              message: `Game ${game.id} is at turn 1, not at turn 0 as expected; nothing was applied.`,
            },
          ],
        },
      },
      errors: [],
    });
    const read = await http.query<{ game: ApiGame }>(GAME, { id: game.id });
    expect(read.data?.game.turn).toBe(1);
  });

  it("reads a game by its id through node(id:), as a client cache refetches it; an unknown id is null", async () => {
    const http = httpClient(server.url);
    const started = await http.mutate<Started>(START_GAME, { input: { seed: 6 } });
    const { game } = started.data!.startGame;
    const NODE = `query ($id: ID!) { node(id: $id) { __typename id ... on Game { turn status } } }`;
    const read = await http.query<{ node: unknown }>(NODE, { id: game.id });
    expect(read).toEqual({
      data: { node: { __typename: "Game", id: game.id, turn: 0, status: "IN_PROGRESS" } },
      errors: [],
    });
    for (const id of ["no-such-game", "}", ""]) {
      expect(await http.query<{ node: unknown }>(NODE, { id })).toEqual({
        data: { node: null },
        errors: [],
      });
    }
  });

  it("abandons a game: every key of it is gone and it reads as null", async () => {
    const http = httpClient(server.url);
    const started = await http.mutate<Started>(START_GAME, { input: { seed: 5 } });
    const { playerToken, game } = started.data!.startGame;
    const authed = httpClient(server.url, playerToken);
    const attacked = await authed.mutate<Attacked>(ATTACK, {
      gameId: game.id,
      weapon: "BOOMERANG",
    });
    expect(attacked.errors).toEqual([]);
    const pattern = `${env.REDIS_KEY_PREFIX}:{${game.id}}:*`;
    if (redis) {
      // game, array, events and the six monsters of the bestiary (the rabbit is in the game hash).
      const base = `${env.REDIS_KEY_PREFIX}:{${game.id}}`;
      const monsters = ["1", "2", "3", "4", "5", "6"].map((id) => `${base}:m:${id}`);
      expect(await keysUnder(redis, pattern)).toEqual(
        [`${base}:g`, `${base}:a`, `${base}:e`, ...monsters].sort(),
      );
    }

    const watcher = wsClient(server.wsUrl);
    const subscription = wsSubscribe<{ battleTurns: ApiTurn }>(watcher, BATTLE_TURNS, {
      gameId: game.id,
      fromTurn: 0,
    });
    // Turn 0 (the emergence) and turn 1, replayed: the subscription is live.
    const replayed = await subscription.waitFor(2);
    expectTurns(
      replayed.map((r) => r.battleTurns),
      [turnOf(started.data!.startGame), turnOf(attacked.data!.attack)],
    );

    const abandoned = await authed.mutate(ABANDON, { gameId: game.id });
    expect(abandoned).toEqual({
      data: { abandonGame: { abandonedGameId: game.id, userErrors: [] } },
      errors: [],
    });
    // The subscription to the abandoned game completes, without error.
    await subscription.waitUntil(() => false, 5_000);
    expect(subscription.completed).toBe(true);
    expect(subscription.errors).toEqual([]);
    await watcher.dispose();
    expect(
      (await http.query<{ game: ApiGame | null }>(GAME, { id: game.id })).data?.game,
    ).toBeNull();
    if (redis) expect(await keysUnder(redis, pattern)).toEqual([]);
    const again = await authed.mutate(ABANDON, { gameId: game.id });
    expect(again).toEqual({
      data: {
        abandonGame: {
          abandonedGameId: null,
          userErrors: [
            {
              code: "GAME_NOT_FOUND",
              field: ["input", "gameId"],
              message: `There is no game "${game.id}".`,
            },
          ],
        },
      },
      errors: [],
    });
  }, 30_000);

  it(`reports ${storeName} as its store on /readyz`, () => {
    return fetch(server.url.replace("/graphql", "/readyz"))
      .then((r) => r.json())
      .then((body) =>
        expect(body).toEqual({ status: "ready", store: env.REDIS_URL ? "redis" : "memory" }),
      );
  });
});
