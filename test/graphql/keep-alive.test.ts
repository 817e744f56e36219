import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer } from "ws";
import { KeepAlive } from "../../src/graphql/websocket/keep-alive";

// Connections are opened one after another: room for a busy machine.
jest.setTimeout(20_000);

/** A period the timer never reaches in a test: each test ticks by hand. */
const NEVER_MS = 3_600_000;

interface Peer {
  client: WebSocket;
  /** The server's end of the connection. */
  server: WebSocket;
  pings: number;
  closedWith?: number;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("KeepAlive", () => {
  let wss: WebSocketServer;
  let keepAlive: KeepAlive;
  let peers: Peer[];
  /** The server's ends, in the order they connected. */
  let accepted: WebSocket[];
  /** Pongs the server received, per server end. */
  let pongs: Map<WebSocket, number>;

  beforeEach(async () => {
    wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
    accepted = [];
    pongs = new Map();
    peers = [];
    wss.on("connection", (socket) => {
      accepted.push(socket);
      pongs.set(socket, 0);
      socket.on("pong", () => pongs.set(socket, (pongs.get(socket) ?? 0) + 1));
    });
  });

  afterEach(async () => {
    keepAlive.stop();
    for (const peer of peers) peer.client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  /** Connects `count` clients one after the other, each kept alive once the server accepted it. */
  async function connect(count: number, options: { answer: boolean }): Promise<Peer[]> {
    const { port } = wss.address() as AddressInfo;
    const added: Peer[] = [];
    for (let i = 0; i < count; i++) {
      const before = accepted.length;
      const client = new WebSocket(`ws://127.0.0.1:${port}`, { autoPong: options.answer });
      await new Promise<void>((resolve) => client.once("open", () => resolve()));
      await waitFor(() => accepted.length === before + 1, "the server's end");
      const peer: Peer = { client, server: accepted[before]!, pings: 0 };
      client.on("ping", () => (peer.pings += 1));
      client.on("close", (code) => (peer.closedWith = code));
      keepAlive.add(peer.server);
      added.push(peer);
    }
    peers.push(...added);
    return added;
  }

  it("spreads the pings over the period: each tick pings one group, each connection once a period", async () => {
    keepAlive = new KeepAlive(NEVER_MS, 4);
    const all = await connect(40, { answer: true });

    keepAlive.tick();
    await waitFor(() => all.filter((p) => p.pings === 1).length === 10, "10 pings");
    expect(all.filter((p) => p.pings === 0)).toHaveLength(30);

    for (let i = 0; i < 3; i++) keepAlive.tick();
    await waitFor(() => all.every((p) => p.pings === 1), "one ping at every connection");
    await waitFor(() => [...pongs.values()].every((n) => n === 1), "every pong");
    expect(all.map((p) => p.pings)).toEqual(new Array(40).fill(1));
    expect(all.every((p) => p.client.readyState === WebSocket.OPEN)).toBe(true);
  });

  it("cuts a connection that did not answer its last ping, and keeps one that did", async () => {
    keepAlive = new KeepAlive(NEVER_MS, 1);
    const [answering] = await connect(1, { answer: true });
    const [silent] = await connect(1, { answer: false });

    keepAlive.tick();
    await waitFor(() => answering!.pings === 1 && silent!.pings === 1, "both pinged");
    await waitFor(() => pongs.get(answering!.server) === 1, "the answer");

    keepAlive.tick();
    await waitFor(() => silent!.closedWith !== undefined, "the silent one's close");
    expect(silent!.closedWith).toBe(1006);
    await waitFor(() => answering!.pings === 2, "a second ping");
    expect(answering!.client.readyState).toBe(WebSocket.OPEN);
    await waitFor(() => keepAlive.size === 1, "the silent one forgotten");
  });

  it("forgets every connection once closed, from either end", async () => {
    keepAlive = new KeepAlive(NEVER_MS, 3);
    const all = await connect(7, { answer: true });
    expect(keepAlive.size).toBe(7);

    const pinged = all.map((peer) => jest.spyOn(peer.server, "ping"));
    for (const peer of all.slice(0, 4)) peer.client.close(1000);
    for (const peer of all.slice(4)) peer.server.close(1001);
    await waitFor(() => keepAlive.size === 0, "every connection forgotten");
    for (let i = 0; i < 3; i++) keepAlive.tick();
    for (const ping of pinged) expect(ping).not.toHaveBeenCalled();
  });

  it("pings on its own timer: every connection within one period", async () => {
    keepAlive = new KeepAlive(400, 4);
    const all = await connect(8, { answer: true });
    await waitFor(() => all.every((p) => p.pings >= 1), "a ping at every connection", 5_000);
    expect(all.every((p) => p.client.readyState === WebSocket.OPEN)).toBe(true);
  });
});
