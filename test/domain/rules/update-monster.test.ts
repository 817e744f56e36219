import { DomainError, InvalidMonsterError } from "../../../src/domain/domain-error";
import type { MonsterPatch } from "../../../src/domain/monster-validation";
import {
  gameState,
  monsterState,
  rabbitState,
  restoreGame,
  thrown,
  withoutDice,
} from "./rules-support";

// Game.updateMonster: the seed's HSET on a monster still in the array, within the same bounds as
// a custom monster.

const OGRE = monsterState("1", "Ogre", { life: 50, strength: 3, charisma: 10, weapon: 2 });
const TROLL = monsterState("2", "Troll", { life: 30, strength: 4, charisma: 20, weapon: 3 });
const IMP = monsterState("3", "Imp", { life: 5, strength: 1, charisma: 1, weapon: 1 });
const START = gameState(rabbitState(), [OGRE, TROLL, IMP]);

describe("Game.updateMonster", () => {
  it("a valid patch changes only the given fields of that monster", () => {
    const { game, dice } = restoreGame(START, []);

    const updated = game.updateMonster("2", { life: 7, weapon: 0 }).monster;

    expect(updated).toEqual({ ...TROLL, life: 7, weapon: 0 });
    expect(withoutDice(game.toState())).toEqual({
      ...withoutDice(START),
      monsters: [OGRE, { ...TROLL, life: 7, weapon: 0 }, IMP],
    });
    expect(dice.asked).toEqual([]);
  });

  it("a patch of the name alone renames the monster and keeps its id and stats", () => {
    const { game } = restoreGame(START, []);

    expect(game.updateMonster("3", { name: "Grand Imp" }).monster).toEqual({
      ...IMP,
      name: "Grand Imp",
    });
    expect(game.toState().monsters).toEqual([OGRE, TROLL, { ...IMP, name: "Grand Imp" }]);
  });

  it("fields given as undefined or null are left alone", () => {
    const { game } = restoreGame(START, []);
    const patch = { life: undefined, strength: null, charisma: 0 } as unknown as MonsterPatch;

    expect(game.updateMonster("1", patch).monster).toEqual({ ...OGRE, charisma: 0 });
  });

  it.each([
    ["{}", {}],
    ["only undefined", { life: undefined }],
    ["only null", { name: null, life: null }],
  ])("an empty patch (%s) is refused: INVALID_MONSTER, field patch", (_label, patch) => {
    const { game } = restoreGame(START, []);

    const error = thrown(() => game.updateMonster("1", patch as unknown as MonsterPatch));

    expect(error).toBeInstanceOf(InvalidMonsterError);
    expect(error).toMatchObject({
      code: "INVALID_MONSTER",
      field: "patch",
      message: "patch must change at least one of name, life, strength, charisma, weapon.",
    });
    expect(withoutDice(game.toState())).toEqual(withoutDice(START));
  });

  it.each([
    ["patch.life", { life: 0 }],
    ["patch.life", { life: 1.5 }],
    ["patch.life", { life: 1000001 }],
    ["patch.strength", { strength: -1 }],
    ["patch.charisma", { charisma: 1000001 }],
    ["patch.weapon", { weapon: NaN }],
    ["patch.name", { name: "" }],
    ["patch.name", { name: "a".repeat(65) }],
    ["patch.name", { name: "Ogre\n" }],
    ["patch.life", { name: "Fine", life: -1 }],
  ])(
    "a patch breaking the bounds is refused with field %s, and nothing changes",
    (field, patch) => {
      const { game } = restoreGame(START, []);

      const error = thrown(() => game.updateMonster("2", patch));

      expect(error).toBeInstanceOf(InvalidMonsterError);
      expect(error).toMatchObject({ code: "INVALID_MONSTER", field });
      expect(withoutDice(game.toState())).toEqual(withoutDice(START));
    },
  );

  it("life 1, strength 0 and 1000000 are accepted in a patch", () => {
    const { game } = restoreGame(START, []);

    expect(game.updateMonster("1", { life: 1, strength: 0, charisma: 1000000 }).monster).toEqual({
      ...OGRE,
      life: 1,
      strength: 0,
      charisma: 1000000,
    });
  });

  it("an unknown monster id is refused with MONSTER_NOT_FOUND (field monsterId)", () => {
    const { game } = restoreGame(START, []);

    const error = thrown(() => game.updateMonster("99", { life: 5 }));

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: "MONSTER_NOT_FOUND",
      field: "monsterId",
      message: "Game g1 has no monster 99 in its array.",
    });
    expect(withoutDice(game.toState())).toEqual(withoutDice(START));
  });

  it("a monster that died has left the array: patching it is MONSTER_NOT_FOUND", () => {
    const state = gameState(rabbitState(), [{ ...OGRE, life: 5 }, TROLL]);
    const { game, dice } = restoreGame(state, [5, 0, 0, 0]);
    game.attack("BOOMERANG");

    const error = thrown(() => game.updateMonster("1", { life: 5 }));

    expect(error).toMatchObject({ code: "MONSTER_NOT_FOUND", field: "monsterId" });
    expect(game.toState().monsters).toEqual([TROLL]);
    expect(dice.remaining).toBe(0);
  });

  it("the next turn uses the patched front monster: life 46 makes SWORD ask roll(40), strength + weapon the retaliation", () => {
    const { game, dice } = restoreGame(START, [0, 0, 0, 0, 0]);
    game.updateMonster("1", { life: 46, strength: 20, weapon: 10 });

    const events = game.attack("SWORD").events;

    expect(events).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "SWORD",
        monster: "Ogre",
        damage: 0,
        message: "[You hit with 0 points of damage!]",
      },
      {
        type: "MonsterHitRabbit",
        turn: 1,
        monster: "Ogre",
        damage: 0,
        message: "[Your enemy hit with 0 points of damage!]",
      },
    ]);
    expect(dice.asked).toEqual([40, 2, 10, 30, 44]);
    expect(dice.remaining).toBe(0);
  });
});

describe("a patch with a key that is not a monster field", () => {
  it("is refused with INVALID_MONSTER naming the key, the monster unchanged", () => {
    const { game } = restoreGame(START, []);
    expect(thrown(() => game.updateMonster("1", { life: 3, foo: 1 } as MonsterPatch))).toEqual(
      expect.objectContaining({ code: "INVALID_MONSTER", field: "patch.foo" }),
    );
    expect(withoutDice(game.toState())).toEqual(withoutDice(START));
  });
});
