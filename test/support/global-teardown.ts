/** Stops the redis-server the global setup started, if it started one. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__DWEMTHY_REDIS__?.stop();
}
