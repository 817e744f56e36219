import type { BattleEvent } from "../../src/domain/battle-event";
import { Game, type GameState } from "../../src/domain/game";
import type { GameChange } from "../../src/domain/game-change";
import type { MonsterPatch } from "../../src/domain/monster-validation";
import type { GameRepository } from "../../src/domain/game-repository.port";
import type { StoreOptions } from "../../src/infrastructure/store-options";
import { diceFactory } from "../support/play";

/** A repository under test and how to let it go. */
export interface RepositoryUnderTest {
  repository: GameRepository;
  close(): Promise<void>;
}

/** Makes a fresh, empty repository with the given options. */
export type RepositoryFactory = (options: StoreOptions) => Promise<RepositoryUnderTest>;

const MONSTERS = [
  { name: "Snail", life: 5, strength: 1, charisma: 10, weapon: 1 },
  { name: "GiantSlug", life: 35, strength: 3, charisma: 25, weapon: 2 },
  { name: "Newt", life: 12, strength: 2, charisma: 9, weapon: 0 },
];

let counter = 0;

/** A new game on real seeded dice, with a fresh id. */
export function newGame(seed = 7): { game: Game; events: BattleEvent[] } {
  counter += 1;
  return Game.start({
    id: `contract-${process.pid}-${Date.now()}-${counter}`,
    dice: diceFactory.fromSeed(seed),
    tokenHash: "ab".repeat(32),
    monsters: MONSTERS,
    now: 1_700_000_000_000,
  });
}

/** Plays one weapon on a stored state and returns what a commit needs. */
export function playTurn(
  before: GameState,
  weapon: Parameters<Game["attack"]>[0] = "BOMB",
): { after: GameState; change: GameChange; events: BattleEvent[] } {
  const game = Game.restore(before, diceFactory.restore(before.dice));
  const { events, change } = game.attack(weapon, before.updatedAt + 1_000);
  return { after: game.toState(), change, events };
}

/** Patches a monster of a stored state and returns what a commit needs. */
export function patchMonster(
  before: GameState,
  monsterId: string,
  patch: MonsterPatch,
  now: number,
): { after: GameState; change: GameChange } {
  const game = Game.restore(before, diceFactory.restore(before.dice));
  const { change } = game.updateMonster(monsterId, patch, now);
  return { after: game.toState(), change };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The behaviour every GameRepository must have, whatever it stores games in. Run it against each
 * adapter; a store passes only if all of it holds.
 */
export function describeGameRepositoryContract(name: string, make: RepositoryFactory): void {
  describe(`${name} (GameRepository contract)`, () => {
    let subject: RepositoryUnderTest;
    let repo: GameRepository;

    beforeEach(async () => {
      subject = await make({ ttlMs: 60_000, maxEvents: 50 });
      repo = subject.repository;
    });
    afterEach(async () => subject.close());

    it("loads back exactly the game it created, at version 0", async () => {
      const { game, events } = newGame();
      expect(await repo.create(game.toState(), events)).toBe(true);
      expect(await repo.load(game.id)).toEqual(game.toState());
      expect(await repo.recentEvents(game.id, 10)).toEqual(events);
    });

    it("refuses to create a game whose id exists, changing nothing", async () => {
      const { game, events } = newGame();
      await repo.create(game.toState(), events);
      const other = { ...newGame(99).game.toState(), id: game.id, turn: 5 };
      expect(await repo.create(other, [])).toBe(false);
      expect(await repo.load(game.id)).toEqual(game.toState());
    });

    it("has no game it never stored", async () => {
      expect(await repo.load("no-such-game")).toBeUndefined();
      expect(await repo.recentEvents("no-such-game", 5)).toEqual([]);
    });

    it("commits a turn: the new state at version + 1, its events appended", async () => {
      const { game, events: opening } = newGame();
      const before = game.toState();
      await repo.create(before, opening);
      const { after, change, events } = playTurn(before, "BOOMERANG");

      expect(await repo.commit(after, change, events)).toEqual({ status: "COMMITTED" });
      expect(after.version).toBe(1);
      expect(await repo.load(game.id)).toEqual(after);
      expect(await repo.recentEvents(game.id, 50)).toEqual([...opening, ...events]);
    });

    it("commits a turn in which a monster dies: it leaves the array, the next is current", async () => {
      const { game, events: opening } = newGame();
      let state = game.toState();
      await repo.create(state, opening);
      // Bombs (w = 86) kill the 5-life Snail at once unless a roll of 0 or 1 comes up; loop until it dies.
      for (let i = 0; i < 10 && state.monsters[0]?.name === "Snail"; i++) {
        const { after, change, events } = playTurn(state, "BOMB");
        expect(await repo.commit(after, change, events)).toEqual({ status: "COMMITTED" });
        state = (await repo.load(game.id))!;
      }
      expect(state.monsters.map((m) => m.name)).toEqual(["GiantSlug", "Newt"]);
    });

    it("refuses a commit computed from an old version, changing nothing", async () => {
      const { game, events: opening } = newGame();
      const before = game.toState();
      await repo.create(before, opening);
      const first = playTurn(before, "BOOMERANG");
      await repo.commit(first.after, first.change, first.events);
      const stale = playTurn(before, "LETTUCE");

      // The refusal carries the game as it stands, so a retry needs no load.
      expect(await repo.commit(stale.after, stale.change, stale.events)).toEqual({
        status: "CONFLICT",
        current: first.after,
      });
      expect(await repo.load(game.id)).toEqual(first.after);
      expect(await repo.recentEvents(game.id, 50)).toEqual([...opening, ...first.events]);
    });

    it("answers NOT_FOUND to a commit on a game that is gone", async () => {
      const { game, events: opening } = newGame();
      const before = game.toState();
      await repo.create(before, opening);
      await repo.delete(game.id);
      const { after, change, events } = playTurn(before);
      expect(await repo.commit(after, change, events)).toEqual({ status: "NOT_FOUND" });
      expect(await repo.load(game.id)).toBeUndefined();
    });

    it("commits a monster patch: just its fields, the version bumped, no events", async () => {
      const { game, events } = newGame();
      const before = game.toState();
      await repo.create(before, events);

      const patched = patchMonster(before, "2", { life: 7, name: "TinySlug" }, 1_800_000_000_000);
      expect(patched.change.monsters).toEqual([{ id: "2", fields: { life: 7, name: "TinySlug" } }]);
      expect(await repo.commit(patched.after, patched.change, [])).toEqual({ status: "COMMITTED" });
      const after = await repo.load(game.id);
      expect(after).toEqual({
        ...before,
        version: 1,
        updatedAt: 1_800_000_000_000,
        monsters: [
          before.monsters[0],
          { ...before.monsters[1], life: 7, name: "TinySlug" },
          before.monsters[2],
        ],
      });
      expect(await repo.recentEvents(game.id, 50)).toEqual(events);
    });

    it("refuses a monster patch from an old version, changing nothing", async () => {
      const { game, events } = newGame();
      const before = game.toState();
      await repo.create(before, events);
      const first = patchMonster(before, "2", { life: 7 }, 1);
      await repo.commit(first.after, first.change, []);
      const stale = patchMonster(before, "3", { life: 9 }, 2);
      expect(await repo.commit(stale.after, stale.change, [])).toMatchObject({
        status: "CONFLICT",
      });
      expect(await repo.load(game.id)).toEqual(first.after);
    });

    it("deletes a game and everything it stored", async () => {
      const { game, events } = newGame();
      await repo.create(game.toState(), events);
      expect(await repo.delete(game.id)).toEqual({ status: "DELETED" });
      expect(await repo.load(game.id)).toBeUndefined();
      expect(await repo.recentEvents(game.id, 10)).toEqual([]);
      expect(await repo.delete(game.id)).toEqual({ status: "NOT_FOUND" });
    });

    it("keeps only the last maxEvents events, and returns the last `limit` oldest first", async () => {
      const small = await make({ ttlMs: 60_000, maxEvents: 5 });
      try {
        const { game, events: opening } = newGame();
        let state = game.toState();
        await small.repository.create(state, opening);
        const all = [...opening];
        for (let i = 0; i < 6; i++) {
          const { after, change, events } = playTurn(state, "LETTUCE");
          await small.repository.commit(after, change, events);
          all.push(...events);
          state = after;
        }
        expect(await small.repository.recentEvents(game.id, 100)).toEqual(all.slice(-5));
        expect(await small.repository.recentEvents(game.id, 2)).toEqual(all.slice(-2));
        expect(await small.repository.recentEvents(game.id, 0)).toEqual([]);
      } finally {
        await small.close();
      }
    });

    it("forgets a game its TTL after the last write, each write starting the TTL again", async () => {
      const short = await make({ ttlMs: 1_000, maxEvents: 50 });
      try {
        const { game, events: opening } = newGame();
        const before = game.toState();
        await short.repository.create(before, opening);
        await sleep(600);
        const { after, change, events } = playTurn(before);
        expect(await short.repository.commit(after, change, events)).toEqual({
          status: "COMMITTED",
        });
        await sleep(600); // 1.2 s after the start, 0.6 s after the commit: still there
        expect((await short.repository.load(game.id))?.turn).toBe(1);
        await sleep(1_000); // 1.6 s after the commit: gone
        expect(await short.repository.load(game.id)).toBeUndefined();
      } finally {
        await short.close();
      }
    }, 10_000);
  });
}
