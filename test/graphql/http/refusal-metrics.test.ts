import "reflect-metadata";
import { pino } from "pino";
import { composeApplication, serverOptions } from "../../../src/compose-application";
import { createDwemthyServer, type DwemthyServer } from "../../../src/graphql/server";
import { loadConfig } from "../../../src/infrastructure/config";

/**
 * The server's refusals before GraphQL runs, as createDwemthyServer wires them: each answers a
 * GraphQL-shaped error and is counted once under transport "http", operation "other" and its code;
 * what Apollo answers is counted by Apollo's plugin alone, never a second time; and with
 * METRICS_ENABLED=false the refusals are answered the same. (No REDIS_URL: the embedded store.)
 */
describe("the /graphql refusals made before GraphQL runs", () => {
  let server: DwemthyServer | undefined;

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  async function start(env: Record<string, string>): Promise<string> {
    const config = loadConfig({ NODE_ENV: "test", MAX_BODY_BYTES: "1024", ...env });
    const app = await composeApplication(config, pino({ level: "silent" }));
    server = await createDwemthyServer(
      { ...serverOptions(config), host: "127.0.0.1", port: 0 },
      app,
    );
    return `http://127.0.0.1:${await server.listen()}`;
  }

  /** POSTs to /graphql; the status and the first error's code. */
  async function post(base: string, contentType: string, body: string) {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": contentType },
      body,
    });
    const json = (await response.json()) as { errors?: { extensions?: { code?: unknown } }[] };
    return { status: response.status, code: json.errors?.[0]?.extensions?.code };
  }

  const refusals = async (base: string) => [
    await post(base, "text/plain", "{ __typename }"),
    await post(base, "application/json; charset=latin1", '{"query":"{ __typename }"}'),
    await post(base, "application/json", JSON.stringify({ query: "x".repeat(2_000) })),
    await post(base, "application/json", "{"),
  ];
  const REFUSED = [
    { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
    { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
    { status: 413, code: "PAYLOAD_TOO_LARGE" },
    { status: 400, code: "BAD_REQUEST" },
  ];

  it("counts each once under its code, and what Apollo answers once more, as OK", async () => {
    const base = await start({});
    expect(await refusals(base)).toEqual(REFUSED);
    expect(await post(base, "application/json", '{"query":"{ __typename }"}')).toEqual({
      status: 200,
      code: undefined,
    });
    // Neither the scrape nor the probes are GraphQL requests.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    const text = await (await fetch(`${base}/metrics`)).text();
    const series = (name: string) =>
      text
        .split("\n")
        .filter((line) => line.startsWith(name))
        .sort();
    expect(series("dwemthy_graphql_requests_total{")).toEqual([
      'dwemthy_graphql_requests_total{transport="http",operation="other",code="BAD_REQUEST"} 1',
      'dwemthy_graphql_requests_total{transport="http",operation="other",code="OK"} 1',
      'dwemthy_graphql_requests_total{transport="http",operation="other",code="PAYLOAD_TOO_LARGE"} 1',
      'dwemthy_graphql_requests_total{transport="http",operation="other",code="UNSUPPORTED_MEDIA_TYPE"} 2',
    ]);
    expect(series("dwemthy_graphql_request_duration_seconds_count")).toEqual([
      'dwemthy_graphql_request_duration_seconds_count{transport="http",operation="other"} 5',
    ]);
  });

  it("answers them the same with METRICS_ENABLED=false", async () => {
    const base = await start({ METRICS_ENABLED: "false" });
    expect(await refusals(base)).toEqual(REFUSED);
  });
});
