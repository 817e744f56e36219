import "reflect-metadata";
import { pino } from "pino";
import { composeApplication, serverOptions } from "../../../src/compose-application";
import { createDwemthyServer, type DwemthyServer } from "../../../src/graphql/server";
import { loadConfig } from "../../../src/infrastructure/config";

/**
 * Each HTTP_*_TIMEOUT_MS of the README's configuration table reaches the node:http server that
 * main.ts starts: from the environment through loadConfig, serverOptions and createDwemthyServer,
 * as main.ts wires them. Every value differs from Node's default and from the others, so one
 * setting left at Node's default, or two swapped, fails. (The e2e connection-limits test shows a
 * slow client cut off with 408 on the real server process.)
 */
describe("the HTTP timeouts from the configuration", () => {
  let server: DwemthyServer | undefined;

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it("are the node:http server's headersTimeout, requestTimeout, keepAliveTimeout and socket timeout", async () => {
    const config = loadConfig({
      NODE_ENV: "test",
      HTTP_HEADERS_TIMEOUT_MS: "4100",
      HTTP_REQUEST_TIMEOUT_MS: "9100",
      HTTP_KEEP_ALIVE_TIMEOUT_MS: "61100",
      HTTP_SOCKET_TIMEOUT_MS: "120100",
    });
    // No REDIS_URL: the embedded store, so the test needs no Redis.
    const app = await composeApplication(config, pino({ level: "silent" }));
    server = await createDwemthyServer(
      { ...serverOptions(config), host: "127.0.0.1", port: 0 },
      app,
    );
    await server.listen();

    const {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout,
      timeout,
      connectionsCheckingInterval,
    } = server.httpServer as typeof server.httpServer & { connectionsCheckingInterval: number };
    expect({ headersTimeout, requestTimeout, keepAliveTimeout, timeout }).toEqual({
      headersTimeout: 4100,
      requestTimeout: 9100,
      keepAliveTimeout: 61100,
      timeout: 120100,
    });
    // Deadlines are checked this often: well within the headers timeout, not Node's 30 s.
    expect(connectionsCheckingInterval).toBeLessThanOrEqual(410);
  });

  it("default to the README's values", async () => {
    const config = loadConfig({ NODE_ENV: "test" });
    const app = await composeApplication(config, pino({ level: "silent" }));
    server = await createDwemthyServer(
      { ...serverOptions(config), host: "127.0.0.1", port: 0 },
      app,
    );
    await server.listen();

    const { headersTimeout, requestTimeout, keepAliveTimeout, timeout } = server.httpServer;
    expect({ headersTimeout, requestTimeout, keepAliveTimeout, timeout }).toEqual({
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      keepAliveTimeout: 5_000,
      timeout: 60_000,
    });
  });
});
