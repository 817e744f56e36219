import fc from "fast-check";
import type { BattleEvent } from "../../src/domain/battle-event";
import { DomainError } from "../../src/domain/domain-error";
import type { GameAndEvents, GameService } from "../../src/domain/game-service";
import type { MonsterSpec } from "../../src/domain/monster";
import type { Weapon } from "../../src/domain/weapon";
import type { RedisClient } from "../../src/infrastructure/redis-client";
import { RedisGameRepository } from "../../src/infrastructure/redis-game-repository";
import { played, startSeeded } from "../support/play";
import { connectedClient, uniquePrefix } from "../support/redis";
import { gameServiceOn } from "../support/services";

// Many attacks on one game at once, against a real Redis: every turn is applied exactly once or
// refused with CONFLICT, and the stored game is the serial replay of the applied turns.

/** A monster no rabbit kills in 100 turns, so the game never ends and no attack is GAME_OVER. */
const STURDY: MonsterSpec[] = [
  { name: "Colossus", life: 1_000_000, strength: 1, charisma: 10, weapon: 1 },
];
const SEED = 20_240_611;
const ATTACKS = 100;
const MAX_RETRIES = 3;
const STORE = { ttlMs: 600_000, maxEvents: 100_000 };

/** Seeded random weapons, about half of them bombs (there are only three). */
function randomWeapons(seed: number): Weapon[] {
  const weapon = fc.oneof(
    { arbitrary: fc.constant<Weapon>("BOMB"), weight: 4 },
    { arbitrary: fc.constantFrom<Weapon>("BOOMERANG", "SWORD", "LETTUCE"), weight: 4 },
  );
  return fc.sample(weapon, { seed, numRuns: ATTACKS });
}

/**
 * Fires every weapon at once at one game, attack i through services[i % n], then checks the
 * outcome against a serial replay of the applied weapons in turn order.
 */
async function raceAndCheck(services: readonly GameService[], weapons: readonly Weapon[]) {
  const owner = services[0]!;
  const {
    game,
    playerToken,
    events: opening,
  } = await owner.startGame({
    seed: SEED,
    monsters: STURDY,
  });

  const outcomes = await Promise.allSettled(
    weapons.map((weapon, i) => services[i % services.length]!.attack(game.id, weapon, playerToken)),
  );

  // Each attack is either applied (resolved) or refused with CONFLICT: nothing else.
  const applied: { weapon: Weapon; result: GameAndEvents }[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.status === "fulfilled") {
      applied.push({ weapon: weapons[i]!, result: outcome.value });
    } else {
      expect(outcome.reason).toBeInstanceOf(DomainError);
      expect(outcome.reason).toMatchObject({ code: "CONFLICT" });
    }
  });
  expect(applied.length).toBeGreaterThan(0);

  // The applied attacks got turns 1..N, each once.
  const n = applied.length;
  applied.sort((a, b) => a.result.game.turn - b.result.game.turn);
  expect(applied.map((a) => a.result.game.turn)).toEqual(
    Array.from({ length: n }, (_, i) => i + 1),
  );
  expect(applied.map((a) => a.result.game.version)).toEqual(
    Array.from({ length: n }, (_, i) => i + 1),
  );

  // A serial replay of the applied weapons in turn order is the same battle, turn by turn.
  const replay = startSeeded(SEED, STURDY);
  expect(opening).toEqual(replay.events);
  const log: BattleEvent[] = [...replay.events];
  for (const { weapon, result } of applied) {
    const events = replay.game.attack(weapon).events;
    expect(result.events).toEqual(events);
    expect(played(result.game)).toEqual(played(replay.game.toState()));
    log.push(...events);
  }

  const stored = (await owner.getGame(game.id))!;
  expect(stored.turn).toBe(n);
  expect(stored.version).toBe(n);
  expect(stored.status).toBe("IN_PROGRESS");
  expect(played(stored)).toEqual(played(replay.game.toState()));
  expect(stored).toEqual(applied.at(-1)!.result.game);
  expect(await owner.recentEvents(game.id, STORE.maxEvents)).toEqual(log);

  // Bombs: one spent per applied bomb while there are any, never below 0.
  const bombs = applied.filter((a) => a.weapon === "BOMB").length;
  expect(stored.rabbit.bombs).toBe(Math.max(0, 3 - bombs));
  expect(stored.rabbit.bombs).toBeGreaterThanOrEqual(0);
  expect(log.filter((e) => e.type === "BombsRanOut")).toHaveLength(Math.max(0, bombs - 3));
  for (const { result } of applied) expect(result.game.rabbit.bombs).toBeGreaterThanOrEqual(0);

  return { applied: n, conflicts: weapons.length - n, bombs };
}

describe("concurrent attacks on one game (Redis)", () => {
  const clients: RedisClient[] = [];

  /** A GameService on a Redis connection of its own. */
  async function serviceOnNewConnection(
    prefix: string,
    maxRetries = MAX_RETRIES,
  ): Promise<GameService> {
    const client = await connectedClient();
    clients.push(client);
    const repository = new RedisGameRepository(client, { ...STORE, keyPrefix: prefix });
    return gameServiceOn(repository, { maxRetries });
  }

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.quit()));
  });

  it("through one service: each attack applied exactly once or CONFLICT; state = serial replay", async () => {
    const service = await serviceOnNewConnection(uniquePrefix());
    const weapons = randomWeapons(1);
    expect(weapons.filter((w) => w === "BOMB").length).toBeGreaterThan(20);

    await raceAndCheck([service], weapons);
  });

  it("through two services on two connections: the same guarantees", async () => {
    const prefix = uniquePrefix();
    const services = [await serviceOnNewConnection(prefix), await serviceOnNewConnection(prefix)];

    await raceAndCheck(services, randomWeapons(2));
  });

  it("with enough retries for everyone (one race lost per turn of another): all 100 applied", async () => {
    // An attack loses a race only to another attack's commit, and there are 99 others.
    const prefix = uniquePrefix();
    const services = [
      await serviceOnNewConnection(prefix, ATTACKS - 1),
      await serviceOnNewConnection(prefix, ATTACKS - 1),
    ];

    const { applied, bombs } = await raceAndCheck(services, randomWeapons(3));

    expect(applied).toBe(ATTACKS);
    expect(bombs).toBeGreaterThan(3);
  });
});
