import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  OperationTypeNode,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { bearerToken, type GraphQLContext } from "./context";
import { formatError, type ErrorFormatting } from "./error-mapping";
import { clientAddressOf } from "./http/client-address";
import { graphqlCors, websocketOriginCheck } from "./http/cors";
import { idePage } from "./http/ide-page";
import { countRefusals, metricsRoute } from "./http/metrics-route";
import { applyHttpTimeouts, httpServerOptions } from "./http/http-timeouts";
import { webClient } from "./http/web-client";
import { limitRules, OPERATION_LIMITS } from "./limits";
import { RateLimitGate } from "./rate-limits";
import { buildGraphQLSchema } from "./schema";
import type { ServerDependencies } from "./server-dependencies";
import { ServerMetrics } from "./server-metrics";
import type { ServerOptions } from "./server-options";
import { sharedSubscribe } from "./shared-subscription-execution";
import { ConnectionsPerClient, tooManyOperations } from "./ws-limits";
import { batchWebSocketWrites } from "./ws-write-batching";

/** The running API: HTTP and WebSocket on one port. */
export interface DwemthyServer {
  httpServer: Server;
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops accepting, lets in-flight requests finish, closes sockets, then lets go of the store. */
  stop(): Promise<void>;
}

/** A refusal made before GraphQL runs, shaped like a GraphQL response. */
function httpError(status: number, code: string, message: string) {
  return { status, body: { errors: [{ message, extensions: { code } }] } };
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: error.extensions.code ?? code },
  });
}

/**
 * Builds the server around an application (see the composition root). Development mode (and
 * test) has introspection and the IDE landing page; production turns introspection off, hides
 * schema hints from errors, and never shows internals.
 */
export async function createDwemthyServer(
  config: ServerOptions,
  app: ServerDependencies,
): Promise<DwemthyServer> {
  const { logger } = app;
  const production = config.nodeEnv === "production";
  const introspection = !production;
  const formatting: ErrorFormatting = {
    exposeInternals: config.nodeEnv === "development",
    hideSchemaHints: production,
    logger,
  };
  const schema: GraphQLSchema = await buildGraphQLSchema(app.container);
  const rules = [...specifiedRules, ...limitRules({ introspection })];
  // The application's registry (it also counts GameService's commits); one of the server's own
  // when the application brings none.
  const metrics = config.metricsEnabled ? (app.metrics ?? new ServerMetrics()) : undefined;
  metrics?.useSchema(schema);

  const expressApp = express();
  expressApp.disable("x-powered-by");
  // GraphQL POST responses are not cached by ETag; hashing each one is wasted work.
  expressApp.set("etag", false);
  // Who the client is (req.ip, and the WebSocket upgrade by the same rule): X-Forwarded-For is
  // believed only for the hops TRUST_PROXY trusts.
  expressApp.set("trust proxy", config.trustProxy);
  const clientAddress = clientAddressOf(expressApp);
  const rateLimitGate = app.rateLimits && new RateLimitGate(app.rateLimits, logger);
  // Deliberate timeouts: a client sending its request slowly is cut off (http-timeouts.ts).
  const httpServer = createServer(httpServerOptions(config.httpTimeouts), expressApp);
  applyHttpTimeouts(httpServer, config.httpTimeouts);

  /** Parses, validates and prepares one WebSocket operation as Apollo does for HTTP. */
  const prepareOperation = (
    connectionParams: Readonly<Record<string, unknown>> | undefined,
    payload: {
      query: string;
      operationName?: string | null;
      variables?: Record<string, unknown> | null;
    },
  ): ExecutionArgs | GraphQLError[] => {
    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: OPERATION_LIMITS.maxTokens });
    } catch (error) {
      return [withCode(error as GraphQLError, "GRAPHQL_PARSE_FAILED")];
    }
    const invalid = validate(schema, document, rules);
    if (invalid.length > 0) return invalid.map((e) => withCode(e, "GRAPHQL_VALIDATION_FAILED"));
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) {
      return [
        new GraphQLError("The operation to run could not be determined.", {
          extensions: { code: "OPERATION_RESOLUTION_FAILURE" },
        }),
      ];
    }
    const variables = getVariableValues(
      schema,
      operation.variableDefinitions ?? [],
      payload.variables ?? {},
    );
    if (variables.errors) return variables.errors.map((e) => withCode(e, "BAD_USER_INPUT"));
    const contextValue: GraphQLContext = {
      playerToken: bearerToken(connectionParams?.authorization ?? connectionParams?.Authorization),
      games: app.games,
    };
    return {
      schema,
      document,
      operationName: payload.operationName,
      variableValues: payload.variables,
      contextValue,
    };
  };

  // WebSocket: graphql-ws bypasses Apollo, so the same limits, rules, auth and masking apply here.
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: "/graphql",
    maxPayload: config.maxWsMessageBytes,
    // The browser origins HTTP's CORS allows; refused with 403 before the upgrade.
    verifyClient: websocketOriginCheck(config.corsOrigins),
  });
  // A connection's messages of one event loop turn leave in one write (see the file).
  batchWebSocketWrites(wsServer);
  wsServer.on("error", (error) => logger.warn({ err: error }, "websocket server error"));
  metrics?.countConnectionsWith(() => wsServer.clients.size);
  // Each new connection spends from the client's subscription budget; one over it is closed (4429).
  rateLimitGate?.limitNewConnections(wsServer, clientAddress);
  // Registered before graphql-ws's own listener: one connection too many is closed with 4429.
  const connectionsPerClient = new ConnectionsPerClient(
    wsServer,
    config.wsLimits.maxConnectionsPerClient,
    clientAddress,
  );
  const wsCleanup = useServer<Record<string, unknown> | undefined>(
    {
      schema,
      // Subscribers of one game with the same operation share each event's execution.
      subscribe: sharedSubscribe(),
      // A socket that never sends connection_init is closed with 4408.
      connectionInitWaitTimeout: config.wsLimits.connectionInitTimeoutMs,
      // A socket refused for too many connections is closing: never acknowledge it.
      onConnect: (ctx) => !connectionsPerClient.refused(ctx.extra.socket),
      onSubscribe: (ctx, id, payload) => {
        metrics?.ws.subscribe(ctx, id);
        // graphql-ws's ctx.subscriptions holds every operation in flight, this one included.
        const tooMany = tooManyOperations(Object.keys(ctx.subscriptions).length, config.wsLimits);
        if (tooMany) return tooMany;
        try {
          const prepared = prepareOperation(ctx.connectionParams, payload);
          // Charged to the client's budget once valid; a refusal fails this operation alone.
          return rateLimitGate && !Array.isArray(prepared)
            ? rateLimitGate.admit(prepared, clientAddress(ctx.extra.request))
            : prepared;
        } catch (error) {
          // A throw here would close the whole socket (4500) and every operation on it.
          logger.error({ err: error }, "internal error preparing a WebSocket operation");
          return [
            new GraphQLError("Internal server error", {
              extensions: { code: "INTERNAL_SERVER_ERROR" },
            }),
          ];
        }
      },
      onOperation: (ctx, id, _payload, args, result) => {
        metrics?.ws.operation(ctx, id, args, result);
      },
      onNext: (ctx, id, _payload, _args, result) => {
        const errors = result.errors?.map((e) => formatError(e.toJSON(), e, formatting));
        metrics?.ws.next(ctx, id, errors);
        return errors ? { ...result, errors } : undefined;
      },
      onError: (ctx, id, payload, errors) => {
        const formatted = errors.map((e) => formatError(e.toJSON(), e, formatting));
        metrics?.ws.error(ctx, id, payload, formatted);
        return formatted;
      },
      onComplete: (ctx, id) => {
        metrics?.ws.complete(ctx, id);
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection,
    // Apollo adds graphql's introspection rule itself when introspection is off.
    validationRules: limitRules({ introspection: true }),
    parseOptions: { maxTokens: OPERATION_LIMITS.maxTokens },
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: config.nodeEnv === "development",
    formatError: (formatted, error) => formatError(formatted, error, formatting),
    // Automatic persisted queries are not offered: clients send the query text.
    persistedQueries: false,
    // main.ts owns SIGTERM/SIGINT; Apollo's own handler (on unless NODE_ENV=test) would stop the
    // server behind its back and re-raise the signal.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No cache hints in this API: the default plugin would only wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      ...(metrics ? [metrics.apolloPlugin()] : []),
      // Per-client budgets, charged once an operation is resolved and before it runs (429 if over).
      ...(rateLimitGate ? [rateLimitGate.apolloPlugin()] : []),
      {
        // Over HTTP a subscription would resolve to null: point the client at the WebSocket.
        requestDidStart: () =>
          Promise.resolve({
            didResolveOperation: ({ operation }) => {
              if (operation?.operation === OperationTypeNode.SUBSCRIPTION) {
                throw new GraphQLError(
                  "Subscriptions run over WebSocket (graphql-ws protocol) at this same URL, not over HTTP.",
                  { extensions: { code: "BAD_REQUEST", http: { status: 400 } } },
                );
              }
              return Promise.resolve();
            },
          }),
      },
      {
        serverWillStart: () =>
          Promise.resolve({
            drainServer: async () => {
              await wsCleanup.dispose();
            },
          }),
      },
      // Apollo's landing pages load from its CDN; the IDE is served by idePage instead.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  expressApp.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  expressApp.get("/readyz", (_req, res, next) => {
    app
      .ready()
      .then((ready) => {
        res
          .status(ready ? 200 : 503)
          .json({ status: ready ? "ready" : "unavailable", store: app.store });
      })
      .catch(next);
  });

  const requireJson: RequestHandler = (req, res, next) => {
    if (req.method === "POST" && !req.is("application/json")) {
      const { status, body } = httpError(
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        "POST /graphql takes a JSON body: send Content-Type: application/json.",
      );
      res.status(status).json(body);
      return;
    }
    next();
  };
  // Prometheus's scrape (before the web client's `/`), and the /graphql refusals Apollo never sees.
  if (metrics) {
    expressApp.get("/metrics", metricsRoute(metrics));
    expressApp.use("/graphql", countRefusals(metrics));
  }
  expressApp.use("/graphql", graphqlCors(config.corsOrigins));
  // GraphiQL for a browser opening /graphql (development and test only).
  if (!production) expressApp.use(idePage(config.ideDirectory));
  expressApp.use(
    "/graphql",
    requireJson,
    express.json({ limit: config.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: ({ req }) =>
        Promise.resolve({
          playerToken: bearerToken(req.headers.authorization),
          games: app.games,
          clientAddress: req.ip,
        }),
    }),
  );

  // The web client at `/`, same origin as the API; after /graphql so it can never shadow it.
  expressApp.use(webClient(config.webDirectory));

  // Body-parser's refusals (bad JSON, too large) as GraphQL-shaped errors with a code.
  const bodyErrors: ErrorRequestHandler = (
    error: { type?: string; status?: number },
    _req,
    res,
    next,
  ) => {
    const refusal =
      error.type === "entity.too.large"
        ? httpError(
            413,
            "PAYLOAD_TOO_LARGE",
            `The request body is larger than ${config.maxBodyBytes} bytes.`,
          )
        : error.type === "entity.parse.failed"
          ? httpError(400, "BAD_REQUEST", "The request body is not valid JSON.")
          : error.status === 415
            ? httpError(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "The request body's charset or encoding is not supported: send UTF-8 JSON.",
              )
            : error.status && error.status >= 400 && error.status < 500
              ? httpError(error.status, "BAD_REQUEST", "The request could not be read.")
              : undefined;
    if (!refusal) {
      next(error);
      return;
    }
    res.status(refusal.status).json(refusal.body);
  };
  expressApp.use(bodyErrors);
  expressApp.use(((error: unknown, _req, res, _next) => {
    logger.error({ err: error }, "unhandled HTTP error");
    res.status(500).json(httpError(500, "INTERNAL_SERVER_ERROR", "Internal server error").body);
  }) as ErrorRequestHandler);

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
      // only then are the store's connections closed (STACK.md: quit Redis after the WS server).
      await apollo.stop();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      await app.close();
    },
  };
}
