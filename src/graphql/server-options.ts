import type { TrustProxy } from "./http/client-address";

/**
 * The settings the API server needs, in its own terms: the composition root fills them from the
 * configuration, so the graphql layer never reads the infrastructure's Config.
 */
export interface ServerOptions {
  /**
   * "production" turns introspection and the IDE off and hides schema hints; "development" shows
   * internal errors in full; "test" is development without the internals.
   */
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  /** Largest HTTP request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Largest WebSocket message accepted, in bytes. */
  maxWsMessageBytes: number;
  /** Which other browser origins may call the API, over HTTP and WebSocket (see CorsOrigins). */
  corsOrigins: CorsOrigins;
  /**
   * The built GraphiQL (Vite's dist/ide), served to a browser opening GET /graphql unless in
   * production.
   */
  ideDirectory: string;
  /** The built web client (Vite's dist/web), served at `/`. */
  webDirectory: string;
  /** Serve GET /metrics (Prometheus) and count what it shows. */
  metricsEnabled: boolean;
  /** Which `X-Forwarded-For` hops to believe for the client's address (HTTP and WebSocket). */
  trustProxy: TrustProxy;
  /** WebSocket limits (see WsLimits). */
  wsLimits: WsLimits;
  /** Timeouts of the node:http server (see HttpTimeouts). */
  httpTimeouts: HttpTimeouts;
}

/** What one WebSocket client may hold. */
export interface WsLimits {
  /** Operations one connection may run at once; one more is refused with TOO_MANY_SUBSCRIPTIONS. */
  maxSubscriptionsPerConnection: number;
  /** Connections one client IP may hold open on this instance; one more is closed with 4429. */
  maxConnectionsPerClient: number;
  /** Milliseconds to send connection_init before the socket is closed with 4408. */
  connectionInitTimeoutMs: number;
}

/** Timeouts of the node:http server, in milliseconds. */
export interface HttpTimeouts {
  /** To send a request's headers (headersTimeout): a slower client gets 408 and is closed. */
  headersMs: number;
  /** To send a whole request (requestTimeout): a slower client gets 408 and is closed. */
  requestMs: number;
  /** An idle kept-alive connection is closed this long after its last response (keepAliveTimeout). */
  keepAliveMs: number;
  /** A socket where neither side sends for this long is closed (server.timeout). */
  socketMs: number;
}

/**
 * Browser origins besides the server's own that may call the API: `"*"` any, `"loopback"` any
 * `http://localhost:<port>`, `http://127.0.0.1:<port>` or `http://[::1]:<port>` (a developer's
 * front end), or exactly those listed (none: same origin only).
 */
export type CorsOrigins = "*" | "loopback" | readonly string[];
