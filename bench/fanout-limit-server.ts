/**
 * The fan-out bench's LIMIT: a bare `ws` server that speaks just enough graphql-transport-ws for
 * graphql-ws's createClient, and on each turn sends one prepared message per subscription. What
 * one Node process does to deliver a turn to N subscribers when it does nothing else: no GraphQL,
 * no Redis, no per-subscriber checks. bench/fanout-bench.ts forks it (IPC: it reports its port)
 * and measures it exactly as it measures the real server (/proc/<pid>/stat, /proc/<pid>/status).
 *
 * Protocol: `connection_init` -> `connection_ack`; `subscribe` records the operation's id (the
 * query is not read; the same id twice on one connection closes it 4409, as graphql-ws does);
 * `ping` -> `pong`; `complete` (and the socket's close) removes it. Anything else closes 4400.
 *
 * A turn is `POST /turn` with the message's payload as the body (`{"data":{"battleTurns":...}}`,
 * the real server's per-turn result for the bench's selection): parsed, serialized and encoded to
 * UTF-8 ONCE, then `{"id":"<id>","type":"next","payload":<payload>}` assembled from bytes (the
 * id's prefix encoded once per subscription, the payload once per turn: one allocation and two
 * copies per message, no string to scan) and sent as a text message with `socket.send` to every
 * subscription, the cheapest way `ws` offers; a connection with several subscriptions is corked
 * around them (its messages of the turn leave in one write, as the real server batches a
 * connection's writes). The response (204) comes first, then the sends: the real server, too,
 * answers an attack once it is committed, whatever its delivery, so the bench's turns keep their
 * schedule on both. `GET /stats`: subscriptions and connections open, V8 heap in use. Listens on
 * 127.0.0.1 only; exits on SIGTERM/SIGINT and when the bench's IPC channel closes (the bench
 * died), so it never outlives the run.
 */
import http from "node:http";
import { WebSocketServer, type RawData, type WebSocket } from "ws";

const PROTOCOL = "graphql-transport-ws";
/** ws's options for a text message whose data is UTF-8 bytes. */
const TEXT = { binary: false };
const MAX_BODY_BYTES = 1024 * 1024;

/** A connection's subscriptions: id -> the prefix of its `next` messages, as UTF-8. */
const connections = new Map<WebSocket, Map<string, Buffer>>();
let subscriptionCount = 0;

type Corkable = { cork(): void; uncork(): void };
/** The TCP socket under a WebSocket (ws keeps it as `_socket`). */
const rawSocket = (socket: WebSocket): Corkable | undefined =>
  (socket as unknown as { _socket?: Corkable })._socket;

/** A text frame's data as a string (ws hands a Buffer unless told otherwise). */
function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data).toString("utf8");
}

function onMessage(socket: WebSocket, data: RawData): void {
  let message: { type?: unknown; id?: unknown };
  try {
    message = JSON.parse(textOf(data)) as { type?: unknown; id?: unknown };
  } catch {
    socket.close(4400, "Invalid message received");
    return;
  }
  const subscriptions = connections.get(socket);
  if (subscriptions === undefined) return;
  switch (message.type) {
    case "connection_init":
      socket.send('{"type":"connection_ack"}');
      return;
    case "ping":
      socket.send('{"type":"pong"}');
      return;
    case "pong":
      return;
    case "subscribe": {
      if (typeof message.id !== "string") break;
      if (subscriptions.has(message.id)) {
        socket.close(4409, `Subscriber for ${message.id} already exists`);
        return;
      }
      subscriptions.set(
        message.id,
        Buffer.from(`{"id":${JSON.stringify(message.id)},"type":"next","payload":`),
      );
      subscriptionCount++;
      return;
    }
    case "complete":
      if (typeof message.id === "string" && subscriptions.delete(message.id)) subscriptionCount--;
      return;
    default:
      break;
  }
  socket.close(4400, "Invalid message received");
}

/** One turn: the payload serialized once, one `next` per subscription. */
function sendTurn(payloadObject: unknown): void {
  const payload = Buffer.from(JSON.stringify(payloadObject));
  for (const [socket, subscriptions] of connections) {
    if (subscriptions.size === 0 || socket.readyState !== socket.OPEN) continue;
    const raw = subscriptions.size > 1 ? rawSocket(socket) : undefined;
    raw?.cork();
    for (const prefix of subscriptions.values()) {
      const message = Buffer.allocUnsafe(prefix.length + payload.length + 1);
      prefix.copy(message, 0);
      payload.copy(message, prefix.length);
      message[message.length - 1] = 0x7d; // "}"
      socket.send(message, TEXT);
    }
    raw?.uncork();
  }
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("body too large"));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

const server = http.createServer((request, response) => {
  if (request.method === "POST" && request.url === "/turn") {
    readBody(request).then(
      (body) => {
        // Answered first, as the real server answers an attack once it is committed, whatever
        // its delivery: the bench's next turn is not held back by this one's sends.
        const payload: unknown = JSON.parse(body);
        response.writeHead(204).end();
        sendTurn(payload);
      },
      () => response.writeHead(400).end(),
    );
    return;
  }
  if (request.method === "GET" && request.url === "/stats") {
    response.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({
        subscriptions: subscriptionCount,
        connections: connections.size,
        heapUsedBytes: process.memoryUsage().heapUsed,
      }),
    );
    return;
  }
  if (request.method === "GET" && request.url === "/healthz") {
    response.writeHead(200).end("ok");
    return;
  }
  response.writeHead(404).end();
});

const wss = new WebSocketServer({
  server,
  path: "/graphql",
  handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false),
});
wss.on("connection", (socket) => {
  connections.set(socket, new Map());
  socket.on("message", (data) => onMessage(socket, data));
  socket.on("close", () => {
    subscriptionCount -= connections.get(socket)?.size ?? 0;
    connections.delete(socket);
  });
  socket.on("error", () => socket.terminate());
});

function stop(): void {
  for (const socket of connections.keys()) socket.terminate();
  wss.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  if (process.send) process.send({ port });
  else console.log(`fanout-limit-server: listening on 127.0.0.1:${port}`);
});
