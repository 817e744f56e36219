import type { BattleEvent } from "../../src/domain/battle-event";
import { BESTIARY } from "../../src/domain/bestiary";
import { DomainError } from "../../src/domain/domain-error";
import { Game, type GameState } from "../../src/domain/game";
import type { GameChange } from "../../src/domain/game-change";
import type {
  CommitOutcome,
  DeleteOutcome,
  GameRepository,
} from "../../src/domain/game-repository.port";
import type { GameService } from "../../src/domain/game-service";
import type { MonsterSpec } from "../../src/domain/monster";
import type { MonsterPatch } from "../../src/domain/monster-validation";
import { STARTING_RABBIT } from "../../src/domain/rabbit";
import { WEAPONS, type Weapon } from "../../src/domain/weapon";
import { InMemoryGameRepository } from "../../src/infrastructure/in-memory-game-repository";
import { diceFactory, play, played, startSeeded } from "../support/play";
import { rejection } from "../support/rejection";
import { gameServiceOn } from "../support/services";

// GameService on the embedded store (a real adapter): the use cases, their errors, and that a
// refused request changes nothing.

const OPTIONS = { ttlMs: 600_000, maxEvents: 10_000 };
const ALL_EVENTS = 10_000;

/** One weak monster: any hit but 0 kills it, and it never strikes back harder than 0. */
const GNAT: MonsterSpec = { name: "Gnat", life: 1, strength: 0, charisma: 0, weapon: 0 };
const SHORT_ARRAY: MonsterSpec[] = [
  { name: "Snail", life: 20, strength: 1, charisma: 10, weapon: 1 },
  { name: "GiantSlug", life: 35, strength: 3, charisma: 25, weapon: 2 },
  { name: "Newt", life: 12, strength: 2, charisma: 9, weapon: 0 },
];

/** A GameRepository that hands every call to a real InMemoryGameRepository, counting them. */
class CountingRepository implements GameRepository {
  readonly calls: Record<keyof GameRepository, number> = {
    create: 0,
    load: 0,
    commit: 0,
    delete: 0,
    recentEvents: 0,
  };

  constructor(readonly inner: InMemoryGameRepository) {}

  create(game: GameState, events: readonly BattleEvent[]): Promise<boolean> {
    this.calls.create += 1;
    return this.inner.create(game, events);
  }
  load(gameId: string): Promise<GameState | undefined> {
    this.calls.load += 1;
    return this.inner.load(gameId);
  }
  commit(game: GameState, change: GameChange, events: readonly BattleEvent[]) {
    this.calls.commit += 1;
    return this.inner.commit(game, change, events);
  }
  delete(gameId: string, expectedVersion?: number): Promise<DeleteOutcome> {
    this.calls.delete += 1;
    return this.inner.delete(gameId, expectedVersion);
  }
  recentEvents(gameId: string, limit: number): Promise<BattleEvent[]> {
    this.calls.recentEvents += 1;
    return this.inner.recentEvents(gameId, limit);
  }
}

/**
 * A store where someone else always gets there first: before each conditional write of the
 * service goes through, `interfere` writes to the same game through the real store underneath,
 * so the service's write (computed from the version it loaded) loses the race.
 */
class InterferingRepository extends CountingRepository {
  interferences = 0;

  constructor(
    inner: InMemoryGameRepository,
    private readonly interfere: (inner: InMemoryGameRepository, gameId: string) => Promise<void>,
    private readonly times = Number.POSITIVE_INFINITY,
  ) {
    super(inner);
  }

  override async commit(
    game: GameState,
    change: GameChange,
    events: readonly BattleEvent[],
  ): Promise<CommitOutcome> {
    await this.interfereOnce(game.id);
    return super.commit(game, change, events);
  }

  override async delete(gameId: string, expectedVersion?: number): Promise<DeleteOutcome> {
    await this.interfereOnce(gameId);
    return super.delete(gameId, expectedVersion);
  }

  private async interfereOnce(gameId: string): Promise<void> {
    if (this.interferences >= this.times) return;
    this.interferences += 1;
    await this.interfere(this.inner, gameId);
  }
}

/** Another player's turn with `weapon`, committed straight to the store from its current state. */
function concurrentTurn(weapon: Weapon) {
  return async (inner: InMemoryGameRepository, gameId: string): Promise<void> => {
    const current = await inner.load(gameId);
    if (!current) throw new Error(`game ${gameId} vanished`);
    const game = Game.restore(current, diceFactory.restore(current.dice));
    const { events, change } = game.attack(weapon);
    expect(await inner.commit(game.toState(), change, events)).toEqual({ status: "COMMITTED" });
  };
}

describe("GameService (on the in-memory store)", () => {
  let inner: InMemoryGameRepository;
  let store: CountingRepository;
  let service: GameService;

  beforeEach(() => {
    inner = new InMemoryGameRepository(OPTIONS);
    store = new CountingRepository(inner);
    service = gameServiceOn(store);
  });
  afterEach(() => inner.close());

  /** The stored game and its whole event log, to prove a refused request changed nothing. */
  async function snapshot(gameId: string) {
    return {
      game: await service.getGame(gameId),
      events: await service.recentEvents(gameId, ALL_EVENTS),
    };
  }

  /** Attacks with the boomerang until the array is decimated (bounded). */
  async function playToVictory(gameId: string, token: string): Promise<GameState> {
    for (let i = 0; i < 200; i++) {
      const { game } = await service.attack(gameId, "BOOMERANG", token);
      if (game.status === "VICTORY") return game;
    }
    throw new Error("no victory after 200 turns");
  }

  describe("startGame", () => {
    it("with no input starts on the bestiary: turn 0, IN_PROGRESS, one MonsterEmerged", async () => {
      const { game, events } = await service.startGame();

      expect(game.status).toBe("IN_PROGRESS");
      expect(game.turn).toBe(0);
      expect(game.version).toBe(0);
      expect(game.rabbit).toEqual({ ...STARTING_RABBIT });
      expect(game.monsters).toEqual(BESTIARY.map((m, i) => ({ id: String(i + 1), ...m })));
      expect(events).toEqual([
        {
          type: "MonsterEmerged",
          turn: 0,
          monsterId: "1",
          monster: "IndustrialRaverMonkey",
          message: "[Get ready. IndustrialRaverMonkey has emerged!]",
        },
      ]);
      expect(await service.getGame(game.id)).toEqual(game);
      expect(await service.recentEvents(game.id, ALL_EVENTS)).toEqual(events);
    });

    it("hands out a long base64url token and stores only something else (its hash)", async () => {
      const { game, playerToken } = await service.startGame();
      const other = await service.startGame();

      expect(playerToken).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      const stored = await service.getGame(game.id);
      expect(stored?.tokenHash).toEqual(expect.any(String));
      expect(stored?.tokenHash).not.toBe(playerToken);
      expect(stored?.tokenHash).not.toContain(playerToken);
      expect(JSON.stringify(stored)).not.toContain(playerToken);
      expect(other.playerToken).not.toBe(playerToken);
      expect(other.game.id).not.toBe(game.id);
    });

    it("from the same seed twice, the same weapons give identical events and states", async () => {
      const weapons: Weapon[] = ["BOOMERANG", "SWORD", "LETTUCE", "BOMB", "SWORD", "BOMB"];
      const a = await service.startGame({ seed: 1234 });
      const b = await service.startGame({ seed: 1234 });
      expect(b.events).toEqual(a.events);
      expect(b.game.dice).toBe(a.game.dice);

      for (const weapon of weapons) {
        const turnA = await service.attack(a.game.id, weapon, a.playerToken);
        const turnB = await service.attack(b.game.id, weapon, b.playerToken);
        expect(turnB.events).toEqual(turnA.events);
        expect(played(turnB.game)).toEqual(played(turnA.game));
      }
      const logA = await service.recentEvents(a.game.id, ALL_EVENTS);
      expect(await service.recentEvents(b.game.id, ALL_EVENTS)).toEqual(logA);

      // ...and they are the battle the rules play from that seed.
      const replay = startSeeded(1234);
      expect(logA).toEqual([...replay.events, ...play(replay.game, weapons)]);
      expect(played((await service.getGame(a.game.id))!)).toEqual(played(replay.game.toState()));
    });

    it.each([
      ["1.5", 1.5],
      ["2**31", 2 ** 31],
      ["-(2**31) - 1", -(2 ** 31) - 1],
      ["NaN", Number.NaN],
      ["Infinity", Number.POSITIVE_INFINITY],
    ])("refuses the seed %s: INVALID_SEED on field seed, nothing stored", async (_label, seed) => {
      const error = await rejection(service.startGame({ seed }));

      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "INVALID_SEED", field: "seed" });
      expect(store.calls.create).toBe(0);
    });

    it.each([
      ["-(2**31)", -(2 ** 31)],
      ["2**31 - 1", 2 ** 31 - 1],
      ["0", 0],
    ])("accepts the seed %s and plays from it", async (_label, seed) => {
      const { game, events } = await service.startGame({ seed, monsters: SHORT_ARRAY });

      const replay = startSeeded(seed, SHORT_ARRAY);
      expect(events).toEqual(replay.events);
      expect(game.dice).toBe(replay.game.toState().dice);
      expect(await service.getGame(game.id)).toEqual(game);
    });

    it.each<[string, unknown[], string]>([
      ["an empty array", [], "monsters"],
      ["a blank name", [{ ...GNAT, name: "  " }], "monsters[0].name"],
      ["life 0", [GNAT, { ...GNAT, life: 0 }], "monsters[1].life"],
      ["a fractional strength", [{ ...GNAT, strength: 1.5 }], "monsters[0].strength"],
      ["a negative charisma", [{ ...GNAT, charisma: -1 }], "monsters[0].charisma"],
      ["a weapon above the bound", [{ ...GNAT, weapon: 1_000_001 }], "monsters[0].weapon"],
      ["a stat that is a string", [{ ...GNAT, life: "5" }], "monsters[0].life"],
      ["101 monsters", Array.from({ length: 101 }, () => GNAT), "monsters"],
    ])("refuses %s: INVALID_MONSTER, nothing stored", async (_label, monsters, field) => {
      const error = await rejection(
        service.startGame({ monsters: monsters as MonsterSpec[], seed: 5 }),
      );

      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "INVALID_MONSTER", field });
      expect(store.calls.create).toBe(0);
    });
  });

  describe("attack", () => {
    it("returns the new state at version + 1, which is exactly what getGame reads afterwards", async () => {
      const { game: start, playerToken } = await service.startGame({ seed: 99 });
      const weapons: Weapon[] = ["SWORD", "BOOMERANG", "LETTUCE", "BOMB", "BOOMERANG"];
      const replay = startSeeded(99);
      let previous = start;

      for (const weapon of weapons) {
        const { game, events } = await service.attack(start.id, weapon, playerToken);

        expect(game.version).toBe(previous.version + 1);
        expect(game.turn).toBe(previous.turn + 1);
        expect(game.updatedAt).toBeGreaterThanOrEqual(previous.updatedAt);
        expect(game.createdAt).toBe(start.createdAt);
        expect(game.tokenHash).toBe(start.tokenHash);
        expect(await service.getGame(start.id)).toEqual(game);
        expect(events).toEqual(replay.game.attack(weapon).events);
        expect(events.every((e) => e.turn === game.turn)).toBe(true);
        expect(await service.recentEvents(start.id, events.length)).toEqual(events);
        expect(played(game)).toEqual(played(replay.game.toState()));
        previous = game;
      }
    });

    it.each([
      ["no token", undefined],
      ["an empty token", ""],
    ])("with %s is UNAUTHENTICATED, changing nothing", async (_label, token) => {
      const { game, playerToken } = await service.startGame({ seed: 3 });
      await service.attack(game.id, "SWORD", playerToken);
      const commits = store.calls.commit;
      const before = await snapshot(game.id);

      for (const weapon of WEAPONS) {
        const error = await rejection(service.attack(game.id, weapon, token));
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code: "UNAUTHENTICATED" });
      }
      expect(await snapshot(game.id)).toEqual(before);
      expect(store.calls.commit).toBe(commits);
    });

    it("with another game's token or a made-up one is FORBIDDEN, changing nothing", async () => {
      const { game, playerToken } = await service.startGame({ seed: 3 });
      await service.attack(game.id, "BOOMERANG", playerToken);
      const other = await service.startGame({ seed: 3 });
      const before = await snapshot(game.id);
      const otherBefore = await snapshot(other.game.id);
      const commits = store.calls.commit;

      for (const token of [other.playerToken, `${playerToken}x`, playerToken.slice(1), "nope"]) {
        const error = await rejection(service.attack(game.id, "BOMB", token));
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code: "FORBIDDEN" });
      }
      expect(await snapshot(game.id)).toEqual(before);
      expect(await snapshot(other.game.id)).toEqual(otherBefore);
      expect(store.calls.commit).toBe(commits);
    });

    it("on an unknown game is GAME_NOT_FOUND (field gameId), creating nothing", async () => {
      const { game, playerToken } = await service.startGame({ seed: 3 });
      const before = await snapshot(game.id);

      const error = await rejection(service.attack("no-such-game", "BOMB", playerToken));

      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "GAME_NOT_FOUND", field: "gameId" });
      expect(await service.getGame("no-such-game")).toBeUndefined();
      expect(await service.recentEvents("no-such-game", ALL_EVENTS)).toEqual([]);
      expect(await snapshot(game.id)).toEqual(before);
      expect(store.calls.commit).toBe(0);
    });

    it("after victory is GAME_OVER for every weapon, changing nothing", async () => {
      const { game, playerToken } = await service.startGame({ seed: 11, monsters: [GNAT] });
      const won = await playToVictory(game.id, playerToken);
      expect(won.monsters).toEqual([]);
      const before = await snapshot(game.id);
      expect(before.events.at(-1)).toMatchObject({ type: "ArrayDecimated", turn: won.turn });
      const commits = store.calls.commit;

      for (const weapon of WEAPONS) {
        const error = await rejection(service.attack(game.id, weapon, playerToken));
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code: "GAME_OVER" });
      }
      expect(await snapshot(game.id)).toEqual(before);
      expect(store.calls.commit).toBe(commits);
    });
  });

  describe("updateMonster", () => {
    it.each<[string, unknown, string]>([
      ["an empty patch", {}, "patch"],
      ["life 0", { life: 0 }, "patch.life"],
      ["a blank name", { name: " " }, "patch.name"],
      ["a fractional weapon", { weapon: 2.5 }, "patch.weapon"],
      ["a stat above the bound", { strength: 1_000_001 }, "patch.strength"],
    ])("refuses %s: INVALID_MONSTER, changing nothing", async (_label, patch, field) => {
      const { game, playerToken } = await service.startGame({ seed: 8 });
      const before = await snapshot(game.id);

      const error = await rejection(
        service.updateMonster(game.id, "2", patch as MonsterPatch, playerToken),
      );

      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "INVALID_MONSTER", field });
      expect(await snapshot(game.id)).toEqual(before);
      expect(store.calls.commit).toBe(0);
    });

    it("on a monster not in the array (unknown, or dead and gone) is MONSTER_NOT_FOUND, changing nothing", async () => {
      const { game, playerToken } = await service.startGame({
        seed: 8,
        monsters: [GNAT, ...SHORT_ARRAY],
      });
      // The gnat dies to the first hit that is not 0.
      for (let i = 0; i < 50 && (await service.getGame(game.id))!.monsters.length > 3; i++) {
        await service.attack(game.id, "BOOMERANG", playerToken);
      }
      expect((await service.getGame(game.id))!.monsters.map((m) => m.id)).toEqual(["2", "3", "4"]);
      const before = await snapshot(game.id);
      const commits = store.calls.commit;

      for (const monsterId of ["1", "99", ""]) {
        const error = await rejection(
          service.updateMonster(game.id, monsterId, { life: 5 }, playerToken),
        );
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code: "MONSTER_NOT_FOUND", field: "monsterId" });
      }
      expect(await snapshot(game.id)).toEqual(before);
      expect(store.calls.commit).toBe(commits);
    });

    it("needs the player's token: UNAUTHENTICATED, FORBIDDEN, and GAME_NOT_FOUND for no game", async () => {
      const { game } = await service.startGame({ seed: 8 });
      const other = await service.startGame({ seed: 8 });
      const before = await snapshot(game.id);

      for (const [token, code] of [
        [undefined, "UNAUTHENTICATED"],
        ["", "UNAUTHENTICATED"],
        [other.playerToken, "FORBIDDEN"],
        ["made-up", "FORBIDDEN"],
      ] as const) {
        const error = await rejection(service.updateMonster(game.id, "1", { life: 1 }, token));
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code });
      }
      const missing = await rejection(
        service.updateMonster("no-such-game", "1", { life: 1 }, other.playerToken),
      );
      expect(missing).toMatchObject({ code: "GAME_NOT_FOUND", field: "gameId" });
      expect(await snapshot(game.id)).toEqual(before);
      expect(store.calls.commit).toBe(0);
    });

    it("a good patch changes just those fields of that monster and bumps the version", async () => {
      const { game, playerToken } = await service.startGame({ seed: 8 });
      const before = await snapshot(game.id);
      const troll = before.game!.monsters[1]!;

      const updated = await service.updateMonster(
        game.id,
        "2",
        { life: 77, charisma: 0 },
        playerToken,
      );

      const expected = { ...troll, life: 77, charisma: 0 };
      expect(updated.monster).toEqual(expected);
      const after = await service.getGame(game.id);
      expect(updated.game).toEqual(after);
      expect(after).toEqual({
        ...before.game,
        version: before.game!.version + 1,
        updatedAt: expect.any(Number),
        monsters: before.game!.monsters.map((m) => (m.id === "2" ? expected : m)),
      });
      expect(after!.updatedAt).toBeGreaterThanOrEqual(before.game!.updatedAt);
      expect(await service.recentEvents(game.id, ALL_EVENTS)).toEqual(before.events);
    });

    it("the next attack fights the patched monster", async () => {
      const { game, playerToken } = await service.startGame({ seed: 21 });
      await service.updateMonster(
        game.id,
        "1",
        { name: "Pushover", strength: 0, weapon: 0 },
        playerToken,
      );
      const patched = (await service.getGame(game.id))!;
      expect(patched.monsters[0]).toMatchObject({ name: "Pushover", strength: 0, weapon: 0 });

      const { game: after, events } = await service.attack(game.id, "BOOMERANG", playerToken);

      // The boomerang deals at most 14: the monkey (46 life) survives and strikes back with 0.
      expect(events.find((e) => e.type === "RabbitHitMonster")).toMatchObject({
        monster: "Pushover",
      });
      expect(events.find((e) => e.type === "MonsterHitRabbit")).toMatchObject({
        monster: "Pushover",
        damage: 0,
      });
      const replay = Game.restore(patched, diceFactory.restore(patched.dice));
      expect(events).toEqual(replay.attack("BOOMERANG").events);
      expect(played(after)).toEqual(played(replay.toState()));
      expect(after.version).toBe(patched.version + 1);
    });
  });

  describe("expectedVersion", () => {
    it("updateMonster at the expected version changes it; at another is CONFLICT, changing nothing", async () => {
      const { game, playerToken } = await service.startGame({ seed: 8 });
      await service.attack(game.id, "LETTUCE", playerToken);
      const before = await snapshot(game.id);

      const error = await rejection(
        service.updateMonster(game.id, "1", { life: 3 }, playerToken, before.game!.version - 1),
      );

      expect(error).toMatchObject({ code: "CONFLICT", field: "expectedVersion" });
      expect((error as Error).message).toBe(
        `Game ${game.id} is at version ${before.game!.version}, not at version ${before.game!.version - 1} as expected; nothing was applied.`,
      );
      expect(await snapshot(game.id)).toEqual(before);
      const { game: after } = await service.updateMonster(
        game.id,
        "1",
        { life: 3 },
        playerToken,
        before.game!.version,
      );
      expect(after.version).toBe(before.game!.version + 1);
    });

    it("abandonGame at another version is CONFLICT and deletes nothing; at the expected one it deletes", async () => {
      const { game, playerToken } = await service.startGame({ seed: 8 });
      await service.attack(game.id, "SWORD", playerToken);
      const before = await snapshot(game.id);

      const error = await rejection(service.abandonGame(game.id, playerToken, 0));

      expect(error).toMatchObject({ code: "CONFLICT", field: "expectedVersion" });
      expect(store.calls.delete).toBe(0);
      expect(await snapshot(game.id)).toEqual(before);
      await service.abandonGame(game.id, playerToken, before.game!.version);
      expect(await service.getGame(game.id)).toBeUndefined();
    });

    it("abandonGame is CONFLICT when a turn lands between its check and the delete", async () => {
      const racing = new InterferingRepository(inner, concurrentTurn("LETTUCE"));
      const raced = gameServiceOn(racing);
      const { game, playerToken } = await raced.startGame({ seed: 9 });

      const error = await rejection(raced.abandonGame(game.id, playerToken, 0));

      expect(error).toMatchObject({ code: "CONFLICT", field: "expectedVersion" });
      expect(racing.interferences).toBe(1);
      expect(await inner.load(game.id)).toMatchObject({ version: 1, turn: 1 });
    });
  });

  describe("abandonGame", () => {
    it("deletes the game; a second abandon is GAME_NOT_FOUND", async () => {
      const { game, playerToken } = await service.startGame({ seed: 4 });
      await service.attack(game.id, "LETTUCE", playerToken);

      await service.abandonGame(game.id, playerToken);

      expect(await service.getGame(game.id)).toBeUndefined();
      expect(await service.recentEvents(game.id, ALL_EVENTS)).toEqual([]);
      const again = await rejection(service.abandonGame(game.id, playerToken));
      expect(again).toBeInstanceOf(DomainError);
      expect(again).toMatchObject({ code: "GAME_NOT_FOUND", field: "gameId" });
      expect(await rejection(service.attack(game.id, "BOMB", playerToken))).toMatchObject({
        code: "GAME_NOT_FOUND",
      });
    });

    it("needs the player's token, and leaves other games alone", async () => {
      const { game } = await service.startGame({ seed: 4 });
      const other = await service.startGame({ seed: 4 });
      const before = await snapshot(game.id);
      const otherBefore = await snapshot(other.game.id);

      for (const [token, code] of [
        [undefined, "UNAUTHENTICATED"],
        ["", "UNAUTHENTICATED"],
        [other.playerToken, "FORBIDDEN"],
      ] as const) {
        const error = await rejection(service.abandonGame(game.id, token));
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code });
      }
      expect(store.calls.delete).toBe(0);
      expect(await snapshot(game.id)).toEqual(before);

      await service.abandonGame(other.game.id, other.playerToken);
      expect(await service.getGame(other.game.id)).toBeUndefined();
      expect(await snapshot(game.id)).toEqual(before);
      expect(otherBefore.game).toMatchObject({ id: other.game.id });
    });
  });

  describe("lost races", () => {
    it("attack is CONFLICT after maxRetries + 1 lost races; only the other writes are stored", async () => {
      const racing = new InterferingRepository(inner, concurrentTurn("LETTUCE"));
      const raced = gameServiceOn(racing, { maxRetries: 2 });
      const { game, playerToken } = await raced.startGame({ seed: 77, monsters: SHORT_ARRAY });

      const error = await rejection(raced.attack(game.id, "BOOMERANG", playerToken));

      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "CONFLICT" });
      expect(racing.calls.commit).toBe(3);
      expect(racing.interferences).toBe(3);
      const replay = startSeeded(77, SHORT_ARRAY);
      const theirs = play(replay.game, ["LETTUCE", "LETTUCE", "LETTUCE"]);
      const stored = (await raced.getGame(game.id))!;
      expect(played(stored)).toEqual(played(replay.game.toState()));
      expect(stored.version).toBe(3);
      const log = await raced.recentEvents(game.id, ALL_EVENTS);
      expect(log).toEqual([...replay.events, ...theirs]);
      expect(log.some((e) => e.type === "RabbitHitMonster" && e.weapon === "BOOMERANG")).toBe(
        false,
      );
    });

    it("attack is CONFLICT when the monsters keep being edited; only those edits are stored", async () => {
      let edits = 0;
      const racing = new InterferingRepository(inner, async (store, gameId) => {
        const current = (await store.load(gameId))!;
        edits += 1;
        const edited = Game.restore(current, diceFactory.restore(current.dice));
        const { change } = edited.updateMonster("1", { name: `Edited${edits}`, life: 100 + edits });
        const outcome = await store.commit(edited.toState(), change, []);
        expect(outcome).toEqual({ status: "COMMITTED" });
      });
      const raced = gameServiceOn(racing, { maxRetries: 2 });
      const { game, playerToken, events } = await raced.startGame({
        seed: 78,
        monsters: SHORT_ARRAY,
      });

      const error = await rejection(raced.attack(game.id, "BOMB", playerToken));

      expect(error).toMatchObject({ code: "CONFLICT" });
      expect(racing.calls.commit).toBe(3);
      const stored = (await raced.getGame(game.id))!;
      expect(stored).toEqual({
        ...game,
        version: 3,
        monsters: [{ ...game.monsters[0]!, name: "Edited3", life: 103 }, ...game.monsters.slice(1)],
      });
      expect(await raced.recentEvents(game.id, ALL_EVENTS)).toEqual(events);
    });

    it("attack that loses fewer races than allowed is applied once, after the others", async () => {
      const racing = new InterferingRepository(inner, concurrentTurn("SWORD"), 2);
      const raced = gameServiceOn(racing, { maxRetries: 2 });
      const { game, playerToken } = await raced.startGame({ seed: 79, monsters: SHORT_ARRAY });

      const { game: after, events } = await raced.attack(game.id, "BOMB", playerToken);

      expect(after.turn).toBe(3);
      expect(after.version).toBe(3);
      const replay = startSeeded(79, SHORT_ARRAY);
      const log = [...replay.events, ...play(replay.game, ["SWORD", "SWORD", "BOMB"])];
      expect(events).toEqual(log.filter((e) => e.turn === 3));
      expect(await raced.getGame(game.id)).toEqual(after);
      expect(played(after)).toEqual(played(replay.game.toState()));
      expect(await raced.recentEvents(game.id, ALL_EVENTS)).toEqual(log);
    });

    it("updateMonster is CONFLICT after maxRetries + 1 lost races; the patch is not stored", async () => {
      const racing = new InterferingRepository(inner, concurrentTurn("LETTUCE"));
      const raced = gameServiceOn(racing, { maxRetries: 1 });
      const { game, playerToken } = await raced.startGame({ seed: 80, monsters: SHORT_ARRAY });

      const error = await rejection(
        raced.updateMonster(game.id, "3", { name: "Renamed" }, playerToken),
      );

      expect(error).toMatchObject({ code: "CONFLICT" });
      expect(racing.calls.commit).toBe(2);
      const replay = startSeeded(80, SHORT_ARRAY);
      play(replay.game, ["LETTUCE", "LETTUCE"]);
      const stored = (await raced.getGame(game.id))!;
      expect(played(stored)).toEqual(played(replay.game.toState()));
      expect(stored.monsters.find((m) => m.id === "3")?.name).toBe("Newt");
    });
  });
});

describe("GameService.attack with expectedTurn", () => {
  const repository = new InMemoryGameRepository(OPTIONS);
  const service = gameServiceOn(repository);
  afterAll(() => repository.close());

  it("plays when the game is at that turn, and refuses a repeat with CONFLICT, nothing applied", async () => {
    const started = await service.startGame({ seed: 4 });
    const id = started.game.id;
    const first = await service.attack(id, "BOOMERANG", started.playerToken, 0);
    expect(first.game.turn).toBe(1);

    // The same request again (a client retrying after STORE_UNAVAILABLE): it must not play twice.
    const before = await service.getGame(id);
    const eventsBefore = await service.recentEvents(id, ALL_EVENTS);
    await expect(service.attack(id, "BOOMERANG", started.playerToken, 0)).rejects.toMatchObject({
      code: "CONFLICT",
      field: "expectedTurn",
      message: `Game ${id} is at turn 1, not at turn 0 as expected; nothing was applied.`,
    });
    expect(await service.getGame(id)).toEqual(before);
    expect(await service.recentEvents(id, ALL_EVENTS)).toEqual(eventsBefore);

    expect((await service.attack(id, "SWORD", started.playerToken, 1)).game.turn).toBe(2);
  });

  it("still plays when only a monster update happened since (the turn did not move)", async () => {
    const started = await service.startGame({ seed: 5 });
    await service.updateMonster(started.game.id, "1", { life: 500 }, started.playerToken);
    const result = await service.attack(started.game.id, "LETTUCE", started.playerToken, 0);
    expect(result.game).toMatchObject({ turn: 1, version: 2 });
  });
});
