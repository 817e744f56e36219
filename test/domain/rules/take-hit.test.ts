import { Monster } from "../../../src/domain/monster";
import { Rabbit } from "../../../src/domain/rabbit";
import { ScriptedDice } from "../../support/scripted-dice";
import { rabbitState } from "./rules-support";

// docs/rules.md, "Creatures", "Taking a hit of damage":
// 1. p = roll(charisma); if p mod 9 == 7: life += floor(p / 4) and magick power-up.
// 2. life -= damage.  3. If now life <= 0: died (every time, even if already dead).

function ogre(life: number, charisma = 100): Monster {
  return new Monster("1", { name: "Ogre", life, strength: 0, charisma, weapon: 0 });
}

describe("Taking a hit (docs/rules.md, Creatures)", () => {
  it.each([
    [7, 1, 41],
    [16, 4, 44],
    [25, 6, 46],
    [34, 8, 48],
    [43, 10, 50],
    [97, 24, 64],
  ])(
    "magick powers up when the charisma roll %i has roll mod 9 == 7, gaining floor(roll / 4) = %i life",
    (power, gained, lifeAfter) => {
      const monster = ogre(50);
      const dice = new ScriptedDice([power]);

      const events = monster.takeHit(10, dice, 3);

      expect(events).toEqual([
        {
          type: "MagickPoweredUp",
          turn: 3,
          role: "MONSTER",
          creature: "Ogre",
          power,
          lifeGained: gained,
          message: `[Ogre magick powers up ${power}!]`,
        },
      ]);
      expect(monster.stats()).toEqual({ life: lifeAfter, strength: 0, charisma: 100, weapon: 0 });
      expect(dice.asked).toEqual([100]);
      expect(dice.remaining).toBe(0);
    },
  );

  it.each([0, 6, 8, 9, 15, 17, 99])(
    "no magick power-up when the charisma roll %i has roll mod 9 != 7",
    (power) => {
      const monster = ogre(50);
      const dice = new ScriptedDice([power]);

      const events = monster.takeHit(10, dice, 3);

      expect(events).toEqual([]);
      expect(monster.life).toBe(40);
      expect(dice.asked).toEqual([100]);
      expect(dice.remaining).toBe(0);
    },
  );

  it("the charisma roll is roll(charisma): charisma 0 asks roll(0), which is 0, no power-up", () => {
    const monster = ogre(50, 0);
    const dice = new ScriptedDice([0]);

    expect(monster.takeHit(10, dice, 1)).toEqual([]);
    expect(monster.life).toBe(40);
    expect(dice.asked).toEqual([0]);
    expect(dice.remaining).toBe(0);
  });

  it("the power-up is applied BEFORE the damage: life 3 + 6 - 8 = 1 survives (damage first would kill)", () => {
    const monster = ogre(3);
    const dice = new ScriptedDice([25]);

    const events = monster.takeHit(8, dice, 2);

    expect(events).toEqual([
      {
        type: "MagickPoweredUp",
        turn: 2,
        role: "MONSTER",
        creature: "Ogre",
        power: 25,
        lifeGained: 6,
        message: "[Ogre magick powers up 25!]",
      },
    ]);
    expect(monster.life).toBe(1);
    expect(dice.asked).toEqual([100]);
  });

  it("power-up then died, in that order, when the power-up does not save the creature", () => {
    const monster = ogre(1);
    const dice = new ScriptedDice([7]);

    const events = monster.takeHit(10, dice, 4);

    expect(events).toEqual([
      {
        type: "MagickPoweredUp",
        turn: 4,
        role: "MONSTER",
        creature: "Ogre",
        power: 7,
        lifeGained: 1,
        message: "[Ogre magick powers up 7!]",
      },
      {
        type: "CreatureDied",
        turn: 4,
        role: "MONSTER",
        creature: "Ogre",
        message: "[Ogre has died!]",
      },
    ]);
    expect(monster.life).toBe(-8);
    expect(dice.remaining).toBe(0);
  });

  it("died when the hit leaves life at exactly 0", () => {
    const monster = ogre(10);
    const dice = new ScriptedDice([0]);

    const events = monster.takeHit(10, dice, 5);

    expect(events).toEqual([
      {
        type: "CreatureDied",
        turn: 5,
        role: "MONSTER",
        creature: "Ogre",
        message: "[Ogre has died!]",
      },
    ]);
    expect(monster.life).toBe(0);
    expect(monster.alive).toBe(false);
  });

  it("died when power-up and damage together leave life at exactly 0 (9 + 1 - 10)", () => {
    const monster = ogre(9);
    const dice = new ScriptedDice([7]);

    const events = monster.takeHit(10, dice, 1);

    expect(events).toEqual([
      {
        type: "MagickPoweredUp",
        turn: 1,
        role: "MONSTER",
        creature: "Ogre",
        power: 7,
        lifeGained: 1,
        message: "[Ogre magick powers up 7!]",
      },
      {
        type: "CreatureDied",
        turn: 1,
        role: "MONSTER",
        creature: "Ogre",
        message: "[Ogre has died!]",
      },
    ]);
    expect(monster.life).toBe(0);
  });

  it("not died when the hit leaves life at 1", () => {
    const monster = ogre(11);
    const dice = new ScriptedDice([0]);

    expect(monster.takeHit(10, dice, 1)).toEqual([]);
    expect(monster.life).toBe(1);
    expect(monster.alive).toBe(true);
  });

  it.each([
    [3, -8],
    [0, -5],
  ])(
    "died repeats for a creature already dead: rabbit at life -5 hit for %i",
    (damage, lifeAfter) => {
      const rabbit = new Rabbit(rabbitState({ life: -5 }));
      const dice = new ScriptedDice([0]);

      const events = rabbit.takeHit(damage, dice, 7);

      expect(events).toEqual([
        {
          type: "CreatureDied",
          turn: 7,
          role: "RABBIT",
          creature: "Rabbit",
          message: "[Rabbit has died!]",
        },
      ]);
      expect(rabbit.toState()).toEqual(rabbitState({ life: lifeAfter }));
      expect(dice.asked).toEqual([44]);
      expect(dice.remaining).toBe(0);
    },
  );

  it("applies to the rabbit alike: role RABBIT, creature name Rabbit, roll(44) for its charisma", () => {
    const rabbit = new Rabbit(rabbitState());
    const dice = new ScriptedDice([43]);

    const events = rabbit.takeHit(25, dice, 2);

    expect(events).toEqual([
      {
        type: "MagickPoweredUp",
        turn: 2,
        role: "RABBIT",
        creature: "Rabbit",
        power: 43,
        lifeGained: 10,
        message: "[Rabbit magick powers up 43!]",
      },
      {
        type: "CreatureDied",
        turn: 2,
        role: "RABBIT",
        creature: "Rabbit",
        message: "[Rabbit has died!]",
      },
    ]);
    expect(rabbit.toState()).toEqual(rabbitState({ life: -5 }));
    expect(dice.asked).toEqual([44]);
    expect(dice.remaining).toBe(0);
  });

  it("a hit changes only life: the other stats stay as they were", () => {
    const rabbit = new Rabbit(rabbitState({ strength: 5, charisma: 20, weapon: 9, bombs: 1 }));
    const dice = new ScriptedDice([16]);

    rabbit.takeHit(2, dice, 1);

    expect(rabbit.toState()).toEqual({
      life: 12,
      strength: 5,
      charisma: 20,
      weapon: 9,
      bombs: 1,
    });
    expect(dice.asked).toEqual([20]);
  });
});
