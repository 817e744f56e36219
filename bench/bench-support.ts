import type { RedisClient } from "../src/infrastructure/redis-client";

/** A positive whole number from the environment (a bench knob), or the fallback when unset. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

/** The q-quantile (nearest rank) of ascending samples; NaN for none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/** The server's version, as INFO reports it. */
export async function redisVersion(client: RedisClient): Promise<string> {
  const info = await client.info("server");
  return /^redis_version:(\S+)/m.exec(info)?.[1] ?? "unknown";
}
