import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { BattleEvent } from "../../src/domain/battle-event";
import type { MonsterSpec } from "../../src/domain/monster";
import type { Weapon } from "../../src/domain/weapon";
import { startSeeded } from "../support/play";

/**
 * The key names of a game (README "Redis keys of a game"), written out here rather than taken from
 * the code under test.
 */
export function keysOf(prefix: string, gameId: string) {
  const base = `${prefix}:{${gameId}}`;
  return {
    game: `${base}:g`,
    array: `${base}:a`,
    events: `${base}:e`,
    channel: `${base}:b`,
    monster: (id: string) => `${base}:m:${id}`,
  };
}

/** A commit id as the game hash's `lc` (last commit) holds it: 72 random bits in 12 base64url characters. */
export const COMMIT_ID = /^[A-Za-z0-9_-]{12}$/;

/** A dice state as the game hash's `d` holds it: four 32-bit words in 22 base64url characters. */
export const DICE_STATE = /^[A-Za-z0-9_-]{22}$/;

/** The rabbit's fields as the game hash holds them. */
export function rabbitInGameHash(rabbit: {
  life: number;
  strength: number;
  charisma: number;
  weapon: number;
  bombs: number;
}): Record<string, string> {
  return {
    rl: String(rabbit.life),
    rs: String(rabbit.strength),
    rc: String(rabbit.charisma),
    rw: String(rabbit.weapon),
    rb: String(rabbit.bombs),
  };
}

/** The rabbit a game starts with (docs/rules.md), as the game hash holds it. */
export const FRESH_RABBIT = rabbitInGameHash({
  life: 10,
  strength: 2,
  charisma: 44,
  weapon: 4,
  bombs: 3,
});

/** The separators of a log entry (README): between events, and between an event's fields. */
export const RS = "\x1e";
export const US = "\x1f";

/** SHA-256 of a text in base64url, as the token hash must be. */
export function sha256Base64url(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64url");
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

/**
 * The log entry of one turn's events, written from the format README describes ("Redis keys of a
 * game"), independently of the store's own encoder, so the two can be checked against each other.
 */
export function logEntryOf(events: readonly BattleEvent[]): string {
  const weapon = { BOOMERANG: "B", SWORD: "S", LETTUCE: "L", BOMB: "X" } as const;
  const role = { RABBIT: "R", MONSTER: "M" } as const;
  let last = "";
  const name = (value: string): string => {
    const written = value === last ? "" : value;
    last = value;
    return written;
  };
  const fields = events.map((e) => {
    switch (e.type) {
      case "MonsterEmerged":
        return `E${e.monsterId}${US}${name(e.monster)}`;
      case "LettuceEaten":
        return `L${e.heal}`;
      case "BombsRanOut":
        return "O";
      case "RabbitWasTooDeadToFight":
        return "T";
      case "RabbitHitMonster":
        return `H${weapon[e.weapon]}${e.damage}${US}${name(e.monster)}`;
      case "MonsterHitRabbit":
        return `h${e.damage}${US}${name(e.monster)}`;
      case "MagickPoweredUp":
        return `P${role[e.role]}${e.power}${US}${name(e.creature)}`;
      case "CreatureDied":
        return `D${role[e.role]}${US}${name(e.creature)}`;
      case "ArrayDecimated":
        return "A";
    }
  });
  return [String(events[0]!.turn), ...fields].join(RS);
}
