import type { RequestHandler } from "express";
import type { GraphQLFormattedError } from "graphql";
import { OTHER_OPERATION, outcomeCode, type ServerMetrics } from "../server-metrics";

/** GET /metrics: the application's registry in Prometheus's text format. */
export function metricsRoute(metrics: ServerMetrics): RequestHandler {
  return (_req, res, next) => {
    metrics.registry.metrics().then((text) => {
      res.set("content-type", metrics.registry.contentType);
      res.set("cache-control", "no-store");
      res.send(text);
    }, next);
  };
}

/**
 * Counts the /graphql requests refused before GraphQL runs (not JSON, too large, unreadable, or
 * any middleware's GraphQL-shaped refusal such as a rate limit), which Apollo's plugin never
 * sees: they answer with `res.json({ errors })`, which Apollo itself never calls. Their operation
 * is "other" (the body was not read as GraphQL).
 */
export function countRefusals(metrics: ServerMetrics): RequestHandler {
  return (_req, res, next) => {
    const start = process.hrtime.bigint();
    const json = res.json.bind(res);
    res.json = (body?: unknown) => {
      const errors = (body as { errors?: unknown } | undefined)?.errors;
      if (Array.isArray(errors) && errors.length > 0) {
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        metrics.record(
          "http",
          OTHER_OPERATION,
          outcomeCode(errors as GraphQLFormattedError[]),
          seconds,
        );
      }
      return json(body);
    };
    next();
  };
}
