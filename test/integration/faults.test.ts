import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import type { BattleEvent } from "../../src/domain/battle-event";
import { DomainError } from "../../src/domain/domain-error";
import type { GameState } from "../../src/domain/game";
import type { GameChange } from "../../src/domain/game-change";
import type { CommitOutcome } from "../../src/domain/game-repository.port";
import type { GameAndEvents, GameService } from "../../src/domain/game-service";
import type { MonsterSpec } from "../../src/domain/monster";
import type { Weapon } from "../../src/domain/weapon";
import {
  createRedisClient,
  waitUntilReady,
  type RedisClient,
} from "../../src/infrastructure/redis-client";
import {
  RedisGameRepository,
  type RedisStoreOptions,
} from "../../src/infrastructure/redis-game-repository";
import { play, played, startSeeded } from "../support/play";
import { rejection } from "../support/rejection";
import { uniquePrefix } from "../support/redis";
import { startRedisServer, type RedisServer } from "../support/redis-server";
import { gameServiceOn } from "../support/services";

// Redis killed, paused and restarted under a running service. Each test has a redis-server of
// its own (append-only file fsynced on every write, so a killed server keeps what it acknowledged).
// What must hold: the service fails fast with STORE_UNAVAILABLE instead of hanging or crashing,
// recovers by itself on the same client, and the stored game is always at a whole turn: exactly
// the serial replay of the turns it holds.

const TEST_TIMEOUT_MS = 20_000;
const STORE = { ttlMs: 600_000, maxEvents: 100_000 };
/** A monster no rabbit kills in these tests, so no attack is GAME_OVER. */
const STURDY: MonsterSpec[] = [
  { name: "Colossus", life: 1_000_000, strength: 1, charisma: 10, weapon: 1 },
];

const weaponArb = fc.oneof(
  { arbitrary: fc.constant<Weapon>("BOMB"), weight: 1 },
  { arbitrary: fc.constantFrom<Weapon>("BOOMERANG", "SWORD", "LETTUCE"), weight: 3 },
);

/** `count` seeded random weapons. */
function randomWeapons(seed: number, count: number): Weapon[] {
  return fc.sample(weaponArb, { seed, numRuns: count });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isDomainError(error: unknown, code: string): boolean {
  return error instanceof DomainError && error.code === code;
}

async function expectUnavailable(promise: Promise<unknown>): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ code: "STORE_UNAVAILABLE" });
}

/** The pid of the redis-server listening on `port` (its process title names the port). */
function redisPid(port: number): number {
  const out = execFileSync("pgrep", ["-f", `^redis-server [^ ]*:${port}( |$)`], {
    encoding: "utf8",
  });
  const pids = out.split(/\s+/).filter(Boolean).map(Number);
  if (pids.length !== 1) throw new Error(`expected one redis-server on ${port}, got ${out}`);
  return pids[0]!;
}

/** Calls `call` until the store answers (bounded), for a service waiting for Redis to be back. */
async function untilAnswers<T>(call: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!isDomainError(error, "STORE_UNAVAILABLE") || Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

/** The Redis store, calling `beforeCommit` with the number of each commit just before it is sent. */
class HookedRedisGameRepository extends RedisGameRepository {
  private commits = 0;

  constructor(
    redis: RedisClient,
    options: RedisStoreOptions,
    private readonly beforeCommit: (commit: number) => void,
  ) {
    super(redis, options);
  }

  override commit(
    game: GameState,
    change: GameChange,
    events: readonly BattleEvent[],
  ): Promise<CommitOutcome> {
    this.commits += 1;
    this.beforeCommit(this.commits);
    return super.commit(game, change, events);
  }
}

describe("Redis faults under a running GameService", () => {
  let server: RedisServer | undefined;
  let client: RedisClient | undefined;
  let pausedPid: number | undefined;
  /** The server's data directory, which stop() keeps for a persistent server. */
  let dataDir: string | undefined;

  // An unhandled rejection fails the test it happens in (jest-circus reports it as the test's
  // error, checked by hand with a deliberate one), so each test here also proves there was none.
  afterEach(async () => {
    client?.disconnect();
    client = undefined;
    if (pausedPid !== undefined) process.kill(pausedPid, "SIGCONT");
    pausedPid = undefined;
    await server?.stop();
    server = undefined;
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });

  /** A persistent redis-server of this test's own, and a service on one client of it. */
  async function setUp(
    options: {
      commandTimeoutMs?: number;
      maxRetries?: number;
      beforeCommit?: (commit: number) => void;
    } = {},
  ): Promise<GameService> {
    server = await startRedisServer({ persistent: true });
    client = createRedisClient(
      { url: server.url, commandTimeoutMs: options.commandTimeoutMs },
      // Connection errors while Redis is down are expected; the listener keeps them from crashing.
      () => undefined,
    );
    await waitUntilReady(client);
    const [, dir] = (await client.config("GET", "dir")) as [string, string];
    expect(dir).toMatch(/dwemthy-redis-/);
    dataDir = dir;
    const store = { ...STORE, keyPrefix: uniquePrefix() };
    const repository = new HookedRedisGameRepository(
      client,
      store,
      options.beforeCommit ?? (() => undefined),
    );
    return gameServiceOn(repository, { maxRetries: options.maxRetries ?? 3 });
  }

  function pause(): void {
    pausedPid = redisPid(server!.port);
    process.kill(pausedPid, "SIGSTOP");
  }

  function resume(): void {
    process.kill(pausedPid!, "SIGCONT");
    pausedPid = undefined;
  }

  /**
   * Checks the stored game is at a whole turn: exactly the serial replay, from the seed, of the
   * first `turn` of the weapons sent (state, dice and the whole event log). Returns it.
   */
  async function expectWholeTurn(
    service: GameService,
    gameId: string,
    seed: number,
    sent: readonly Weapon[],
  ): Promise<GameState> {
    const stored = (await service.getGame(gameId))!;
    expect(stored.turn).toBeLessThanOrEqual(sent.length);
    expect(stored.version).toBe(stored.turn);
    const replay = startSeeded(seed, STURDY);
    const log = [...replay.events, ...play(replay.game, sent.slice(0, stored.turn))];
    expect(played(stored)).toEqual(played(replay.game.toState()));
    expect(await service.recentEvents(gameId, STORE.maxEvents)).toEqual(log);
    return stored;
  }

  /** A new attack works again, as turn `stored.turn + 1` of the same battle. */
  async function expectPlaysOn(
    service: GameService,
    gameId: string,
    token: string,
    seed: number,
    stored: GameState,
    sent: readonly Weapon[],
  ): Promise<void> {
    const { game } = await service.attack(gameId, "SWORD", token);
    expect(game.turn).toBe(stored.turn + 1);
    expect(game.version).toBe(stored.version + 1);
    await expectWholeTurn(service, gameId, seed, [...sent.slice(0, stored.turn), "SWORD"]);
  }

  it(
    "Redis killed during sequential attacks: STORE_UNAVAILABLE, no crash; after restart the same client recovers at a whole turn",
    async () => {
      const seed = 4242;
      const service = await setUp();
      const { game, playerToken } = await service.startGame({ seed, monsters: STURDY });
      const weapons = randomWeapons(1, 20);
      const killAt = 8;
      const sent: Weapon[] = [];
      const outcomes: ("resolved" | "unavailable")[] = [];
      let killed: Promise<void> | undefined;

      for (const [i, weapon] of weapons.entries()) {
        sent.push(weapon);
        const attack = service.attack(game.id, weapon, playerToken);
        // The kill lands while this attack is in flight.
        if (i === killAt) killed = server!.stop(true);
        try {
          const { game: after } = await attack;
          expect(after.turn).toBe(i + 1);
          outcomes.push("resolved");
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect(error).toMatchObject({ code: "STORE_UNAVAILABLE" });
          outcomes.push("unavailable");
        }
        if (i === killAt) await killed;
      }

      // Before the kill every attack went through, after it none did.
      expect(outcomes.slice(0, killAt)).toEqual(Array(killAt).fill("resolved"));
      expect(outcomes.slice(killAt + 1)).toEqual(
        Array(weapons.length - killAt - 1).fill("unavailable"),
      );
      // Every other use case fails the same way while Redis is down.
      await expectUnavailable(service.startGame({ seed }));
      await expectUnavailable(service.getGame(game.id));
      await expectUnavailable(service.recentEvents(game.id, 10));
      await expectUnavailable(service.updateMonster(game.id, "1", { life: 5 }, playerToken));
      await expectUnavailable(service.abandonGame(game.id, playerToken));

      await server!.restart();

      const back = await untilAnswers(() => service.getGame(game.id));
      expect(back).toBeDefined();
      // Every acknowledged turn survived; the one in flight at the kill may have been applied.
      const acknowledged = outcomes.filter((o) => o === "resolved").length;
      expect(back!.turn).toBeGreaterThanOrEqual(acknowledged);
      expect(back!.turn).toBeLessThanOrEqual(killAt + 1);
      const stored = await expectWholeTurn(service, game.id, seed, sent);
      await expectPlaysOn(service, game.id, playerToken, seed, stored, sent);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "Redis paused (SIGSTOP): the attack fails with STORE_UNAVAILABLE after the command timeout instead of hanging; after SIGCONT it plays on",
    async () => {
      const seed = 777;
      const service = await setUp({ commandTimeoutMs: 500 });
      const { game, playerToken } = await service.startGame({ seed, monsters: STURDY });
      const sent: Weapon[] = [];
      for (const weapon of randomWeapons(2, 5)) {
        sent.push(weapon);
        await service.attack(game.id, weapon, playerToken);
      }

      pause();
      sent.push("BOMB");
      await expectUnavailable(service.attack(game.id, "BOMB", playerToken));
      await expectUnavailable(service.getGame(game.id));
      resume();

      const back = await untilAnswers(() => service.getGame(game.id));
      expect([5, 6]).toContain(back!.turn);
      const stored = await expectWholeTurn(service, game.id, seed, sent);
      await expectPlaysOn(service, game.id, playerToken, seed, stored, sent);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "Redis paused while a turn is being committed: STORE_UNAVAILABLE, and after SIGCONT the game is at a whole turn",
    async () => {
      const seed = 778;
      // Redis is paused just before the commit of the 4th turn is sent.
      const service = await setUp({
        commandTimeoutMs: 500,
        beforeCommit: (commit) => {
          if (commit === 4) pause();
        },
      });
      const { game, playerToken } = await service.startGame({ seed, monsters: STURDY });
      const sent: Weapon[] = [];
      for (const weapon of randomWeapons(3, 3)) {
        sent.push(weapon);
        await service.attack(game.id, weapon, playerToken);
      }

      sent.push("LETTUCE");
      await expectUnavailable(service.attack(game.id, "LETTUCE", playerToken));
      expect(pausedPid).toBeDefined();
      resume();

      // The commit reached Redis before it stopped, so it may well be applied: a timeout says
      // nothing about that. Either way the game is at a whole turn.
      const back = await untilAnswers(() => service.getGame(game.id));
      expect([3, 4]).toContain(back!.turn);
      const stored = await expectWholeTurn(service, game.id, seed, sent);
      await expectPlaysOn(service, game.id, playerToken, seed, stored, sent);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "Redis killed with many attacks in flight: each resolved, STORE_UNAVAILABLE or CONFLICT; after restart the state is a serial replay",
    async () => {
      const seed = 9090;
      const workers = 8;
      const killAfter = 20;
      const service = await setUp({ maxRetries: 50 });
      const { game, playerToken } = await service.startGame({ seed, monsters: STURDY });
      const weapons = randomWeapons(4, 500);
      const attacks: { weapon: Weapon; result?: GameAndEvents; error?: unknown }[] = [];
      let resolved = 0;
      let killed: Promise<void> | undefined;

      // Each worker attacks again as soon as its previous attack is settled, until Redis is gone.
      const worker = async (): Promise<void> => {
        while (attacks.length < weapons.length) {
          const attack: (typeof attacks)[number] = { weapon: weapons[attacks.length]! };
          attacks.push(attack);
          try {
            attack.result = await service.attack(game.id, attack.weapon, playerToken);
            resolved += 1;
            if (resolved === killAfter) killed = server!.stop(true);
          } catch (error) {
            attack.error = error;
            if (isDomainError(error, "STORE_UNAVAILABLE")) return;
          }
        }
      };
      await Promise.all(Array.from({ length: workers }, worker));
      await killed;

      expect(killed).toBeDefined();
      for (const { error } of attacks) {
        if (error === undefined) continue;
        expect(error).toBeInstanceOf(DomainError);
        expect(["STORE_UNAVAILABLE", "CONFLICT"]).toContain((error as DomainError).code);
      }
      expect(attacks.filter((a) => isDomainError(a.error, "STORE_UNAVAILABLE"))).toHaveLength(
        workers,
      );
      const done = attacks.filter((a) => a.result !== undefined);
      const turns = done.map((a) => a.result!.game.turn);
      expect(new Set(turns).size).toBe(turns.length);
      await expectUnavailable(service.getGame(game.id));

      await server!.restart();

      const stored = (await untilAnswers(() => service.getGame(game.id)))!;
      const maxResolved = Math.max(...turns);
      expect(stored.turn).toBeGreaterThanOrEqual(maxResolved);
      expect(stored.version).toBe(stored.turn);
      const log = await service.recentEvents(game.id, STORE.maxEvents);

      // Turns the store holds but no caller heard of were played by attacks that failed with
      // STORE_UNAVAILABLE (their reply was lost): find which, each used at most once, so that the
      // serial replay is exactly the stored game and every resolved attack got its own turn.
      const byTurn = new Map(done.map((a) => [a.result!.game.turn, a]));
      const lost = attacks
        .filter((a) => isDomainError(a.error, "STORE_UNAVAILABLE"))
        .map((a) => a.weapon);
      expect(stored.turn - done.length).toBeLessThanOrEqual(lost.length);

      const search = (prefix: Weapon[], pool: Weapon[]): Weapon[] | undefined => {
        const replay = startSeeded(seed, STURDY);
        const events: BattleEvent[] = [...replay.events, ...play(replay.game, prefix)];
        const turn = prefix.length;
        const known = byTurn.get(turn);
        if (known) {
          const state = replay.game.toState();
          if (!isDeepStrictEqual(played(known.result!.game), played(state))) return undefined;
          const ofTurn = events.filter((e) => e.turn === turn);
          if (!isDeepStrictEqual(known.result!.events, ofTurn)) return undefined;
        }
        if (turn === stored.turn) {
          const same =
            isDeepStrictEqual(played(replay.game.toState()), played(stored)) &&
            isDeepStrictEqual(events, log);
          return same ? prefix : undefined;
        }
        const next = byTurn.get(turn + 1);
        const options = next ? [next.weapon] : [...new Set(pool)];
        for (const weapon of options) {
          const rest = next ? pool : pool.toSpliced(pool.indexOf(weapon), 1);
          const found = search([...prefix, weapon], rest);
          if (found) return found;
        }
        return undefined;
      };
      const history = search([], lost);

      expect(history).toBeDefined();
      expect(history).toHaveLength(stored.turn);
      const replayed = await expectWholeTurn(service, game.id, seed, history!);
      await expectPlaysOn(service, game.id, playerToken, seed, replayed, history!);
    },
    TEST_TIMEOUT_MS,
  );
});
