import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { BattleEvent } from "../../src/domain/battle-event";
import { Game, type GameState } from "../../src/domain/game";
import type { GameService } from "../../src/domain/game-service";
import type { MonsterSpec } from "../../src/domain/monster";
import type { Weapon } from "../../src/domain/weapon";
import { CryptoPlayerTokens } from "../../src/infrastructure/crypto-player-tokens";
import type { RedisClient } from "../../src/infrastructure/redis-client";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { diceFactory, played } from "../support/play";
import { connectedClient, rawClient, uniquePrefix } from "../support/redis";
import { gameServiceOn } from "../support/services";
import { keysOf, keysOfGame } from "./redis-support";

/**
 * Games stored before issue 10 changed the layout keep working: they are read as they are, and
 * their first commit writes them in the new layout (read old, write new).
 *
 * The older layout, as its scripts wrote it (git show 9f12e6e:src/infrastructure/redis-scripts.ts):
 * a game hash without the rabbit, a `rabbit` hash (life, strength, charisma, weapon, bombs), the
 * array list, monster hashes, and an events list of one JSON event per entry; every key with the
 * same TTL.
 */

const ARRAY: MonsterSpec[] = [
  { name: "Gnat", life: 30, strength: 2, charisma: 1, weapon: 1 },
  { name: "Stag Beetle", life: 120, strength: 9, charisma: 31, weapon: 5 },
];
const TTL_MS = 60_000;
const tokens = new CryptoPlayerTokens();

/** A game played `weapons` on the domain alone, with every event since its start. */
function playedGame(seed: number, weapons: readonly Weapon[]) {
  const { token, hash } = tokens.issue();
  const started = Game.start({
    id: randomUUID(),
    dice: diceFactory.fromSeed(seed),
    tokenHash: hash,
    monsters: ARRAY,
    now: 1_700_000_000_000,
  });
  const events = [...started.events];
  let game = started.game;
  for (const [i, weapon] of weapons.entries()) {
    events.push(...game.attack(weapon, 1_700_000_000_000 + (i + 1) * 1000).events);
    const state = game.toState();
    game = Game.restore(state, diceFactory.restore(state.dice));
  }
  return { state: game.toState(), events, token };
}

/** Writes a game exactly as the older layout's scripts did. */
async function writeLegacy(
  raw: Redis,
  prefix: string,
  state: GameState,
  events: readonly BattleEvent[],
): Promise<void> {
  const k = keysOf(prefix, state.id);
  const multi = raw.multi();
  multi.hset(k.game, {
    status: state.status,
    turn: String(state.turn),
    version: String(state.version),
    dice: state.dice,
    tokenHash: state.tokenHash,
    currentMonsterId: state.monsters[0]?.id ?? "",
    createdAt: String(state.createdAt),
    updatedAt: String(state.updatedAt),
    lastCommit: randomUUID(),
  });
  const { life, strength, charisma, weapon, bombs } = state.rabbit;
  multi.hset(k.rabbit, { life, strength, charisma, weapon, bombs });
  multi.rpush(k.array, ...state.monsters.map((m) => m.id));
  for (const m of state.monsters) {
    multi.hset(k.monster(m.id), {
      name: m.name,
      life: m.life,
      strength: m.strength,
      charisma: m.charisma,
      weapon: m.weapon,
    });
  }
  multi.rpush(k.events, ...events.map((e) => JSON.stringify(e)));
  for (const key of [
    k.game,
    k.rabbit,
    k.array,
    k.events,
    ...state.monsters.map((m) => k.monster(m.id)),
  ]) {
    multi.pexpire(key, TTL_MS);
  }
  await multi.exec();
}

describe("games stored in the older layout (rabbit hash, one JSON event per log entry)", () => {
  const prefix = uniquePrefix();
  let client: RedisClient;
  let raw: Redis;

  const serviceWith = (maxEvents: number): GameService =>
    gameServiceOn(new RedisGameRepository(client, { keyPrefix: prefix, ttlMs: TTL_MS, maxEvents }));

  beforeAll(async () => {
    client = await connectedClient();
    raw = rawClient();
  });
  afterAll(async () => {
    await client.quit();
    await raw.quit();
  });

  it("reads as it was stored: the game, its rabbit and its whole log", async () => {
    const { state, events } = playedGame(5, ["SWORD", "BOOMERANG", "LETTUCE"]);
    await writeLegacy(raw, prefix, state, events);
    const service = serviceWith(1_000);

    expect(await service.getGame(state.id)).toEqual(state);
    expect(await service.recentEvents(state.id, 1_000)).toEqual(events);
    expect(await service.recentEvents(state.id, 2)).toEqual(events.slice(-2));
    // Reading writes nothing: the older keys are all still there, as they were.
    const k = keysOf(prefix, state.id);
    expect(await raw.exists(k.rabbit)).toBe(1);
    expect(await raw.hexists(k.game, "rabbitLife")).toBe(0);
  });

  it("plays on: the next turn is the one the rules give, and is written in the new layout", async () => {
    const { state, events, token } = playedGame(7, ["SWORD", "SWORD"]);
    await writeLegacy(raw, prefix, state, events);
    const service = serviceWith(1_000);
    const k = keysOf(prefix, state.id);
    const legacyEntries = await raw.lrange(k.events, 0, -1);

    const reference = Game.restore(state, diceFactory.restore(state.dice));
    const expected = reference.attack("BOOMERANG", 0);
    const turn = await service.attack(state.id, "BOOMERANG", token);
    expect(turn.events).toEqual(expected.events);
    const after = await service.getGame(state.id);
    expect(after).toEqual(turn.game);
    expect(played(after!)).toEqual(played(reference.toState()));
    expect(after!.version).toBe(state.version + 1);

    // The rabbit moved into the game hash, whole; its old hash is gone.
    expect(await raw.exists(k.rabbit)).toBe(0);
    const gameHash = await raw.hgetall(k.game);
    expect({
      life: gameHash.rabbitLife,
      strength: gameHash.rabbitStrength,
      charisma: gameHash.rabbitCharisma,
      weapon: gameHash.rabbitWeapon,
      bombs: gameHash.rabbitBombs,
    }).toEqual({
      life: String(turn.game.rabbit.life),
      strength: String(turn.game.rabbit.strength),
      charisma: String(turn.game.rabbit.charisma),
      weapon: String(turn.game.rabbit.weapon),
      bombs: String(turn.game.rabbit.bombs),
    });
    // The old JSON entries stay, the turn is one new entry after them, and the count covers both.
    const entries = await raw.lrange(k.events, 0, -1);
    expect(entries.slice(0, -1)).toEqual(legacyEntries);
    expect(entries).toHaveLength(legacyEntries.length + 1);
    expect(entries.at(-1)?.startsWith("{")).toBe(false);
    expect(gameHash.loggedEvents).toBe(String(events.length + turn.events.length));
    expect(await service.recentEvents(state.id, 1_000)).toEqual([...events, ...turn.events]);
    // Every key left still expires.
    for (const key of await keysOfGame(raw, prefix, state.id)) {
      expect(await raw.pttl(key)).toBeGreaterThan(0);
    }
  });

  it("moves the rabbit over on a monster patch too, which logs no events", async () => {
    const { state, events, token } = playedGame(9, ["SWORD"]);
    await writeLegacy(raw, prefix, state, events);
    const service = serviceWith(1_000);
    const k = keysOf(prefix, state.id);

    const front = state.monsters[0]!;
    await service.updateMonster(state.id, front.id, { life: 3 }, token);
    expect(await raw.exists(k.rabbit)).toBe(0);
    expect(await service.getGame(state.id)).toEqual(
      expect.objectContaining({
        rabbit: state.rabbit,
        monsters: [{ ...front, life: 3 }, ...state.monsters.slice(1)],
        version: state.version + 1,
      }),
    );
    expect(await raw.llen(k.events)).toBe(events.length);
    expect(await raw.hget(k.game, "loggedEvents")).toBeNull();
    // The next turn counts the older entries, one event each.
    const turn = await service.attack(state.id, "SWORD", token);
    expect(await raw.hget(k.game, "loggedEvents")).toBe(String(events.length + turn.events.length));
  });

  it("keeps exactly the newest events when a mixed log is trimmed", async () => {
    const { state, events, token } = playedGame(11, ["SWORD", "SWORD", "SWORD", "SWORD"]);
    await writeLegacy(raw, prefix, state, events);
    const maxEvents = 5;
    const service = serviceWith(maxEvents);
    const k = keysOf(prefix, state.id);

    const all = [...events];
    for (let i = 0; i < 12; i++) {
      const game = await service.getGame(state.id);
      if (game?.status !== "IN_PROGRESS") break;
      all.push(...(await service.attack(state.id, "SWORD", token)).events);
    }
    expect(all.length).toBeGreaterThan(events.length + maxEvents + 10);
    expect(await service.recentEvents(state.id, 1_000)).toEqual(all.slice(-maxEvents));
    const entries = await raw.lrange(k.events, 0, -1);
    // The older JSON entries were the oldest, and went first; what is left is whole turns.
    expect(entries.filter((e) => e.startsWith("{"))).toEqual([]);
    const inEntries = entries.reduce((n, e) => n + e.split("\x1e").length - 1, 0);
    expect(await raw.hget(k.game, "loggedEvents")).toBe(String(inEntries));
    // At least the newest maxEvents events, and at most the slack (10) and one turn more.
    expect(inEntries).toBeGreaterThanOrEqual(maxEvents);
    expect(inEntries).toBeLessThanOrEqual(maxEvents + 10 + 3);
  });

  it("deletes every key of a game of the older layout, the rabbit hash too", async () => {
    const { state, events, token } = playedGame(13, []);
    await writeLegacy(raw, prefix, state, events);
    const service = serviceWith(1_000);
    await service.abandonGame(state.id, token);
    expect(await keysOfGame(raw, prefix, state.id)).toEqual([]);
  });
});
