import type { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import type { Logger } from "pino";
import type { GameService } from "../../domain/game-service";
import { bearerToken, type GraphQLContext } from "../context";
import type { ServerMetrics } from "../server-metrics";
import type { CorsOrigins } from "../server-options";
import { graphqlCors } from "./cors";
import { faviconRoute } from "./favicon";
import { idePage } from "./ide-page";
import { metricsRoute } from "./metrics-route";
import { countRefusals, sendRefusal } from "./send-refusal";
import { webClient } from "./web-client";

/** What the HTTP routes are built from. */
export interface HttpRoutesOptions {
  apollo: ApolloServer<GraphQLContext>;
  games: GameService;
  /** Which store serves the games, and whether it answers now (for /readyz). */
  store: string;
  ready(): Promise<boolean>;
  production: boolean;
  maxBodyBytes: number;
  corsOrigins: CorsOrigins;
  ideDirectory: string;
  webDirectory: string;
  metrics: ServerMetrics | undefined;
  logger: Logger;
}

/**
 * The HTTP routes, in order: the tab icon, /healthz and /readyz, /metrics, then /graphql (CORS, the IDE for a
 * browser opening it outside production, JSON only, Apollo), the web client at `/`, and the
 * refusals of unreadable bodies as GraphQL-shaped errors with a code.
 */
export function mountHttpRoutes(app: Express, options: HttpRoutesOptions): void {
  const { metrics, maxBodyBytes } = options;
  app.get("/favicon.ico", faviconRoute);
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", (_req, res, next) => {
    options
      .ready()
      .then((ready) => {
        res
          .status(ready ? 200 : 503)
          .json({ status: ready ? "ready" : "unavailable", store: options.store });
      })
      .catch(next);
  });
  // Prometheus's scrape (before the web client's `/`), and the /graphql refusals Apollo never
  // sees (every sendRefusal after this point counts).
  if (metrics) {
    app.get("/metrics", metricsRoute(metrics));
    app.use("/graphql", countRefusals(metrics));
  }
  app.use("/graphql", graphqlCors(options.corsOrigins));
  if (!options.production) app.use(idePage(options.ideDirectory));
  app.use(
    "/graphql",
    requireJson,
    express.json({ limit: maxBodyBytes }),
    expressMiddleware(options.apollo, {
      context: ({ req }) =>
        Promise.resolve({
          playerToken: bearerToken(req.headers.authorization),
          games: options.games,
          clientAddress: req.ip,
        }),
    }),
  );
  // The web client at `/`, same origin as the API; after /graphql so it can never shadow it.
  app.use(webClient(options.webDirectory));
  app.use(bodyErrors(maxBodyBytes));
  app.use(((error: unknown, _req, res, next) => {
    options.logger.error({ err: error }, "unhandled HTTP error");
    // A response already under way cannot become an error: express closes it.
    if (res.headersSent) {
      next(error);
      return;
    }
    sendRefusal(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
  }) as ErrorRequestHandler);
}

const requireJson: RequestHandler = (req, res, next) => {
  if (req.method === "POST" && !req.is("application/json")) {
    sendRefusal(
      res,
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      "POST /graphql takes a JSON body: send Content-Type: application/json.",
    );
    return;
  }
  next();
};

/** Body-parser's refusals (bad JSON, too large) as GraphQL-shaped errors with a code. */
function bodyErrors(maxBodyBytes: number): ErrorRequestHandler {
  return (error: { type?: string; status?: number }, _req, res, next) => {
    if (error.type === "entity.too.large") {
      sendRefusal(
        res,
        413,
        "PAYLOAD_TOO_LARGE",
        `The request body is larger than ${maxBodyBytes} bytes.`,
      );
    } else if (error.type === "entity.parse.failed") {
      sendRefusal(res, 400, "BAD_REQUEST", "The request body is not valid JSON.");
    } else if (error.status === 415) {
      sendRefusal(
        res,
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        "The request body's charset or encoding is not supported: send UTF-8 JSON.",
      );
    } else if (error.status && error.status >= 400 && error.status < 500) {
      sendRefusal(res, error.status, "BAD_REQUEST", "The request could not be read.");
    } else {
      next(error);
    }
  };
}
