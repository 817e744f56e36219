/**
 * The limits a WebSocket or HTTP client meets, on the real server over Redis: operations per
 * connection, connections per client, the connection_init deadline, and the HTTP timeouts that
 * cut off a slow client. Every wait is for a condition (an answer, a close), never a fixed time.
 */
import net from "node:net";
import WebSocket from "ws";
import { rawClient, testRedisUrl, uniquePrefix } from "../support/redis";
import { clearAndQuit, postGraphQL } from "./support/bad-input-cases";
import { wsClient, wsOnce, wsSubscribe } from "./support/clients";
import {
  ATTACK,
  BATTLE_TURNS,
  expectTurns,
  START_GAME,
  turnOf,
  type ApiEvent,
  type ApiGame,
  type ApiTurn,
} from "./support/operations";
import { startServerProcess, type ServerProcess } from "./support/server-process";

jest.setTimeout(60_000);

const PROTOCOL = "graphql-transport-ws";
const INIT = JSON.stringify({ type: "connection_init", payload: {} });

/** How a raw WebSocket ended up: acknowledged (still open), or closed with a code. */
type RawOutcome =
  { acked: true; socket: WebSocket } | { acked: false; code: number; reason: string };

/** Where a raw socket comes from: a local address, and the X-Forwarded-For a proxy would add. */
interface RawFrom {
  localAddress?: string;
  forwardedFor?: string;
}

/** Opens a raw graphql-ws socket (from `from` when given) and sends connection_init. */
function openRaw(url: string, from: RawFrom = {}): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, PROTOCOL, {
      ...(from.localAddress ? { localAddress: from.localAddress } : {}),
      ...(from.forwardedFor ? { headers: { "x-forwarded-for": from.forwardedFor } } : {}),
    });
    socket.on("error", () => undefined);
    socket.on("open", () => socket.send(INIT));
    socket.on("message", (data: Buffer) => {
      if ((JSON.parse(data.toString()) as { type: string }).type === "connection_ack")
        resolve({ acked: true, socket });
    });
    socket.on("close", (code: number, reason: Buffer) =>
      resolve({ acked: false, code, reason: reason.toString() }),
    );
  });
}

function closeRaw(outcome: RawOutcome): Promise<void> {
  if (!outcome.acked || outcome.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    outcome.socket.once("close", () => resolve());
    outcome.socket.close(1000);
  });
}

/** The close a connection over WS_MAX_CONNECTIONS_PER_CLIENT gets (the rate budget's reason differs). */
const TOO_MANY_CONNECTIONS = {
  acked: false,
  code: 4429,
  reason: "Too many connections from this client",
} as const;

/**
 * Opens sockets from `from` until `count` are acknowledged (a socket of an earlier test may still be
 * closing on the server and hold a place meanwhile); pushes every socket it opened to `opened`.
 */
async function openAcked(
  url: string,
  from: RawFrom,
  count: number,
  opened: RawOutcome[],
): Promise<void> {
  const deadline = Date.now() + 10_000;
  let acked = 0;
  while (acked < count && Date.now() < deadline) {
    const outcome = await openRaw(url, from);
    opened.push(outcome);
    if (outcome.acked) acked++;
  }
  expect(acked).toBe(count);
}

describe("WebSocket and HTTP limits", () => {
  const prefix = uniquePrefix();
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess({
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: prefix,
      WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: "3",
      WS_MAX_CONNECTIONS_PER_CLIENT: "2",
      WS_CONNECTION_INIT_TIMEOUT_MS: "300",
      HTTP_HEADERS_TIMEOUT_MS: "300",
      HTTP_REQUEST_TIMEOUT_MS: "600",
      HTTP_KEEP_ALIVE_TIMEOUT_MS: "300",
    });
  });
  afterAll(async () => {
    await server?.stop();
    await clearAndQuit(rawClient(), prefix);
  });

  async function startGame(): Promise<{ gameId: string; token: string }> {
    const answer = await postGraphQL(server.url, {
      query: START_GAME,
      variables: { input: { seed: 3 } },
    });
    const { playerToken, game } = (
      answer.body?.data as { startGame: { playerToken: string; game: { id: string } } }
    ).startGame;
    return { gameId: game.id, token: playerToken };
  }

  /** Plays one turn; returns it as the feed must deliver it. */
  async function attack(gameId: string, token: string): Promise<ApiTurn> {
    const answer = await postGraphQL(
      server.url,
      { query: ATTACK, variables: { gameId, weapon: "BOOMERANG" } },
      `Bearer ${token}`,
    );
    expect(answer.body?.errors).toBeUndefined();
    return turnOf((answer.body?.data as { attack: { game: ApiGame; events: ApiEvent[] } }).attack);
  }

  it("refuses one operation too many on a connection with TOO_MANY_SUBSCRIPTIONS; the first ones keep receiving turns", async () => {
    const { gameId, token } = await startGame();
    const client = wsClient(server.wsUrl);
    try {
      // Operations that completed no longer count: five in a row on the same connection.
      for (let i = 0; i < 5; i++) {
        expect(await wsOnce(client, "{ __typename }")).toEqual({
          data: { __typename: "Query" },
          errors: [],
        });
      }
      const first = [1, 2, 3].map(() =>
        wsSubscribe<{ battleTurns: ApiTurn }>(client, BATTLE_TURNS, { gameId, fromTurn: 1 }),
      );
      const extra = wsSubscribe<unknown>(client, BATTLE_TURNS, { gameId, fromTurn: 1 });
      await extra.waitUntil(() => false, 10_000);
      expect(extra.completed).toBe(true);
      expect(extra.errors.map((e) => e.extensions?.code)).toEqual(["TOO_MANY_SUBSCRIPTIONS"]);
      // A query is an operation too: refused alike while three subscriptions run.
      expect(
        (await wsOnce(client, "{ __typename }")).errors.map((e) => e.extensions?.code),
      ).toEqual(["TOO_MANY_SUBSCRIPTIONS"]);

      // fromTurn 1: each gets every turn from the log, then live, however soon the attack comes.
      const played = [await attack(gameId, token)];
      for (const subscription of first) {
        await subscription.waitFor(1);
        expect(subscription.errors).toEqual([]);
        expect(subscription.completed).toBe(false);
        expectTurns(
          subscription.items.map((i) => i.battleTurns),
          played,
        );
      }

      // Completing one frees its place: a new subscription is served.
      first[0]!.unsubscribe();
      const replacement = wsSubscribe<{ battleTurns: ApiTurn }>(client, BATTLE_TURNS, {
        gameId,
        fromTurn: 1,
      });
      played.push(await attack(gameId, token));
      for (const subscription of [replacement, ...first.slice(1)]) {
        await subscription.waitFor(played.length);
        expect(subscription.errors).toEqual([]);
        expectTurns(
          subscription.items.map((i) => i.battleTurns),
          played,
        );
      }
    } finally {
      await client.dispose();
    }
  });

  it("closes a client's connection too many with 4429; another client, and a freed place, are served", async () => {
    const opened: RawOutcome[] = [];
    try {
      // Earlier tests' sockets may still be closing on the server: wait until two are acknowledged.
      const deadline = Date.now() + 10_000;
      while (opened.filter((o) => o.acked).length < 2 && Date.now() < deadline) {
        opened.push(await openRaw(server.wsUrl));
      }
      expect(opened.filter((o) => o.acked)).toHaveLength(2);

      const refused = await openRaw(server.wsUrl);
      opened.push(refused);
      expect(refused).toEqual({
        acked: false,
        code: 4429,
        reason: "Too many connections from this client",
      });

      // Another address is another client.
      const other = await openRaw(server.wsUrl, { localAddress: "127.0.0.2" });
      opened.push(other);
      expect(other.acked).toBe(true);

      // One of the two closes: a new connection of the first client is served again.
      await closeRaw(opened.find((o) => o.acked)!);
      let again: RawOutcome = { acked: false, code: 0, reason: "" };
      while (!again.acked && Date.now() < deadline + 10_000) {
        again = await openRaw(server.wsUrl);
        opened.push(again);
        if (!again.acked) expect(again.code).toBe(4429);
      }
      expect(again.acked).toBe(true);
    } finally {
      await Promise.all(opened.map(closeRaw));
    }
  });

  it("without TRUST_PROXY counts connections by the TCP peer: forged X-Forwarded-For headers give no fresh cap", async () => {
    const opened: RawOutcome[] = [];
    try {
      // From an address no other test uses; each socket claims to be another client.
      const peer = "127.0.0.3";
      await openAcked(server.wsUrl, { localAddress: peer, forwardedFor: "203.0.113.1" }, 1, opened);
      await openAcked(server.wsUrl, { localAddress: peer, forwardedFor: "203.0.113.2" }, 1, opened);
      const forged = await openRaw(server.wsUrl, {
        localAddress: peer,
        forwardedFor: "203.0.113.3",
      });
      opened.push(forged);
      expect(forged).toEqual(TOO_MANY_CONNECTIONS);
    } finally {
      await Promise.all(opened.map(closeRaw));
    }
  });

  it("closes a connection that never sends connection_init with 4408", async () => {
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
      const socket = new WebSocket(server.wsUrl, PROTOCOL);
      socket.on("error", () => undefined);
      socket.on("close", (code: number, reason: Buffer) =>
        resolve({ code, reason: reason.toString() }),
      );
    });
    expect(closed).toEqual({ code: 4408, reason: "Connection initialisation timeout" });
  });

  /**
   * Sends `head` one byte at a time (a byte whenever the previous one was written and a tick
   * passed) until the server closes the socket; resolves with everything the server sent.
   */
  function trickle(head: string): Promise<{ received: string; sentBytes: number }> {
    return new Promise((resolve) => {
      const socket = net.connect(server.port, "127.0.0.1");
      let received = "";
      let sent = 0;
      socket.on("data", (data) => (received += data.toString()));
      socket.on("error", () => undefined);
      socket.on("close", () => resolve({ received, sentBytes: sent }));
      const next = () => {
        if (socket.destroyed || socket.writableEnded) return;
        socket.write(head[sent % head.length]!, () => setTimeout(next, 20));
        sent++;
      };
      socket.on("connect", next);
    });
  }

  it("cuts off a client that sends its headers one byte at a time: 408, then the socket is closed", async () => {
    const head = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${"s".repeat(100_000)}`;
    const { received, sentBytes } = await trickle(head);
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(sentBytes).toBeLessThan(head.length);
  });

  it("cuts off a client that sends its body one byte at a time: 408, then the socket is closed", async () => {
    const body = JSON.stringify({ query: "{ __typename }", pad: "p".repeat(50_000) });
    const head =
      "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
      `Content-Length: ${body.length}\r\n\r\n`;
    const { received } = await new Promise<{ received: string }>((resolve) => {
      const socket = net.connect(server.port, "127.0.0.1");
      let got = "";
      let sent = 0;
      socket.on("data", (data) => (got += data.toString()));
      socket.on("error", () => undefined);
      socket.on("close", () => resolve({ received: got }));
      const next = () => {
        if (socket.destroyed || sent >= body.length) return;
        socket.write(body[sent]!, () => setTimeout(next, 20));
        sent++;
      };
      socket.on("connect", () => socket.write(head, next));
    });
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
  });

  it("closes an idle kept-alive connection after its response, and WebSocket connections outlive the request timeout", async () => {
    const ws = wsClient(server.wsUrl);
    try {
      const first = await wsOnce(ws, "{ __typename }");
      expect(first.errors).toEqual([]);
      // A complete request, kept alive: the server answers, then closes the idle socket itself.
      const { received, endedByServer } = await new Promise<{
        received: string;
        endedByServer: boolean;
      }>((resolve) => {
        const socket = net.connect(server.port, "127.0.0.1");
        let got = "";
        let ended = false;
        socket.on("data", (data) => (got += data.toString()));
        socket.on("end", () => (ended = true));
        socket.on("close", () => resolve({ received: got, endedByServer: ended }));
        socket.on("connect", () =>
          socket.write(
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n",
          ),
        );
      });
      expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(endedByServer).toBe(true);
      // By now more than the request and keep-alive timeouts have passed since the WebSocket opened.
      await new Promise((r) => setTimeout(r, 700));
      expect(await wsOnce(ws, "{ __typename }")).toEqual({
        data: { __typename: "Query" },
        errors: [],
      });
    } finally {
      await ws.dispose();
    }
  });
});

describe("connections per client behind a trusted proxy (TRUST_PROXY=1)", () => {
  const prefix = uniquePrefix();
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess({
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: prefix,
      TRUST_PROXY: "1",
      WS_MAX_CONNECTIONS_PER_CLIENT: "2",
    });
  });
  afterAll(async () => {
    await server?.stop();
    await clearAndQuit(rawClient(), prefix);
  });

  it("counts connections by the forwarded client, as HTTP's rate limits do: each address has its own cap", async () => {
    const opened: RawOutcome[] = [];
    try {
      // Two clients behind the same proxy (one TCP peer): each gets its two connections.
      await openAcked(server.wsUrl, { forwardedFor: "203.0.113.1" }, 2, opened);
      await openAcked(server.wsUrl, { forwardedFor: "203.0.113.2" }, 2, opened);

      const third = await openRaw(server.wsUrl, { forwardedFor: "203.0.113.2" });
      opened.push(third);
      expect(third).toEqual(TOO_MANY_CONNECTIONS);
      // The client is the forwarded address, not the peer: through another proxy address, still over.
      const viaOtherPeer = await openRaw(server.wsUrl, {
        localAddress: "127.0.0.2",
        forwardedFor: "203.0.113.1",
      });
      opened.push(viaOtherPeer);
      expect(viaOtherPeer).toEqual(TOO_MANY_CONNECTIONS);
      // One trusted hop: an address the client wrote before the proxy's own entry is not believed.
      const forged = await openRaw(server.wsUrl, { forwardedFor: "198.51.100.7, 203.0.113.1" });
      opened.push(forged);
      expect(forged).toEqual(TOO_MANY_CONNECTIONS);

      // A third address is a third client.
      const other = await openRaw(server.wsUrl, { forwardedFor: "203.0.113.3" });
      opened.push(other);
      expect(other.acked).toBe(true);
    } finally {
      await Promise.all(opened.map(closeRaw));
    }
  });
});
