import type { RequestHandler } from "express";
import type { ServerMetrics } from "../server-metrics";

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
