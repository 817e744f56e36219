import type { Server, ServerOptions as NodeServerOptions } from "node:http";
import type { HttpTimeouts } from "../server-options";

/**
 * The options of `http.createServer` that bound how long a client may take: a slow sender of
 * headers (one byte at a time) or of a body is answered 408 and closed once `headersMs` /
 * `requestMs` have passed. node:http checks those deadlines every `connectionsCheckingInterval`
 * (30 s by default, which would let a slow client hold its socket 30 s past its deadline): here a
 * tenth of the shorter deadline, between 10 ms and 1 s.
 */
export function httpServerOptions(timeouts: HttpTimeouts): NodeServerOptions {
  const shortest = Math.min(timeouts.headersMs, timeouts.requestMs);
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionsCheckingInterval: Math.min(1_000, Math.max(10, Math.floor(shortest / 10))),
  };
}

/**
 * Sets the timeouts that are properties of the server rather than options: keep-alive (again, for
 * Node versions that ignore the option) and the socket inactivity timeout, after which a socket
 * neither side wrote to is destroyed (for instance a client that stops reading its response).
 * WebSocket connections are not affected: `ws` clears the socket timeout on upgrade, and their
 * liveness is graphql-ws's ping/pong.
 */
export function applyHttpTimeouts(server: Server, timeouts: HttpTimeouts): void {
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  server.timeout = timeouts.socketMs;
}
