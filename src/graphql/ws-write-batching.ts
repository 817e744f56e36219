import type { WebSocket, WebSocketServer } from "ws";

/**
 * How much a connection may have waiting in its socket before a send waits for the socket again:
 * below it a send is acknowledged at once, above it only once written, which slows the operations
 * of a client that does not read (as graphql-ws does on its own) without holding up the others.
 */
export const WS_UNWRITTEN_BYTES_LIMIT = 1024 * 1024;

/**
 * Lets each connection write all it sends within one turn of the event loop in one system call.
 *
 * graphql-ws awaits every send until the socket has written it, so a subscription's next message
 * is made only after the last one went out, and each went out in a `writev` of its own: at 1,000
 * subscribers a turn of three events was 3,000 writes, and writing was the biggest single cost of
 * the fan-out (bench:fanout, CPU profile). Here a send below {@link WS_UNWRITTEN_BYTES_LIMIT} is
 * acknowledged at once, so graphql-ws goes on with the next event of the turn, and the socket is
 * corked until the event loop's next turn: the turn's messages leave together. Order is kept (one
 * socket, one writer); delivery is as before, one event loop turn later at most.
 *
 * graphql-ws looks `send` up on each call, so the order of registration does not matter; it is
 * registered first all the same, so that every message of a connection goes through it.
 */
export function batchWebSocketWrites(server: WebSocketServer): void {
  server.on("connection", (socket, request) => batchWrites(socket, request.socket));
}

type SendCallback = (error?: Error) => void;

function batchWrites(socket: WebSocket, raw: WebSocketRawSocket): void {
  const send = socket.send.bind(socket) as (
    data: unknown,
    options: object,
    cb?: SendCallback,
  ) => void;
  let corked = false;
  const uncork = (): void => {
    corked = false;
    raw.uncork();
  };
  socket.send = ((data: unknown, options?: object | SendCallback, cb?: SendCallback): void => {
    const callback = typeof options === "function" ? (options as SendCallback) : cb;
    const sendOptions = typeof options === "object" ? options : {};
    if (!corked && socket.readyState === socket.OPEN) {
      corked = true;
      raw.cork();
      setImmediate(uncork);
    }
    if (callback === undefined || socket.bufferedAmount >= WS_UNWRITTEN_BYTES_LIMIT) {
      send(data, sendOptions, callback);
      return;
    }
    // A failed write also closes the socket, which ends its operations: nothing is lost here.
    send(data, sendOptions, () => undefined);
    callback();
  }) as WebSocket["send"];
}

/** The TCP socket under a WebSocket (the upgrade request's socket). */
type WebSocketRawSocket = { cork(): void; uncork(): void };
