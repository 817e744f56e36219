import WebSocket from "ws";

/** A message of the graphql-transport-ws protocol, as the server sent it. */
export interface ProtocolMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

/**
 * A WebSocket speaking graphql-transport-ws by hand, so a test can send what no well-behaved
 * client would: bursts, repeated ids, completes before subscribes, malformed payloads.
 */
export interface RawSocket {
  /** Everything the server sent, in order. */
  readonly received: ProtocolMessage[];
  /** The close code and reason once closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  send(message: object): void;
  /** Sends text as it is (no JSON encoding). */
  sendText(text: string): void;
  /** Waits (bounded) until `done(received)` holds; returns whether it did. */
  waitUntil(done: (received: ProtocolMessage[]) => boolean, timeoutMs?: number): Promise<boolean>;
  /** Messages of one operation id. */
  of(id: string): ProtocolMessage[];
  /** Stops reading from the socket (what the server sends waits in the buffers), and goes on. */
  pause(): void;
  resume(): void;
  close(): Promise<{ code: number; reason: string }>;
}

/** Opens a socket, sends connection_init (with `params`) and waits for connection_ack. */
export async function openRawSocket(
  wsUrl: string,
  params: Record<string, unknown> = {},
): Promise<RawSocket> {
  const socket = new WebSocket(wsUrl, "graphql-transport-ws");
  const received: ProtocolMessage[] = [];
  let wake: (() => void)[] = [];
  socket.on("message", (data: Buffer) => {
    received.push(JSON.parse(data.toString()) as ProtocolMessage);
    for (const w of wake.splice(0)) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once("close", (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const w of wake.splice(0)) w();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  const raw: RawSocket = {
    received,
    closed,
    send: (message) => socket.send(JSON.stringify(message)),
    sendText: (text) => socket.send(text),
    waitUntil: async (done, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!done(received)) {
        if (Date.now() >= deadline || socket.readyState === WebSocket.CLOSED) return done(received);
        await new Promise<void>((resolve) => {
          wake.push(resolve);
          setTimeout(resolve, Math.max(1, deadline - Date.now()));
        });
      }
      return true;
    },
    of: (id) => received.filter((m) => m.id === id),
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    close: () => {
      if (socket.readyState !== WebSocket.CLOSED) socket.close(1000);
      return closed;
    },
  };
  raw.send({ type: "connection_init", payload: params });
  if (!(await raw.waitUntil((r) => r.some((m) => m.type === "connection_ack")))) {
    throw new Error(`no connection_ack: ${JSON.stringify(received)}`);
  }
  wake = [];
  return raw;
}

/** The server's gauges and the counts a test checks return to zero. */
export async function gauges(serverUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(serverUrl.replace(/\/graphql$/, "/metrics"))).text();
  const value = (name: string) => {
    const line = text.split("\n").find((l) => l.startsWith(`${name} `));
    return line === undefined ? NaN : Number(line.split(" ")[1]);
  };
  return {
    subscriptions: value("dwemthy_websocket_subscriptions_active"),
    connections: value("dwemthy_websocket_connections_active"),
    watchedGames: value("dwemthy_games_watched"),
  };
}
