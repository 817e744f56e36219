import fc from "fast-check";
import { rawClient } from "../support/redis";
import { startRedisServer, type RedisServer } from "../support/redis-server";
import { httpClient } from "./support/clients";
import { ATTACK, BATTLE_TURNS, START_GAME, type ApiGame } from "./support/operations";
import { gauges, openRawSocket, type ProtocolMessage, type RawSocket } from "./support/raw-socket";
import { startServerProcess, type ServerProcess } from "./support/server-process";

/**
 * Every live operation ends when its client completes it or its socket closes, whatever the
 * order of messages and whatever the payload: the real server process on a real Redis, driven by
 * hand-written protocol messages, then checked back to zero (the server's gauges of subscriptions,
 * connections and watched games, and the game's channel on Redis).
 */
const CAP = 5;
const KEY_PREFIX = "live-lifecycle";

let redis: RedisServer;
let server: ServerProcess;

beforeAll(async () => {
  redis = await startRedisServer();
  server = await startServerProcess({
    REDIS_URL: redis.url,
    KEY_PREFIX,
    WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: String(CAP),
    WS_MAX_CONNECTIONS_PER_CLIENT: "1000",
    MAX_WS_MESSAGE_BYTES: "204800",
    // The slow reader below sends thousands of queries.
    RATE_LIMITING: "false",
  });
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await redis?.stop();
});

type Started = { startGame: { playerToken: string; game: ApiGame } };

async function startGame(): Promise<{ gameId: string; playerToken: string }> {
  const started = await httpClient(server.url).mutate<Started>(START_GAME, {
    input: {
      seed: 11,
      monsters: [{ name: "Endless", life: 1_000_000, strength: 0, charisma: 0, weapon: 0 }],
    },
  });
  const { playerToken, game } = started.data!.startGame;
  return { gameId: game.id, playerToken };
}

async function attack(gameId: string, playerToken: string): Promise<void> {
  const result = await httpClient(server.url, playerToken).mutate(ATTACK, {
    gameId,
    weapon: "LETTUCE",
  });
  expect(result.errors).toEqual([]);
}

/** Subscribers of the game's channel on Redis (every instance's listener is one). */
async function channelSubscribers(gameId: string): Promise<number> {
  const raw = rawClient(redis.url);
  try {
    const reply = (await raw.pubsub("NUMSUB", `${KEY_PREFIX}:{${gameId}}:b`)) as [string, number];
    return Number(reply[1]);
  } finally {
    raw.disconnect();
  }
}

/** Waits (bounded) until the server holds nothing live: no subscription, socket or listener. */
async function expectBackToZero(gameId: string): Promise<void> {
  const zero = { subscriptions: 0, connections: 0, watchedGames: 0, channel: 0 };
  let seen: typeof zero = { ...zero, subscriptions: NaN };
  for (let i = 0; i < 100; i++) {
    seen = {
      ...(await gauges(server.url)),
      channel: await channelSubscribers(gameId),
    } as typeof zero;
    if (JSON.stringify(seen) === JSON.stringify(zero)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(seen).toEqual(zero);
}

const subscribe = (id: string, gameId: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "subscribe",
  payload: { query: BATTLE_TURNS, variables: { gameId, ...extra } },
});

const nexts = (socket: RawSocket, id: string): ProtocolMessage[] =>
  socket.of(id).filter((m) => m.type === "next");

describe("live operations over WebSocket end, whatever the client sends", () => {
  it("subscribe, complete, subscribe with one id in a burst, then complete: nothing is orphaned", async () => {
    const { gameId, playerToken } = await startGame();
    const socket = await openRawSocket(server.wsUrl);
    for (let round = 0; round < 30; round++) {
      const id = `op-${round}`;
      socket.send(subscribe(id, gameId));
      socket.send({ id, type: "complete" });
      socket.send(subscribe(id, gameId));
      await new Promise((r) => setTimeout(r, 20));
      socket.send({ id, type: "complete" });
      // Never more than the cap, whatever is still being set up.
      expect((await gauges(server.url)).subscriptions).toBeLessThanOrEqual(CAP);
    }
    await socket.waitUntil(() => false, 300);
    const live = await gauges(server.url);
    expect(live).toMatchObject({ subscriptions: 0, watchedGames: 0 });

    // A subscription after all that works, and is the only one served.
    socket.send(subscribe("last", gameId));
    await waitForListening(1);
    await attack(gameId, playerToken);
    expect(await socket.waitUntil(() => nexts(socket, "last").length === 1)).toBe(true);
    const served = socket.received.filter((m) => m.type === "next").map((m) => m.id);
    expect(served).toEqual(["last"]);
    await socket.close();
    await expectBackToZero(gameId);
  }, 60_000);

  it("refuses the operation one over the cap, counting those still being set up", async () => {
    const { gameId, playerToken } = await startGame();
    const socket = await openRawSocket(server.wsUrl);
    for (let i = 0; i < CAP + 3; i++) socket.send(subscribe(`s${i}`, gameId));
    await socket.waitUntil((r) => r.filter((m) => m.type === "error").length === 3);
    const refused = socket.received.filter((m) => m.type === "error");
    expect(refused.map((m) => m.id)).toEqual([`s${CAP}`, `s${CAP + 1}`, `s${CAP + 2}`]);
    expect(
      refused.map((m) => (m.payload as { extensions: { code: string } }[])[0]?.extensions.code),
    ).toEqual(["TOO_MANY_SUBSCRIPTIONS", "TOO_MANY_SUBSCRIPTIONS", "TOO_MANY_SUBSCRIPTIONS"]);
    await waitForListening(CAP);
    await attack(gameId, playerToken);
    await socket.waitUntil((r) => r.filter((m) => m.type === "next").length === CAP);
    expect(socket.received.filter((m) => m.type === "next").map((m) => m.id)).toEqual(
      Array.from({ length: CAP }, (_, i) => `s${i}`),
    );
    await socket.close();
    await expectBackToZero(gameId);
  }, 30_000);

  it("a payload nested 40,000 deep fails that operation alone (or runs it), never the socket", async () => {
    const { gameId, playerToken } = await startGame();
    const socket = await openRawSocket(server.wsUrl);
    socket.send(subscribe("good", gameId));
    await waitForListening(1);
    const deep = `${"[".repeat(40_000)}${"]".repeat(40_000)}`;
    // Unused variable: ignored, as over HTTP. Declared variable: refused with BAD_USER_INPUT.
    socket.sendText(
      `{"id":"unused","type":"subscribe","payload":{"query":${JSON.stringify(BATTLE_TURNS)},"variables":{"gameId":${JSON.stringify(gameId)},"junk":${deep}}}}`,
    );
    socket.sendText(
      `{"id":"declared","type":"subscribe","payload":{"query":${JSON.stringify(BATTLE_TURNS)},"variables":{"gameId":${deep}}}}`,
    );
    await socket.waitUntil((r) => r.some((m) => m.id === "declared"));
    expect(socket.of("declared")).toEqual([
      {
        id: "declared",
        type: "error",
        payload: [expect.objectContaining({ extensions: { code: "BAD_USER_INPUT" } })],
      },
    ]);
    await waitForListening(2);
    await attack(gameId, playerToken);
    await socket.waitUntil(
      () => nexts(socket, "good").length === 1 && nexts(socket, "unused").length === 1,
    );
    expect(nexts(socket, "good")).toHaveLength(1);
    expect(nexts(socket, "unused")).toHaveLength(1);
    await socket.close();
    await expectBackToZero(gameId);
  }, 30_000);

  it("closes with 1013 a connection that leaves megabytes unread, ending its operations at once", async () => {
    const { gameId } = await startGame();
    const socket = await openRawSocket(server.wsUrl);
    socket.send(subscribe("live", gameId));
    await waitForListening(1);
    socket.pause();
    // About 8 KB an answer; a few at a time, under the operations cap.
    const fields = "name life strength charisma weapon";
    const query = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: bestiary { ${fields} }`).join(" ")} }`;
    let sent = 0;
    for (; sent < 4_000 && (await gauges(server.url)).subscriptions === 1; sent += 4) {
      for (let i = 0; i < 4; i++)
        socket.send({ id: `q${sent + i}`, type: "subscribe", payload: { query } });
      await new Promise((r) => setTimeout(r, 5));
    }
    // The server gave up on it before 4,000 answers (32 MB): its subscription ended at once,
    // though the socket waits for the client to read its way to the close.
    expect(sent).toBeLessThan(4_000);
    expect((await gauges(server.url)).subscriptions).toBe(0);
    // What the client still sends before it reads the close starts nothing.
    socket.send(subscribe("late", gameId));
    await new Promise((r) => setTimeout(r, 300));
    expect((await gauges(server.url)).subscriptions).toBe(0);
    socket.resume();
    expect(await socket.closed).toEqual({
      code: 1013,
      reason: "Too slow: the connection does not read its messages",
    });
    await expectBackToZero(gameId);
  }, 60_000);

  it("speaks the protocol: pong with the ping's payload, 4409 for an id in use, 4429 for a second init", async () => {
    const { gameId } = await startGame();
    const pinged = await openRawSocket(server.wsUrl);
    pinged.send({ type: "ping", payload: { at: 1 } });
    await pinged.waitUntil((r) => r.some((m) => m.type === "pong"));
    expect(pinged.received.filter((m) => m.type === "pong")).toEqual([
      { type: "pong", payload: { at: 1 } },
    ]);
    pinged.send({ type: "connection_init" });
    expect(await pinged.closed).toEqual({ code: 4429, reason: "Too many initialisation requests" });

    const twice = await openRawSocket(server.wsUrl);
    twice.send(subscribe("same", gameId));
    twice.send(subscribe("same", gameId));
    expect(await twice.closed).toEqual({
      code: 4409,
      reason: "Subscriber for same already exists",
    });
    await expectBackToZero(gameId);
  }, 30_000);

  it("randomized: any interleaving of subscribe, complete, bad payloads and close ends at zero", async () => {
    const { gameId, playerToken } = await startGame();
    const ids = ["a", "b", "c"];
    const step = fc.oneof(
      fc.record({
        kind: fc.constant("subscribe" as const),
        id: fc.constantFrom(...ids),
        fromTurn: fc.option(fc.nat(3), { nil: undefined }),
      }),
      fc.record({ kind: fc.constant("complete" as const), id: fc.constantFrom(...ids) }),
      fc.record({
        kind: fc.constant("bad" as const),
        id: fc.constantFrom(...ids),
        payload: fc.constantFrom(
          { query: "subscription { battleTurns(gameId: 1) { nope } }" },
          { query: "{" },
          { query: BATTLE_TURNS, variables: { gameId: "no-such-game" } },
          { query: BATTLE_TURNS, variables: { gameId, fromTurn: -1 } },
          { query: BATTLE_TURNS, variables: { gameId: [[[[["deep"]]]]] } },
          { query: "query { bestiary { name } }" },
        ),
      }),
      fc.record({ kind: fc.constant("garbage" as const) }),
      fc.record({ kind: fc.constant("attack" as const) }),
      fc.record({ kind: fc.constant("wait" as const), ms: fc.integer({ min: 0, max: 30 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const socket = await openRawSocket(server.wsUrl);
        for (const s of steps) {
          if (s.kind === "subscribe") {
            socket.send(
              subscribe(s.id, gameId, s.fromTurn === undefined ? {} : { fromTurn: s.fromTurn }),
            );
          } else if (s.kind === "complete") socket.send({ id: s.id, type: "complete" });
          else if (s.kind === "bad")
            socket.send({ id: s.id, type: "subscribe", payload: s.payload });
          else if (s.kind === "garbage") socket.sendText("{not json");
          else if (s.kind === "attack") await attack(gameId, playerToken);
          else await new Promise((r) => setTimeout(r, s.ms));
        }
        await socket.close();
        await expectBackToZero(gameId);
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});

/** Waits (bounded) until the server counts `count` live subscriptions. */
async function waitForListening(count: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await gauges(server.url)).subscriptions === count) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  expect((await gauges(server.url)).subscriptions).toBe(count);
}
