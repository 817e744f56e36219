import { startRedisServer, type RedisServer } from "./redis-server";

declare global {
  var __DWEMTHY_REDIS__: RedisServer | undefined;
}

/**
 * Starts one throwaway redis-server for the whole run unless REDIS_URL names one; workers read
 * REDIS_URL from the environment. Suites keep apart by key prefix, so none flushes the server.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.REDIS_URL) return;
  const server = await startRedisServer();
  globalThis.__DWEMTHY_REDIS__ = server;
  process.env.REDIS_URL = server.url;
}
