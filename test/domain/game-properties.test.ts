import fc from "fast-check";
import type { BattleEvent } from "../../src/domain/battle-event";
import { BESTIARY } from "../../src/domain/bestiary";
import type { Game } from "../../src/domain/game";
import { WEAPONS, type Weapon } from "../../src/domain/weapon";
import { play, reload, startSeeded } from "../support/play";

const seedArb = fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff });
const weaponsArb = fc.array(fc.constantFrom(...WEAPONS), { minLength: 1, maxLength: 60 });
const monsterArb = fc.record({
  name: fc.constantFrom("Imp", "Wraith", "Blob"),
  life: fc.integer({ min: 1, max: 200 }),
  strength: fc.integer({ min: 0, max: 50 }),
  charisma: fc.integer({ min: 0, max: 300 }),
  weapon: fc.integer({ min: 0, max: 50 }),
});
const arrayArb = fc.oneof(
  fc.constant(BESTIARY),
  // Unique names, because the events name monsters by name.
  fc
    .array(monsterArb, { minLength: 1, maxLength: 5 })
    .map((ms) => ms.map((m, i) => ({ ...m, name: `${m.name}${i}` }))),
);

/**
 * Plays one weapon and checks every event of the turn against the range its rule allows,
 * given the state just before the turn.
 */
function attackChecked(game: Game, weapon: Weapon): BattleEvent[] {
  const rabbit = game.rabbit.toState();
  const creatures = new Map(game.toState().monsters.map((m) => [m.name, m]));
  const events = game.attack(weapon).events;
  for (const event of events) {
    switch (event.type) {
      case "RabbitHitMonster": {
        // The bonus: 13, 86, 0, or for the sword roll(4 + d*d) with a last digit d <= 9.
        const bonus = { BOOMERANG: 13, BOMB: 86, LETTUCE: 0, SWORD: 4 + 81 - 1 }[event.weapon];
        expect(event.damage).toBeGreaterThanOrEqual(0);
        expect(event.damage).toBeLessThan(Math.max(1, rabbit.strength + bonus));
        break;
      }
      case "MonsterHitRabbit": {
        const m = creatures.get(event.monster)!;
        expect(event.damage).toBeGreaterThanOrEqual(0);
        expect(event.damage).toBeLessThan(Math.max(1, m.strength + m.weapon));
        break;
      }
      case "LettuceEaten":
        expect(event.heal).toBeGreaterThanOrEqual(0);
        expect(event.heal).toBeLessThan(rabbit.charisma);
        break;
      case "MagickPoweredUp": {
        const charisma =
          event.role === "RABBIT" ? rabbit.charisma : creatures.get(event.creature)!.charisma;
        expect(event.power % 9).toBe(7);
        expect(event.power).toBeLessThan(charisma);
        expect(event.lifeGained).toBe(Math.floor(event.power / 4));
        break;
      }
      default:
        break;
    }
  }
  return events;
}

describe("game properties over random seeds and weapons", () => {
  it("never lets bombs go below 0, and every draw stays inside its rule's range", () => {
    fc.assert(
      fc.property(seedArb, arrayArb, weaponsArb, (seed, monsters, weapons) => {
        const { game } = startSeeded(seed, monsters);
        for (const weapon of weapons) {
          if (game.status === "VICTORY") break;
          const bombsBefore = game.rabbit.bombs;
          attackChecked(game, weapon);
          expect(game.rabbit.bombs).toBeGreaterThanOrEqual(0);
          expect(game.rabbit.bombs).toBe(
            weapon === "BOMB" ? Math.max(0, bombsBefore - 1) : bombsBefore,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gives identical events and state for the same seed and weapons", () => {
    fc.assert(
      fc.property(seedArb, arrayArb, weaponsArb, (seed, monsters, weapons) => {
        const a = startSeeded(seed, monsters);
        const b = startSeeded(seed, monsters);
        expect(play(b.game, weapons)).toEqual(play(a.game, weapons));
        expect(b.game.toState()).toEqual(a.game.toState());
      }),
      { numRuns: 200 },
    );
  });

  it("continues identically after the game is saved and restored mid-game", () => {
    fc.assert(
      fc.property(seedArb, arrayArb, weaponsArb, weaponsArb, (seed, monsters, before, after) => {
        const straight = startSeeded(seed, monsters).game;
        const saved = startSeeded(seed, monsters).game;
        play(straight, before);
        play(saved, before);
        const restored = reload(saved);
        expect(play(restored, after)).toEqual(play(straight, after));
        expect(restored.toState()).toEqual(straight.toState());
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the turn counter equal to the attacks played, and the events' turns with it", () => {
    fc.assert(
      fc.property(seedArb, weaponsArb, (seed, weapons) => {
        const { game } = startSeeded(seed);
        weapons.forEach((weapon, i) => {
          const events = game.attack(weapon).events;
          expect(game.turn).toBe(i + 1);
          expect(events.every((e) => e.turn === i + 1)).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
  });
});
