import type { IncomingMessage } from "node:http";
import { GraphQLError } from "graphql";
import type { WebSocket, WebSocketServer } from "ws";
import type { WsLimits } from "./server-options";

/**
 * The close code and reason of a WebSocket refused because its client already holds
 * `maxConnectionsPerClient` connections. 4429 is the "too many" code of graphql-ws's range, and
 * graphql-ws's client treats it as fatal: it does not reconnect at once in a loop.
 */
export const TOO_MANY_CONNECTIONS = Object.freeze({
  code: 4429,
  reason: "Too many connections from this client",
});

/** The `extensions.code` of an operation refused because its connection runs too many. */
export const TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS";

/**
 * The client a connection counts against when no other rule is given: the TCP peer's address.
 * Behind a proxy that is the proxy's, so every client behind it would share one budget.
 */
export function peerAddress(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? "unknown";
}

/**
 * Counts the open WebSocket connections of each client on this instance and closes the one too
 * many with {@link TOO_MANY_CONNECTIONS} as soon as it opens. A refused socket is remembered, so
 * that graphql-ws never acknowledges it (see {@link ConnectionsPerClient.refused}) even if a
 * `connection_init` arrives while it closes.
 */
export class ConnectionsPerClient {
  private readonly open = new Map<string, number>();
  private readonly refusedSockets = new WeakSet<WebSocket>();

  constructor(
    wsServer: WebSocketServer,
    private readonly max: number,
    /** Who the client of an upgrade request is (the server passes HTTP's own rule, req.ip's). */
    private readonly clientOf: (request: IncomingMessage) => string = peerAddress,
  ) {
    wsServer.on("connection", (socket: WebSocket, request: IncomingMessage) =>
      this.opened(socket, request),
    );
  }

  /** Whether this socket was refused (graphql-ws's onConnect returns false for it). */
  refused(socket: WebSocket): boolean {
    return this.refusedSockets.has(socket);
  }

  /** Open connections of one client (for tests and metrics). */
  count(client: string): number {
    return this.open.get(client) ?? 0;
  }

  private opened(socket: WebSocket, request: IncomingMessage): void {
    const client = this.clientOf(request);
    const current = this.count(client);
    if (current >= this.max) {
      this.refusedSockets.add(socket);
      socket.close(TOO_MANY_CONNECTIONS.code, TOO_MANY_CONNECTIONS.reason);
      return;
    }
    this.open.set(client, current + 1);
    socket.once("close", () => {
      const left = this.count(client) - 1;
      if (left > 0) this.open.set(client, left);
      else this.open.delete(client);
    });
  }
}

/**
 * Refuses an operation when its connection already runs `maxSubscriptionsPerConnection`. The
 * count is of every operation being set up or running on the connection, this new one included,
 * those the client completed while still being set up among them (they hold what they set up
 * until their setup returns), so a client cannot hold more than the cap by completing early.
 */
export function tooManyOperations(
  activeIncludingThis: number,
  limits: Pick<WsLimits, "maxSubscriptionsPerConnection">,
): GraphQLError[] | undefined {
  if (activeIncludingThis <= limits.maxSubscriptionsPerConnection) return undefined;
  return [
    new GraphQLError(
      `This connection already runs ${limits.maxSubscriptionsPerConnection} operations, the most it may: complete one first, or open another connection.`,
      { extensions: { code: TOO_MANY_SUBSCRIPTIONS } },
    ),
  ];
}
