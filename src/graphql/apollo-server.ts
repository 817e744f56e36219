import type { Server } from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { GraphQLError, OperationTypeNode, type GraphQLSchema } from "graphql";
import type { GraphQLContext } from "./context";
import { formatError, type ErrorFormatting } from "./error-mapping";
import { limitRules, OPERATION_LIMITS } from "./limits";
import type { RateLimitGate } from "./rate-limits";
import type { ServerMetrics } from "./server-metrics";

/** What Apollo Server (the HTTP side of the API) is built from. */
export interface ApolloOptions {
  schema: GraphQLSchema;
  httpServer: Server;
  production: boolean;
  /** Stack traces in error responses (development only). */
  stackTraces: boolean;
  formatting: ErrorFormatting;
  metrics: ServerMetrics | undefined;
  rateLimits: RateLimitGate | undefined;
  /** Closes the WebSocket connections when Apollo drains (before the store is let go of). */
  drainWebSockets: () => Promise<void>;
}

/**
 * Apollo Server for queries and mutations over HTTP, with the same limits as the WebSocket side,
 * introspection off in production, one error formatting, and these plugins: drain the HTTP
 * server then the WebSockets on stop, no cache hints, metrics, per-client rate limits, a clear
 * refusal of subscriptions over HTTP, and no landing page (its assets load from a CDN; the IDE is
 * served by this server instead).
 */
export function createApolloServer(options: ApolloOptions): ApolloServer<GraphQLContext> {
  const { metrics, rateLimits } = options;
  return new ApolloServer<GraphQLContext>({
    schema: options.schema,
    introspection: !options.production,
    // Apollo adds graphql's introspection rule itself when introspection is off.
    validationRules: limitRules({ introspection: true }),
    parseOptions: { maxTokens: OPERATION_LIMITS.maxTokens },
    hideSchemaDetailsFromClientErrors: options.production,
    includeStacktraceInErrorResponses: options.stackTraces,
    formatError: (formatted, error) => formatError(formatted, error, options.formatting),
    // Automatic persisted queries are not offered: clients send the query text.
    persistedQueries: false,
    // main.ts owns SIGTERM/SIGINT; Apollo's own handler (on unless NODE_ENV=test) would stop the
    // server behind its back and re-raise the signal.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      // No cache hints in this API: the default plugin would only wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      ...(metrics ? [metrics.apolloPlugin()] : []),
      // Per-client budgets, charged once an operation is resolved and before it runs (429 if over).
      ...(rateLimits ? [rateLimits.apolloPlugin()] : []),
      subscriptionsOverWebSocket(),
      drainOnStop(options.drainWebSockets),
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
}

/** Over HTTP a subscription would resolve to null: point the client at the WebSocket. */
function subscriptionsOverWebSocket(): ApolloServerPlugin<GraphQLContext> {
  return {
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
  };
}

/** Runs `drain` when Apollo drains its server (on stop, after HTTP stopped accepting). */
function drainOnStop(drain: () => Promise<void>): ApolloServerPlugin<GraphQLContext> {
  return {
    serverWillStart: () => Promise.resolve({ drainServer: drain }),
  };
}
