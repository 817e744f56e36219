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
}

/**
 * Browser origins besides the server's own that may call the API: `"*"` any, `"loopback"` any
 * `http://localhost:<port>`, `http://127.0.0.1:<port>` or `http://[::1]:<port>` (a developer's
 * front end), or exactly those listed (none: same origin only).
 */
export type CorsOrigins = "*" | "loopback" | readonly string[];
