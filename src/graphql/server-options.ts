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
}
