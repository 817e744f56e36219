import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { specifiedRules } from "graphql";
import { createApolloServer } from "./apollo-server";
import { formatError, type ErrorFormatting } from "./error-mapping";
import { clientAddressOf, proxyTrust } from "./http/client-address";
import { applyHttpTimeouts, httpServerOptions } from "./http/http-timeouts";
import { mountHttpRoutes } from "./http/http-routes";
import { limitRules } from "./limits";
import { RateLimitGate } from "./rate-limits";
import { buildGraphQLSchema } from "./schema";
import type { ServerDependencies } from "./server-dependencies";
import { ServerMetrics } from "./server-metrics";
import type { ServerOptions } from "./server-options";
import { createGraphQLWsServer } from "./websocket/graphql-ws-server";

/** The running API: HTTP and WebSocket on one port. */
export interface DwemthyServer {
  httpServer: Server;
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops accepting, lets in-flight requests finish, closes sockets, then lets go of the store. */
  stop(): Promise<void>;
}

/**
 * Builds the server around an application (see the composition root): one node:http server on
 * one port, with express's HTTP routes (Apollo Server at /graphql) and GraphQL over WebSocket at
 * the same path. Development mode (and test) has introspection and the IDE; production turns
 * introspection off, hides schema hints from errors, and never shows internals.
 */
export async function createDwemthyServer(
  config: ServerOptions,
  app: ServerDependencies,
): Promise<DwemthyServer> {
  const { logger } = app;
  const production = config.nodeEnv === "production";
  const formatting: ErrorFormatting = {
    exposeInternals: config.nodeEnv === "development",
    hideSchemaHints: production,
    logger,
  };
  const schema = await buildGraphQLSchema(app.container);
  // The application's registry (it also counts GameService's commits); one of the server's own
  // when the application brings none.
  const metrics = config.metricsEnabled ? (app.metrics ?? new ServerMetrics()) : undefined;
  metrics?.useSchema(schema);
  metrics?.countWatchedGamesWith(() => app.games.watching());

  const expressApp = express();
  expressApp.disable("x-powered-by");
  // GraphQL POST responses are not cached by ETag; hashing each one is wasted work.
  expressApp.set("etag", false);
  // Who the client is (req.ip, and the WebSocket upgrade by the same rule): X-Forwarded-For is
  // believed only for the hops TRUST_PROXY trusts.
  const trust = proxyTrust(config.trustProxy);
  expressApp.set("trust proxy", trust);
  const clientAddress = clientAddressOf(trust);
  const rateLimits = app.rateLimits && new RateLimitGate(app.rateLimits, logger);
  // Deliberate timeouts: a client sending its request slowly is cut off (http-timeouts.ts).
  const httpServer = createServer(httpServerOptions(config.httpTimeouts), expressApp);
  applyHttpTimeouts(httpServer, config.httpTimeouts);

  const webSockets = createGraphQLWsServer({
    httpServer,
    schema,
    rules: [...specifiedRules, ...limitRules({ introspection: !production })],
    games: app.games,
    formatErrors: (errors) => errors.map((e) => formatError(e.toJSON(), e, formatting)),
    maxMessageBytes: config.maxWsMessageBytes,
    corsOrigins: config.corsOrigins,
    limits: config.wsLimits,
    clientAddress,
    rateLimits,
    metrics,
    logger,
  });
  const apollo = createApolloServer({
    schema,
    httpServer,
    production,
    stackTraces: config.nodeEnv === "development",
    formatting,
    metrics,
    rateLimits,
    drainWebSockets: () => webSockets.dispose(),
  });
  await apollo.start();
  mountHttpRoutes(expressApp, {
    apollo,
    games: app.games,
    store: app.store,
    ready: () => app.ready(),
    production,
    maxBodyBytes: config.maxBodyBytes,
    corsOrigins: config.corsOrigins,
    ideDirectory: config.ideDirectory,
    webDirectory: config.webDirectory,
    metrics,
    logger,
  });

  return {
    httpServer,
    listen: () =>
      new Promise<number>((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off("error", reject);
          resolve((httpServer.address() as AddressInfo).port);
        });
      }),
    stop: async () => {
      // Apollo's drain plugins stop accepting, wait for in-flight requests and close the sockets;
      // only then are the store's connections closed (quit Redis after the WebSocket server).
      await apollo.stop();
      await webSockets.dispose();
      await app.close();
    },
  };
}
