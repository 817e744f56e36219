/**
 * A tampered store, as an operator's mistake or a bad migration would leave it (issue 17): numbers
 * Redis holds but the rules or the schema cannot, and a log entry of an unknown event type. The
 * real server answers CORRUPT_GAME over HTTP and WebSocket, writes nothing, and stays up.
 */
import type { Redis } from "ioredis";
import { keysOf, snapshot } from "../integration/redis-support";
import { rawClient, testRedisUrl, uniquePrefix } from "../support/redis";
import { httpClient, wsClient, wsOnce, wsSubscribe, type Outcome } from "./support/clients";
import { ATTACK, BATTLE_TURNS, GAME, START_GAME, type ApiGame } from "./support/operations";
import { startServerProcess, type ServerProcess } from "./support/server-process";

jest.setTimeout(60_000);

type Started = { startGame: { playerToken: string; game: ApiGame } };
type Keys = ReturnType<typeof keysOf>;

const RECENT_EVENTS = `query Recent($id: ID!) { game(id: $id) { events(last: 50) { nodes { message } } } }`;

/** The codes of an outcome's errors, and whether data came with them. */
function refusal(outcome: Outcome<unknown>): { codes: (string | undefined)[]; data: unknown } {
  return { codes: outcome.errors.map((e) => e.extensions?.code), data: outcome.data ?? null };
}

/** Not an expected outcome of attack: a top-level error, the (nullable) payload null. */
const CORRUPT = { codes: ["CORRUPT_GAME"], data: { attack: null } };
/** `game` is nullable: a read refused leaves it null beside the error. */
const CORRUPT_READ = { codes: ["CORRUPT_GAME"], data: { game: null } };

describe("a tampered store", () => {
  const prefix = uniquePrefix();
  let server: ServerProcess;
  let raw: Redis;

  beforeAll(async () => {
    raw = rawClient();
    server = await startServerProcess({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix });
  });
  afterAll(async () => {
    await server?.stop();
    await raw?.quit();
  });

  /** A fresh game on the server, its keys and token. */
  async function freshGame(): Promise<{ id: string; token: string; k: Keys }> {
    const started = await httpClient(server.url).mutate<Started>(START_GAME, {
      input: { seed: 5 },
    });
    const { playerToken, game } = started.data!.startGame;
    return { id: game.id, token: playerToken, k: keysOf(prefix, game.id) };
  }

  async function expectUp(): Promise<void> {
    expect((await fetch(server.url.replace("/graphql", "/readyz"))).status).toBe(200);
  }

  it.each<[string, (k: Keys) => Promise<unknown>]>([
    ["HSET <game> t (turn) 3000000000", (k) => raw.hset(k.game, "t", "3000000000")],
    [
      "HSET <monster> l (life) 9999999999999999",
      (k) => raw.hset(k.monster("1"), "l", "9999999999999999"),
    ],
    [
      "HSET <game> ca (createdAt) 9999999999999999",
      (k) => raw.hset(k.game, "ca", "9999999999999999"),
    ],
  ])(
    "%s: CORRUPT_GAME for game and attack over HTTP and WebSocket, nothing written",
    async (_name, tamper) => {
      const { id, token, k } = await freshGame();
      await tamper(k);
      const before = await snapshot(raw, prefix, id);

      const http = httpClient(server.url, token);
      expect(refusal(await http.mutate(ATTACK, { gameId: id, weapon: "BOMB" }))).toEqual(CORRUPT);
      expect(refusal(await http.query(GAME, { id }))).toEqual(CORRUPT_READ);

      const ws = wsClient(server.wsUrl, token);
      try {
        expect(refusal(await wsOnce(ws, ATTACK, { gameId: id, weapon: "BOMB" }))).toEqual(CORRUPT);
        expect(refusal(await wsOnce(ws, GAME, { id }))).toEqual(CORRUPT_READ);
        // A watcher catching up reads the game after the last turn from the store too.
        const watch = wsSubscribe(ws, BATTLE_TURNS, { gameId: id, fromTurn: 0 });
        await watch.waitUntil(() => false, 5_000);
        expect({ items: watch.items, codes: watch.errors.map((e) => e.extensions?.code) }).toEqual({
          items: [],
          codes: ["CORRUPT_GAME"],
        });
      } finally {
        await ws.dispose();
      }

      expect(await snapshot(raw, prefix, id)).toEqual(before);
      await expectUp();
    },
  );

  it("a log entry of an unknown event type: the log (Game.events) and catch-up are CORRUPT_GAME, nothing written", async () => {
    const { id, token, k } = await freshGame();
    await raw.rpush(k.events, '{"type":"RabbitSneezed","turn":1,"message":"[Achoo!]"}');
    const before = await snapshot(raw, prefix, id);

    const http = httpClient(server.url, token);
    expect(refusal(await http.query(RECENT_EVENTS, { id }))).toEqual(CORRUPT_READ);
    const ws = wsClient(server.wsUrl, token);
    try {
      expect(refusal(await wsOnce(ws, RECENT_EVENTS, { id }))).toEqual(CORRUPT_READ);
      const watch = wsSubscribe(ws, BATTLE_TURNS, { gameId: id, fromTurn: 0 });
      await watch.waitUntil(() => false, 5_000);
      expect({ items: watch.items, codes: watch.errors.map((e) => e.extensions?.code) }).toEqual({
        items: [],
        codes: ["CORRUPT_GAME"],
      });
    } finally {
      await ws.dispose();
    }

    expect(await snapshot(raw, prefix, id)).toEqual(before);
    await expectUp();
  });
});
