import type { IncomingMessage, Server } from "node:http";
import { GRAPHQL_TRANSPORT_WS_PROTOCOL, CloseCode, handleProtocols } from "graphql-ws";
import type { GraphQLError, GraphQLFormattedError, GraphQLSchema, ValidationRule } from "graphql";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import type { GameService } from "../../domain/game-service";
import { bearerToken } from "../context";
import { websocketOriginCheck } from "../http/cors";
import type { RateLimitGate } from "../rate-limits";
import type { ServerMetrics } from "../server-metrics";
import type { CorsOrigins, WsLimits } from "../server-options";
import { ConnectionsPerClient } from "../ws-limits";
import { GraphQLWsConnection } from "./graphql-ws-connection";
import { KeepAlive } from "./keep-alive";
import { isRefusal, OperationPreparer } from "./operation-preparer";
import { TurnPayloads } from "./turn-payloads";

/**
 * Unsent bytes past which a subscriber's connection is closed (1013): it does not read what it is
 * sent, and nothing may pile up for it. A turn's message is about 1 KB.
 */
export const WS_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** What the WebSocket endpoint is built from. */
export interface GraphQLWsServerOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  /** Every validation rule, graphql's own and the limits, as Apollo applies them over HTTP. */
  rules: readonly ValidationRule[];
  games: GameService;
  formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  maxMessageBytes: number;
  corsOrigins: CorsOrigins;
  limits: WsLimits;
  /** Who the client of an upgrade request is (HTTP's rule, TRUST_PROXY's). */
  clientAddress: (request: IncomingMessage) => string;
  rateLimits: RateLimitGate | undefined;
  metrics: ServerMetrics | undefined;
  logger: Logger;
}

/** The WebSocket endpoint: started with the HTTP server, stopped before the store. */
export interface GraphQLWsServer {
  /** Open connections. */
  readonly connections: number;
  /** Closes every connection (1001, going away) and stops accepting. */
  dispose(): Promise<void>;
}

/**
 * GraphQL over WebSocket at /graphql (the graphql-transport-ws protocol): queries, mutations and
 * the live `battleTurns`, with the same validation, limits, rate limits, auth and error masking
 * as HTTP. Connections are refused with 403 before the upgrade for an origin CORS does not allow,
 * closed with 4429 past the per-client cap or connection budget, and with 4408 when they never
 * send connection_init.
 */
export function createGraphQLWsServer(options: GraphQLWsServerOptions): GraphQLWsServer {
  const { logger, clientAddress, rateLimits } = options;
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: "/graphql",
    maxPayload: options.maxMessageBytes,
    handleProtocols,
    // The browser origins HTTP's CORS allows; refused with 403 before the upgrade.
    verifyClient: websocketOriginCheck(options.corsOrigins),
  });
  wsServer.on("error", (error) => logger.warn({ err: error }, "websocket server error"));
  options.metrics?.countConnectionsWith(() => wsServer.clients.size);
  // Each new connection spends from the client's subscription budget; one over it is closed (4429).
  rateLimits?.limitNewConnections(wsServer, clientAddress);
  // Registered before the protocol's own listener: one connection too many is closed with 4429.
  const perClient = new ConnectionsPerClient(
    wsServer,
    options.limits.maxConnectionsPerClient,
    clientAddress,
  );
  const preparer = new OperationPreparer(options.schema, options.rules);
  const payloads = new TurnPayloads({ games: options.games }, options.formatErrors);
  const keepAlive = new KeepAlive();

  wsServer.on("connection", (socket: WebSocket, request: IncomingMessage) => {
    socket.on("error", (error) => logger.debug({ err: error }, "websocket connection error"));
    if (socket.protocol !== GRAPHQL_TRANSPORT_WS_PROTOCOL) {
      socket.close(CloseCode.SubprotocolNotAcceptable, "Subprotocol not acceptable");
      return;
    }
    const client = clientAddress(request);
    new GraphQLWsConnection(socket, request.socket, {
      prepare: async (payload, context) => {
        const prepared = preparer.prepare(payload, context);
        // Charged to the client's budget once valid; a refusal fails this operation alone.
        if (!rateLimits || isRefusal(prepared)) return prepared;
        const admitted = await rateLimits.admit(prepared.args, client);
        return Array.isArray(admitted)
          ? { errors: admitted as readonly GraphQLError[], operation: prepared.operation }
          : prepared;
      },
      contextOf: (params) => ({
        playerToken: bearerToken(params?.authorization ?? params?.Authorization),
        games: options.games,
        clientAddress: client,
      }),
      formatErrors: options.formatErrors,
      payloads,
      limits: options.limits,
      maxBufferedBytes: WS_MAX_BUFFERED_BYTES,
      admitted: (s) => !perClient.refused(s),
      metrics: options.metrics,
      logger,
    });
    keepAlive.add(socket);
  });

  let disposed: Promise<void> | undefined;
  return {
    get connections() {
      return wsServer.clients.size;
    },
    dispose: () => {
      disposed ??= new Promise<void>((resolve) => {
        keepAlive.stop();
        for (const client of wsServer.clients) client.close(1001, "Going away");
        wsServer.close(() => resolve());
      });
      return disposed;
    },
  };
}
