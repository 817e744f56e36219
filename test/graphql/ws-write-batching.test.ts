import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import {
  batchWebSocketWrites,
  WS_UNWRITTEN_BYTES_LIMIT,
} from "../../src/graphql/ws-write-batching";

/** A real ws server with the batching, and one real client connected to it. */
async function connectedPair() {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  batchWebSocketWrites(server);
  const accepted = new Promise<[WebSocket, IncomingMessage]>((resolve) =>
    server.once("connection", (socket, request) => resolve([socket, request])),
  );
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  const received: string[] = [];
  client.on("message", (data: Buffer) => received.push(data.toString()));
  await new Promise<void>((resolve) => client.once("open", () => resolve()));
  const [socket, request] = await accepted;
  const close = async (): Promise<void> => {
    client.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { socket, raw: request.socket, received, close };
}

const nextLoopTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("batchWebSocketWrites", () => {
  it("acknowledges sends at once and holds the socket corked until the next loop turn, so they leave in one write", async () => {
    const { socket, raw, received, close } = await connectedPair();
    try {
      const acknowledged: number[] = [];
      for (const n of [1, 2, 3]) socket.send(`message ${n}`, () => acknowledged.push(n));

      // graphql-ws awaits each send: acknowledged now, it goes on with the next message.
      expect(acknowledged).toEqual([1, 2, 3]);
      expect(raw.writableCorked).toBe(1);
      await nextLoopTurn();
      expect(raw.writableCorked).toBe(0);
      await until(() => received.length === 3);
      expect(received).toEqual(["message 1", "message 2", "message 3"]);
    } finally {
      await close();
    }
  });

  it("waits for the socket once more than the limit is unwritten, so a client that does not read slows only itself", async () => {
    const { socket, received, close } = await connectedPair();
    try {
      const big = "x".repeat(WS_UNWRITTEN_BYTES_LIMIT + 1);
      const acknowledged: string[] = [];
      socket.send(big, () => acknowledged.push("big"));
      expect(socket.bufferedAmount).toBeGreaterThanOrEqual(WS_UNWRITTEN_BYTES_LIMIT);
      socket.send("after", () => acknowledged.push("after"));

      // The big one was acknowledged at once (the socket was empty); the next one waits.
      expect(acknowledged).toEqual(["big"]);
      await until(() => acknowledged.length === 2);
      expect(acknowledged).toEqual(["big", "after"]);
      await until(() => received.length === 2);
      expect(received.map((m) => m.length)).toEqual([big.length, "after".length]);
    } finally {
      await close();
    }
  });

  it("passes a send without a callback through, still in order", async () => {
    const { socket, received, close } = await connectedPair();
    try {
      socket.send("a");
      socket.send("b", { binary: false });
      await until(() => received.length === 2);
      expect(received).toEqual(["a", "b"]);
    } finally {
      await close();
    }
  });
});
