/**
 * Player tokens against the real server (`node dist/main.js`) on Redis, over HTTP (Authorization
 * header) and WebSocket (connectionParams.authorization): attack, updateMonster and abandonGame
 * are refused without the game's own token, with the exact code and nothing changed (the game read
 * through `game` and every key under the server's Redis prefix); with it they work. Reading and
 * watching need no token. The token is 256 random bits in base64url and only its SHA-256 is stored.
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { rawClient, testRedisUrl, uniquePrefix } from "../support/redis";
import {
  ABANDON_GAME,
  ATTACK,
  BATTLE_TURNS,
  GAME_STATE,
  START_GAME,
  UPDATE_MONSTER,
  clearAndQuit,
  postGraphQL,
  redisSnapshot,
  wsClientWithParams,
  wsOutcome,
  type Operation,
  type RedisSnapshot,
} from "./support/bad-input-cases";
import { httpClient, wsClient, wsSubscribe, type ReceivedError } from "./support/clients";
import { monsterIdIn } from "./support/operations";
import { startServerProcess, type ServerProcess } from "./support/server-process";

jest.setTimeout(30_000);

interface StartedGame {
  id: string;
  token: string;
}

interface StartGameData {
  startGame: { playerToken: string; game: { id: string; turn: number } };
}

/** A turn as BATTLE_TURNS (bad-input-cases) reads it. */
interface WatchedTurn {
  turn: number;
  events: { __typename: string; turn: number; message: string }[];
  game: { id: string; turn: number; version: number } | null;
}

type Transport = "HTTP" | "WebSocket";

/** The three operations that need the player's token, aimed at a game. */
const GUARDED: readonly { name: string; build: (gameId: string) => Operation }[] = [
  {
    name: "attack",
    build: (gameId) => ({ query: ATTACK, variables: { gameId, weapon: "BOMB" } }),
  },
  {
    name: "updateMonster",
    build: (gameId) => ({
      query: UPDATE_MONSTER,
      variables: { monsterId: monsterIdIn(gameId, 2), patch: { name: "Hijacked", life: 1 } },
    }),
  },
  {
    name: "abandonGame",
    build: (gameId) => ({ query: ABANDON_GAME, variables: { gameId } }),
  },
];

/** Authorization values that must not pass, given the target game and another one. */
const REFUSED: readonly {
  name: string;
  authorization: (target: StartedGame, other: StartedGame) => string | undefined;
  code: "UNAUTHENTICATED" | "FORBIDDEN";
}[] = [
  { name: "no token", authorization: () => undefined, code: "UNAUTHENTICATED" },
  {
    name: "another game's token",
    authorization: (_t, other) => `Bearer ${other.token}`,
    code: "FORBIDDEN",
  },
  {
    name: "a garbage token",
    authorization: () => "Bearer not-a-player-token-at-all",
    code: "FORBIDDEN",
  },
  {
    name: 'the right token under another scheme ("Token <token>")',
    authorization: (target) => `Token ${target.token}`,
    code: "UNAUTHENTICATED",
  },
  { name: '"Bearer" alone', authorization: () => "Bearer", code: "UNAUTHENTICATED" },
  {
    name: "the right token without a scheme",
    authorization: (target) => target.token,
    code: "UNAUTHENTICATED",
  },
];

/**
 * Waits (up to `totalMs`) for `count` items of a wsSubscribe, in short steps: its own waitFor
 * leaves its whole timeout pending as a timer, which would keep jest from exiting.
 */
async function itemsOf<T>(
  subscription: { waitFor(count: number, timeoutMs?: number): Promise<T[]>; completed: boolean },
  count: number,
  totalMs = 5_000,
): Promise<T[]> {
  const deadline = Date.now() + totalMs;
  let items = await subscription.waitFor(count, 100);
  while (items.length < count && !subscription.completed && Date.now() < deadline) {
    items = await subscription.waitFor(count, 100);
  }
  return items;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("base64url");

describe("auth: only the game's player token attacks, updates monsters and abandons", () => {
  const prefix = uniquePrefix();
  let server: ServerProcess;
  let redis: Redis;
  let gameA: StartedGame;
  let gameB: StartedGame;
  /** Every token the suite was given, to look for in Redis at the end. */
  const issued: string[] = [];

  async function startGame(seed: number): Promise<StartedGame> {
    const result = await httpClient(server.url).mutate<StartGameData>(START_GAME, {
      input: { seed },
    });
    expect(result.errors).toEqual([]);
    const { playerToken, game } = result.data!.startGame;
    issued.push(playerToken);
    return { id: game.id, token: playerToken };
  }

  async function observe(gameId: string): Promise<{ game: unknown; redis: RedisSnapshot }> {
    const read = await httpClient(server.url).query(GAME_STATE, { id: gameId });
    expect(read.errors).toEqual([]);
    return { game: read.data, redis: await redisSnapshot(redis, prefix) };
  }

  const gameKey = (gameId: string, suffix: string) => `${prefix}:{${gameId}}:${suffix}`;

  /** Sends an operation with the given Authorization value (none when undefined). */
  async function send(
    transport: Transport,
    operation: Operation,
    authorization: string | undefined,
  ): Promise<{ data?: unknown; errors: ReceivedError[] }> {
    if (transport === "HTTP") {
      if (authorization === undefined) {
        return httpClient(server.url).mutate(operation.query, operation.variables);
      }
      const answer = await postGraphQL(server.url, operation, authorization);
      expect(answer.status).toBe(200);
      return { data: answer.body?.data, errors: answer.body?.errors ?? [] };
    }
    const client =
      authorization === undefined
        ? wsClient(server.wsUrl)
        : wsClientWithParams(server.wsUrl, { authorization });
    const outcome = await wsOutcome(client, operation);
    expect(outcome.closed).toBeUndefined();
    return outcome;
  }

  beforeAll(async () => {
    redis = rawClient();
    server = await startServerProcess({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix });
    gameA = await startGame(101);
    gameB = await startGame(202);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    if (redis) await clearAndQuit(redis, prefix);
  });

  describe("the player token", () => {
    it("is at least 43 characters of base64url, one per game", () => {
      for (const { token } of [gameA, gameB]) expect(token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      expect(gameA.token).not.toBe(gameB.token);
      // 32 random bytes.
      expect(Buffer.from(gameA.token, "base64url")).toHaveLength(32);
    });

    it("is stored only as its SHA-256, in the game hash's tk (token hash)", async () => {
      for (const game of [gameA, gameB]) {
        const hash = await redis.hgetall(gameKey(game.id, "g"));
        expect(hash.tk).toBe(sha256(game.token));
        expect(Object.values(hash)).not.toContain(game.token);
      }
    });

    it("is not readable through the game query", async () => {
      const read = await httpClient(server.url).query(GAME_STATE, { id: gameA.id });
      const text = JSON.stringify(read);
      expect(text).not.toContain(gameA.token);
      expect(text).not.toContain(sha256(gameA.token));
    });
  });

  describe.each<Transport>(["HTTP", "WebSocket"])("refused over %s", (transport) => {
    const rows = GUARDED.flatMap((operation) =>
      REFUSED.map(
        (credential) => [operation.name, credential.name, operation, credential] as const,
      ),
    );

    it.each(rows)("%s with %s", async (_operationName, _credentialName, operation, credential) => {
      const before = await observe(gameA.id);
      const outcome = await send(
        transport,
        operation.build(gameA.id),
        credential.authorization(gameA, gameB),
      );
      expect(await observe(gameA.id)).toEqual(before);
      // Not the operation's business: a top-level error, the (nullable) payload null.
      expect(outcome.data).toEqual({ [operation.name]: null });
      expect(outcome.errors.map((e) => e.extensions?.code)).toEqual([credential.code]);
    });
  });

  describe.each<Transport>(["HTTP", "WebSocket"])(
    "accepted over %s with the right token",
    (transport) => {
      /** HTTP through urql with the token; WebSocket through graphql-ws with connectionParams. */
      async function sendWithToken(operation: Operation, token: string) {
        if (transport === "HTTP") {
          return httpClient(server.url, token).mutate(operation.query, operation.variables);
        }
        const outcome = await wsOutcome(wsClient(server.wsUrl, token), operation);
        expect(outcome.closed).toBeUndefined();
        return outcome;
      }

      it("attack plays a turn", async () => {
        const game = await startGame(303);
        const result = await sendWithToken(GUARDED[0]!.build(game.id), game.token);
        expect(result.errors).toEqual([]);
        expect(result.data).toMatchObject({
          attack: { game: { id: game.id, turn: 1, version: 1 }, userErrors: [] },
        });
        expect(await redis.hget(gameKey(game.id, "g"), "t")).toBe("1");
        expect(await redis.hget(gameKey(game.id, "g"), "rb")).toBe("2");
      });

      it("updateMonster changes the monster", async () => {
        const game = await startGame(404);
        const result = await sendWithToken(GUARDED[1]!.build(game.id), game.token);
        expect(result.errors).toEqual([]);
        expect(result.data).toMatchObject({
          updateMonster: {
            monster: { id: monsterIdIn(game.id, 2), name: "Hijacked", life: 1 },
            game: { id: game.id, version: 1 },
            userErrors: [],
          },
        });
        expect(await redis.hgetall(gameKey(game.id, "m:2"))).toMatchObject({
          n: "Hijacked",
          l: "1",
        });
      });

      it("abandonGame deletes the game and all its keys", async () => {
        const game = await startGame(505);
        expect(await redis.exists(gameKey(game.id, "g"))).toBe(1);
        const result = await sendWithToken(GUARDED[2]!.build(game.id), game.token);
        expect(result).toEqual({
          data: { abandonGame: { abandonedGameId: game.id, userErrors: [] } },
          errors: [],
        });
        const read = await httpClient(server.url).query(GAME_STATE, { id: game.id });
        expect(read).toEqual({ data: { game: null }, errors: [] });
        const left = Object.keys(await redisSnapshot(redis, prefix)).filter((k) =>
          k.includes(`{${game.id}}`),
        );
        expect(left).toEqual([]);
      });
    },
  );

  it('accepts the capitalised connectionParams key "Authorization" over WebSocket', async () => {
    const game = await startGame(606);
    const outcome = await wsOutcome(
      wsClientWithParams(server.wsUrl, { Authorization: `Bearer ${game.token}` }),
      GUARDED[0]!.build(game.id),
    );
    expect(outcome.errors).toEqual([]);
    expect(outcome.data).toMatchObject({ attack: { game: { turn: 1 } } });
  });

  describe("reading and watching need no token", () => {
    it("reads a game over HTTP without a token", async () => {
      const read = await httpClient(server.url).query<{ game: { id: string } }>(GAME_STATE, {
        id: gameA.id,
      });
      expect(read.errors).toEqual([]);
      expect(read.data?.game.id).toBe(gameA.id);
    });

    it("reads a game over WebSocket without a token", async () => {
      const outcome = await wsOutcome(wsClient(server.wsUrl), {
        query: GAME_STATE,
        variables: { id: gameA.id },
      });
      expect(outcome.errors).toEqual([]);
      expect(outcome.data).toMatchObject({ game: { id: gameA.id, turn: 0 } });
    });

    it("watches a game over WebSocket without a token, history and live turns", async () => {
      const game = await startGame(707);
      const watcher = wsClient(server.wsUrl);
      const subscription = wsSubscribe<{ battleTurns: WatchedTurn }>(watcher, BATTLE_TURNS, {
        gameId: game.id,
        fromTurn: 0,
      });
      try {
        // The history: turn 0 alone, the last of its replay, so with the game after it.
        const history = await itemsOf(subscription, 1);
        expect(subscription.errors).toEqual([]);
        expect(history.map((i) => i.battleTurns)).toEqual([
          {
            turn: 0,
            events: [
              {
                __typename: "MonsterEmergedEvent",
                turn: 0,
                message: "[Get ready. IndustrialRaverMonkey has emerged!]",
              },
            ],
            game: { id: game.id, turn: 0, version: 0 },
          },
        ]);

        const attack = await httpClient(server.url, game.token).mutate<{
          attack: {
            game: WatchedTurn["game"];
            events: { turn: number; message: string }[];
          };
        }>(ATTACK, { gameId: game.id, weapon: "BOOMERANG" });
        expect(attack.errors).toEqual([]);
        const live = attack.data!.attack.events;
        expect(live.length).toBeGreaterThan(0);
        expect(live.every((e) => e.turn === 1)).toBe(true);
        const items = await itemsOf(subscription, 2);
        expect(subscription.errors).toEqual([]);
        // Turn 1, live: one message with exactly the attack's events and the game it left.
        expect(items).toHaveLength(2);
        const played = items[1]!.battleTurns;
        expect(played.turn).toBe(1);
        expect(played.events.map(({ turn, message }) => ({ turn, message }))).toEqual(live);
        expect(played.game).toEqual(attack.data!.attack.game);
        expect(played.game).toMatchObject({ id: game.id, turn: 1 });
      } finally {
        subscription.unsubscribe();
        await watcher.dispose();
      }
    });
  });

  it("no token the suite was given appears anywhere under the Redis prefix", async () => {
    const stored = JSON.stringify(await redisSnapshot(redis, prefix));
    expect(issued.length).toBeGreaterThanOrEqual(2);
    for (const token of issued) {
      expect(stored).not.toContain(token);
      expect(stored).not.toContain(Buffer.from(token, "base64url").toString("hex"));
    }
    // The hashes of the games still there are.
    expect(stored).toContain(sha256(gameA.token));
    expect(stored).toContain(sha256(gameB.token));
  });
});
