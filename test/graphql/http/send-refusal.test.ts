import type { ErrorCode } from "../../../src/graphql/error-codes";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { countRefusals, sendRefusal } from "../../../src/graphql/http/send-refusal";
import { ServerMetrics } from "../../../src/graphql/server-metrics";

/**
 * sendRefusal answers a GraphQL-shaped error and, on a request countRefusals marked (those under
 * /graphql), counts exactly one dwemthy_graphql_requests_total{transport="http",operation="other"}
 * increment under its code, with its duration; a request it did not mark is answered, not counted.
 */
describe("sendRefusal", () => {
  let server: Server | undefined;

  afterEach(async () => {
    const closing = server;
    server = undefined;
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  });

  /** Serves /graphql (marked for counting) and /elsewhere (not), both refusing with `code`. */
  async function serve(metrics: ServerMetrics, code: string, delayMs = 0): Promise<string> {
    const app = express();
    app.use("/graphql", countRefusals(metrics));
    app.use((_req, res) => {
      // `code` may be one outside the list (MADE_UP), as a mistake would send.
      setTimeout(() => sendRefusal(res, 415, code as ErrorCode, "Send JSON."), delayMs);
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** The exposition's lines of the requests counter and of the duration histogram's count. */
  async function counted(metrics: ServerMetrics) {
    const lines = (await metrics.registry.metrics()).split("\n");
    const sum = lines.find((line) =>
      line.startsWith("dwemthy_graphql_request_duration_seconds_sum"),
    );
    return {
      requests: lines.filter((line) => line.startsWith("dwemthy_graphql_requests_total{")),
      durationCount: lines.filter((line) =>
        line.startsWith("dwemthy_graphql_request_duration_seconds_count"),
      ),
      durationSum: sum === undefined ? undefined : Number(sum.split(" ")[1]),
    };
  }

  it("answers the status with a GraphQL-shaped error, and counts it once under its code", async () => {
    const metrics = new ServerMetrics();
    const base = await serve(metrics, "UNSUPPORTED_MEDIA_TYPE", 20);

    const response = await fetch(`${base}/graphql`, { method: "POST", body: "query" });
    expect(response.status).toBe(415);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      errors: [{ message: "Send JSON.", extensions: { code: "UNSUPPORTED_MEDIA_TYPE" } }],
    });

    const { requests, durationCount, durationSum } = await counted(metrics);
    expect(requests).toEqual([
      'dwemthy_graphql_requests_total{transport="http",operation="other",code="UNSUPPORTED_MEDIA_TYPE"} 1',
    ]);
    expect(durationCount).toEqual([
      'dwemthy_graphql_request_duration_seconds_count{transport="http",operation="other"} 1',
    ]);
    // Timed from the request's arrival at countRefusals, so the handler's 20 ms are in it.
    expect(durationSum).toBeGreaterThanOrEqual(0.015);
    expect(durationSum).toBeLessThan(5);
  });

  it("counts a code outside the known set as OTHER, so it adds no series of its own", async () => {
    const metrics = new ServerMetrics();
    const base = await serve(metrics, "MADE_UP");

    const response = await fetch(`${base}/graphql`);
    expect(await response.json()).toEqual({
      errors: [{ message: "Send JSON.", extensions: { code: "MADE_UP" } }],
    });
    expect((await counted(metrics)).requests).toEqual([
      'dwemthy_graphql_requests_total{transport="http",operation="other",code="OTHER"} 1',
    ]);
  });

  it("answers a request countRefusals did not mark, counting nothing", async () => {
    const metrics = new ServerMetrics();
    const base = await serve(metrics, "INTERNAL_SERVER_ERROR");

    const response = await fetch(`${base}/elsewhere`);
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      errors: [{ message: "Send JSON.", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
    });
    expect(await counted(metrics)).toEqual({
      requests: [],
      durationCount: [],
      durationSum: undefined,
    });
  });

  it("leaves the response's json method express's own", async () => {
    const metrics = new ServerMetrics();
    const app = express();
    const json = express.response.json;
    app.use("/graphql", countRefusals(metrics));
    app.use((_req, res) => {
      res.json({ patched: res.json !== json, own: Object.hasOwn(res, "json") });
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await (await fetch(`${base}/graphql`)).json()).toEqual({ patched: false, own: false });
  });
});
