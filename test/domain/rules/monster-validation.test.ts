import { DomainError, InvalidMonsterError } from "../../../src/domain/domain-error";
import type { MonsterSpec } from "../../../src/domain/monster";
import { validateMonsters } from "../../../src/domain/monster-validation";
import { ScriptedDice } from "../../support/scripted-dice";
import { Game } from "../../../src/domain/game";
import { monsterSpec, startGame, thrown } from "./rules-support";

// docs/rules.md, "The array": a game may start with its own list of monsters (a name and four stats),
// within the bounds of the API: 1 to 100 monsters, names of 1 to 64 printable characters, stats
// whole numbers from 0 (life from 1) to 1 000 000.

function ogre(name = "Ogre"): MonsterSpec {
  return monsterSpec(name, 10, 1, 1, 1);
}

/** Three monsters, the third (index 2) with `changes`. */
function arrayWithThird(changes: Partial<Record<keyof MonsterSpec, unknown>>): MonsterSpec[] {
  return [ogre("A"), ogre("B"), { ...ogre("C"), ...changes } as MonsterSpec];
}

/** Both validateMonsters and Game.start refuse `monsters`, with INVALID_MONSTER on `field`. */
function expectRefused(monsters: MonsterSpec[], field: string): DomainError {
  const error = thrown(() => validateMonsters(monsters));
  expect(error).toBeInstanceOf(InvalidMonsterError);
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ code: "INVALID_MONSTER", field });

  const dice = new ScriptedDice([]);
  const startError = thrown(() => Game.start({ id: "g1", dice, tokenHash: "h", monsters, now: 0 }));
  expect(startError).toBeInstanceOf(InvalidMonsterError);
  expect(startError).toMatchObject({ code: "INVALID_MONSTER", field });
  expect(dice.asked).toEqual([]);
  return error as DomainError;
}

/** Both validateMonsters and Game.start accept `monsters`, ids 1..n in order. */
function expectAccepted(monsters: MonsterSpec[]): void {
  expect(() => validateMonsters(monsters)).not.toThrow();
  const { game, events } = startGame(monsters);
  expect(game.toState().monsters).toEqual(monsters.map((m, i) => ({ id: String(i + 1), ...m })));
  expect(events).toEqual([
    {
      type: "MonsterEmerged",
      turn: 0,
      monsterId: "1",
      monster: monsters[0]!.name,
      message: `[Get ready. ${monsters[0]!.name} has emerged!]`,
    },
  ]);
}

describe("Custom monsters: how many", () => {
  it.each([0, 101])("%i monsters are refused (field monsters)", (count) => {
    const monsters = Array.from({ length: count }, (_, i) => ogre(`M${i}`));

    const error = expectRefused(monsters, "monsters");

    expect(error.message).toBe(`monsters must hold 1 to 100 monsters (got ${count}).`);
  });

  it.each([1, 100])("%i monsters are accepted", (count) => {
    expectAccepted(Array.from({ length: count }, (_, i) => ogre(`M${i + 1}`)));
  });
});

describe("Custom monsters: names", () => {
  it.each([
    ["empty", ""],
    ["blank (spaces)", "   "],
    ["blank (tab)", "\t"],
    ["65 characters", "a".repeat(65)],
    ["with a newline", "Ogre\nKing"],
    ["with a NUL", "Ogre\u0000"],
    ["with DEL", "Ogre\u007f"],
    ["with a zero-width space (format character)", "Og\u200bre"],
  ])("a name %s is refused (field monsters[2].name)", (_label, name) => {
    expectRefused(arrayWithThird({ name }), "monsters[2].name");
  });

  it("a name that is not a string is refused (field monsters[2].name)", () => {
    const error = expectRefused(arrayWithThird({ name: 42 }), "monsters[2].name");
    expect(error.message).toBe("monsters[2].name must be a string.");
  });

  it("the first fault is reported: monster 1's name before monster 2's life", () => {
    const monsters = [ogre("A"), { ...ogre(""), life: 0 }, { ...ogre("C"), life: 0 }];
    expectRefused(monsters, "monsters[1].name");
  });

  it.each([
    ["64 characters", "a".repeat(64)],
    ["1 character", "X"],
    ["unicode letters", "Größe Δράκος 龍 Дракон"],
    ["64 astral letters (64 characters, 128 UTF-16 units)", "𝔇".repeat(64)],
    ["with inner and outer spaces", " Ogre King "],
  ])("a name of %s is accepted", (_label, name) => {
    expectAccepted(arrayWithThird({ name }));
  });
});

describe("Custom monsters: stats", () => {
  const notIntegers: [string, unknown][] = [];
  for (const stat of ["life", "strength", "charisma", "weapon"]) {
    for (const value of [1.5, NaN, Infinity, -Infinity, "10", null])
      notIntegers.push([stat, value]);
  }

  it.each(notIntegers)("%s = %p (not a whole number) is refused", (stat, value) => {
    expectRefused(arrayWithThird({ [stat]: value }), `monsters[2].${stat}`);
  });

  it.each([
    ["life", 0],
    ["life", -1],
    ["life", 1000001],
    ["strength", -1],
    ["strength", 1000001],
    ["charisma", -1],
    ["charisma", 1000001],
    ["weapon", -1],
    ["weapon", 1000001],
  ])("%s = %i (out of bounds) is refused", (stat, value) => {
    expectRefused(arrayWithThird({ [stat]: value }), `monsters[2].${stat}`);
  });

  it("the refusal of life 0 names the bounds", () => {
    const error = expectRefused(arrayWithThird({ life: 0 }), "monsters[2].life");
    expect(error.message).toBe(
      "monsters[2].life must be a whole number from 1 to 1000000 (got 0).",
    );
  });

  it("the refusal of strength -1 names the bounds", () => {
    const error = expectRefused(arrayWithThird({ strength: -1 }), "monsters[2].strength");
    expect(error.message).toBe(
      "monsters[2].strength must be a whole number from 0 to 1000000 (got -1).",
    );
  });

  it("life 1 is accepted", () => {
    expectAccepted(arrayWithThird({ life: 1 }));
  });

  it("strength 0, charisma 0 and weapon 0 are accepted", () => {
    expectAccepted(arrayWithThird({ strength: 0, charisma: 0, weapon: 0 }));
  });

  it("all stats at 1000000 are accepted", () => {
    expectAccepted([monsterSpec("Max", 1000000, 1000000, 1000000, 1000000)]);
  });
});
