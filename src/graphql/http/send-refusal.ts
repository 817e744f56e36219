import type { RequestHandler, Response } from "express";
import type { GraphQLFormattedError } from "graphql";
import type { ErrorCode } from "../error-codes";
import { OTHER_OPERATION, outcomeCode, type ServerMetrics } from "../server-metrics";

/** What {@link countRefusals} leaves in `res.locals`: the registry to count in, and since when. */
interface RefusalCounting {
  metrics: ServerMetrics;
  start: bigint;
}

/** The `res.locals` key of a /graphql request's {@link RefusalCounting}. */
const COUNTING = "dwemthyRefusalCounting";

/**
 * Marks a /graphql request as one whose refusals are counted (mounted on /graphql only, so a
 * failing /readyz or /metrics is no GraphQL request in the metrics) and notes when it arrived,
 * for the duration. Express's `res.locals` is documented as the place for such per-request values.
 */
export function countRefusals(metrics: ServerMetrics): RequestHandler {
  return (_req, res, next) => {
    const counting: RefusalCounting = { metrics, start: process.hrtime.bigint() };
    res.locals[COUNTING] = counting;
    next();
  };
}

/**
 * Answers a request refused before GraphQL runs (not JSON, too large, unreadable, an internal
 * error), which Apollo's metrics plugin never sees, and counts it when {@link countRefusals}
 * marked the request: one dwemthy_graphql_requests_total{transport="http",operation="other"}
 * increment under the code (bounded to the known codes), and its duration. The operation is
 * "other": the body was never read as GraphQL. Every such refusal goes through here, so none is
 * answered without being counted.
 */
export function sendRefusal(res: Response, status: number, code: ErrorCode, message: string): void {
  // Shaped like a GraphQL response, so clients read it as they read any other.
  const errors: GraphQLFormattedError[] = [{ message, extensions: { code } }];
  const counting = res.locals[COUNTING] as RefusalCounting | undefined;
  if (counting) {
    const seconds = Number(process.hrtime.bigint() - counting.start) / 1e9;
    counting.metrics.record("http", OTHER_OPERATION, outcomeCode(errors), seconds);
  }
  res.status(status).json({ errors });
}
