import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { MonsterSpec } from "../../src/domain/monster";
import type { Weapon } from "../../src/domain/weapon";
import { startSeeded } from "../support/play";

/** The key names DESIGN.md gives, written out here rather than taken from the code under test. */
export function keysOf(prefix: string, gameId: string) {
  const base = `${prefix}:{${gameId}}`;
  return {
    game: `${base}:game`,
    rabbit: `${base}:rabbit`,
    array: `${base}:array`,
    events: `${base}:events`,
    channel: `${base}:battle`,
    monster: (id: string) => `${base}:monster:${id}`,
  };
}

/** SHA-256 hex of a text, as the token hash must be. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Every key of one game in Redis (the test may SCAN; the repository must not). */
export async function keysOfGame(raw: Redis, prefix: string, gameId: string): Promise<string[]> {
  const found = new Set<string>();
  let cursor = "0";
  do {
    const [next, batch] = await raw.scan(cursor, "MATCH", `${prefix}:{${gameId}}:*`, "COUNT", 1000);
    for (const key of batch) found.add(key);
    cursor = next;
  } while (cursor !== "0");
  return [...found].sort();
}

/** One key as raw Redis sees it. */
export type RawValue =
  | { type: "hash"; value: Record<string, string> }
  | { type: "list"; value: string[] }
  | { type: "string"; value: string | null }
  | { type: string; value: null };

/** Type and content of every key of a game, to prove that nothing was written. */
export async function snapshot(
  raw: Redis,
  prefix: string,
  gameId: string,
): Promise<Record<string, RawValue>> {
  const result: Record<string, RawValue> = {};
  for (const key of await keysOfGame(raw, prefix, gameId)) {
    const type = await raw.type(key);
    if (type === "hash") result[key] = { type, value: await raw.hgetall(key) };
    else if (type === "list") result[key] = { type, value: await raw.lrange(key, 0, -1) };
    else if (type === "string") result[key] = { type, value: await raw.get(key) };
    else result[key] = { type, value: null };
  }
  return result;
}

/** The PTTL of each given key. */
export async function pttls(raw: Redis, keys: readonly string[]): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const key of keys) result[key] = await raw.pttl(key);
  return result;
}

/** The first seed (from 1) whose first attack with `weapon` kills the front monster. */
export function seedThatKillsTheFront(monsters: readonly MonsterSpec[], weapon: Weapon): number {
  for (let seed = 1; seed < 10_000; seed++) {
    const { game } = startSeeded(seed, monsters);
    const events = game.attack(weapon).events;
    if (events.some((e) => e.type === "CreatureDied" && e.role === "MONSTER")) return seed;
  }
  throw new Error("no seed kills the front monster");
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` is true, polling; fails after `timeoutMs`. */
export async function waitUntil(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}
