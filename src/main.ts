import "reflect-metadata";
import { composeApplication, serverOptions } from "./compose-application";
import { ConfigError, loadConfig, type Config } from "./infrastructure/config";
import { createLogger } from "./infrastructure/logger";
import { createDwemthyServer } from "./graphql/server";

/** Starts the server; stops it gracefully on SIGTERM/SIGINT and exits 0. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config);
  // A safety net: a stray rejection (a Redis call nobody awaited) is logged, never fatal.
  process.on("unhandledRejection", (reason) =>
    logger.error({ err: reason }, "unhandled promise rejection"),
  );

  const app = await composeApplication(config, logger);
  const server = await createDwemthyServer(serverOptions(config), app);
  const port = await server.listen();
  // Where a newcomer clicks: a wildcard address is reached as localhost.
  const host = ["0.0.0.0", "::", ""].includes(config.host) ? "localhost" : config.host;
  const base = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const production = config.nodeEnv === "production";
  const store =
    app.store === "memory"
      ? "the embedded in-memory store (games are lost on restart; set REDIS_URL to use Redis)"
      : app.store === "redis"
        ? "Redis"
        : "Redis Cluster";
  logger.info(
    {
      port,
      host: config.host,
      store: app.store,
      nodeEnv: config.nodeEnv,
      webClient: `${base}/`,
      ...(production ? {} : { ide: `${base}/graphql` }),
      api: `${base}/graphql`,
    },
    production
      ? `dwemthy listening on ${base}/graphql, on ${store}`
      : `dwemthy listening: play at ${base}/ , try queries at ${base}/graphql (the IDE); on ${store}`,
  );

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, "shutting down: finishing in-flight requests");
    server.stop().then(
      () => {
        logger.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "error while stopping");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `dwemthy failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
