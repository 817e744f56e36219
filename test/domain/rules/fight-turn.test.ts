import { gameState, monsterState, rabbitState, restoreGame, withoutDice } from "./rules-support";

// docs/rules.md, "One fight turn" of the rabbit against the front monster, with attack bonus w.
// The BOOMERANG (w = 13) drives these tests: rabbit strength 2 + 13 = roll(15).

const OGRE = monsterState("1", "Ogre", { life: 50, strength: 3, charisma: 10, weapon: 2 });
const TROLL = monsterState("2", "Troll", { life: 30, strength: 4, charisma: 20, weapon: 3 });

describe("One fight turn (docs/rules.md)", () => {
  it.each([0, -5])(
    "too dead to fight (rabbit life %i) ends the turn: one event, no roll for the hit, nothing else",
    (life) => {
      const start = gameState(rabbitState({ life }), [OGRE, TROLL]);
      const { game, dice } = restoreGame(start, []);

      const events = game.attack("BOOMERANG").events;

      expect(events).toEqual([
        { type: "RabbitWasTooDeadToFight", turn: 1, message: "[Rabbit is too dead to fight!]" },
      ]);
      expect(withoutDice(game.toState())).toEqual({ ...withoutDice(start), turn: 1 });
      expect(dice.asked).toEqual([]);
      expect(dice.remaining).toBe(0);
    },
  );

  it("hit = roll(rabbit.strength + w): strength 2 and w 13 ask roll(15)", () => {
    const start = gameState(rabbitState(), [OGRE, TROLL]);
    const { game, dice } = restoreGame(start, [14, 0, 4, 0]);

    const events = game.attack("BOOMERANG").events;

    expect(events).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "BOOMERANG",
        monster: "Ogre",
        damage: 14,
        message: "[You hit with 14 points of damage!]",
      },
      {
        type: "MonsterHitRabbit",
        turn: 1,
        monster: "Ogre",
        damage: 4,
        message: "[Your enemy hit with 4 points of damage!]",
      },
    ]);
    expect(dice.asked).toEqual([15, 10, 5, 44]);
    expect(dice.remaining).toBe(0);
  });

  it("hit = roll(rabbit.strength + w): a rabbit of strength 7 asks roll(20)", () => {
    const start = gameState(rabbitState({ strength: 7 }), [OGRE]);
    const { game, dice } = restoreGame(start, [19, 0, 0, 0]);

    const events = game.attack("BOOMERANG").events;

    expect(events).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "BOOMERANG",
        monster: "Ogre",
        damage: 19,
        message: "[You hit with 19 points of damage!]",
      },
      {
        type: "MonsterHitRabbit",
        turn: 1,
        monster: "Ogre",
        damage: 0,
        message: "[Your enemy hit with 0 points of damage!]",
      },
    ]);
    expect(withoutDice(game.toState())).toEqual({
      ...withoutDice(start),
      turn: 1,
      monsters: [{ ...OGRE, life: 31 }],
    });
    expect(dice.asked).toEqual([20, 10, 5, 44]);
    expect(dice.remaining).toBe(0);
  });

  it.each([0, 4, 1000])(
    "the rabbit's own weapon stat (%i) is NOT used: the hit still asks roll(strength + w) = roll(15)",
    (weapon) => {
      const start = gameState(rabbitState({ weapon }), [OGRE]);
      const { game, dice } = restoreGame(start, [14, 0, 4, 0]);

      const events = game.attack("BOOMERANG").events;

      expect(events).toEqual([
        {
          type: "RabbitHitMonster",
          turn: 1,
          weapon: "BOOMERANG",
          monster: "Ogre",
          damage: 14,
          message: "[You hit with 14 points of damage!]",
        },
        {
          type: "MonsterHitRabbit",
          turn: 1,
          monster: "Ogre",
          damage: 4,
          message: "[Your enemy hit with 4 points of damage!]",
        },
      ]);
      expect(withoutDice(game.toState())).toEqual({
        ...withoutDice(start),
        turn: 1,
        rabbit: rabbitState({ weapon, life: 6 }),
        monsters: [{ ...OGRE, life: 36 }],
      });
      expect(dice.asked).toEqual([15, 10, 5, 44]);
      expect(dice.remaining).toBe(0);
    },
  );

  it("the front monster takes the hit (its charisma roll, its life); the monsters behind wait unchanged", () => {
    const start = gameState(rabbitState(), [OGRE, TROLL]);
    const { game, dice } = restoreGame(start, [14, 0, 4, 0]);

    game.attack("BOOMERANG");

    expect(withoutDice(game.toState())).toEqual({
      ...withoutDice(start),
      turn: 1,
      rabbit: rabbitState({ life: 6 }),
      monsters: [{ ...OGRE, life: 36 }, TROLL],
    });
    expect(game.currentMonster).toEqual({ ...OGRE, life: 36 });
    expect(dice.asked).toEqual([15, 10, 5, 44]);
  });

  it("the monster's magick power-up comes right after the rabbit's hit, before its damage lands", () => {
    const start = gameState(rabbitState(), [OGRE]);
    const { game, dice } = restoreGame(start, [14, 7, 0, 0]);

    const events = game.attack("BOOMERANG").events;

    expect(events).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "BOOMERANG",
        monster: "Ogre",
        damage: 14,
        message: "[You hit with 14 points of damage!]",
      },
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
        type: "MonsterHitRabbit",
        turn: 1,
        monster: "Ogre",
        damage: 0,
        message: "[Your enemy hit with 0 points of damage!]",
      },
    ]);
    expect(withoutDice(game.toState())).toEqual({
      ...withoutDice(start),
      turn: 1,
      monsters: [{ ...OGRE, life: 37 }],
    });
    expect(dice.asked).toEqual([15, 10, 5, 44]);
    expect(dice.remaining).toBe(0);
  });

  it("a killed monster leaves the array, the next one emerges at once and strikes in the same turn", () => {
    const weakOgre = { ...OGRE, life: 5 };
    const start = gameState(rabbitState(), [weakOgre, TROLL]);
    const { game, dice } = restoreGame(start, [5, 0, 6, 0]);

    const events = game.attack("BOOMERANG").events;

    expect(events).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "BOOMERANG",
        monster: "Ogre",
        damage: 5,
        message: "[You hit with 5 points of damage!]",
      },
      {
        type: "CreatureDied",
        turn: 1,
        role: "MONSTER",
        creature: "Ogre",
        message: "[Ogre has died!]",
      },
      {
        type: "MonsterEmerged",
        turn: 1,
        monsterId: "2",
        monster: "Troll",
        message: "[Get ready. Troll has emerged!]",
      },
      {
        type: "MonsterHitRabbit",
        turn: 1,
        monster: "Troll",
        damage: 6,
        message: "[Your enemy hit with 6 points of damage!]",
      },
    ]);
    expect(withoutDice(game.toState())).toEqual({
      ...withoutDice(start),
      turn: 1,
      rabbit: rabbitState({ life: 4 }),
      monsters: [TROLL],
    });
    expect(game.currentMonster).toEqual(TROLL);
    // The newly emerged Troll strikes with roll(strength 4 + weapon 3) = roll(7).
    expect(dice.asked).toEqual([15, 10, 7, 44]);
    expect(dice.remaining).toBe(0);
  });

  it("no retaliation after the last monster dies: decimated, status VICTORY, no further roll", () => {
    const weakOgre = { ...OGRE, life: 5 };
    const start = gameState(rabbitState(), [weakOgre]);
    const { game, dice } = restoreGame(start, [14, 0]);

    const events = game.attack("BOOMERANG").events;

    expect(events).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "BOOMERANG",
        monster: "Ogre",
        damage: 14,
        message: "[You hit with 14 points of damage!]",
      },
      {
        type: "CreatureDied",
        turn: 1,
        role: "MONSTER",
        creature: "Ogre",
        message: "[Ogre has died!]",
      },
      { type: "ArrayDecimated", turn: 1, message: "[Whoa.  You decimated Dwemthy's Array!]" },
    ]);
    expect(withoutDice(game.toState())).toEqual({
      ...withoutDice(start),
      status: "VICTORY",
      turn: 1,
      monsters: [],
    });
    expect(game.status).toBe("VICTORY");
    expect(game.currentMonster).toBeUndefined();
    expect(dice.asked).toEqual([15, 10]);
    expect(dice.remaining).toBe(0);
  });

  it("retaliation dmg = roll(monster.strength + monster.weapon): IndustrialRaverMonkey asks roll(35 + 2)", () => {
    const monkey = monsterState("1", "IndustrialRaverMonkey", {
      life: 46,
      strength: 35,
      charisma: 91,
      weapon: 2,
    });
    const start = gameState(rabbitState({ life: 100 }), [monkey]);
    const { game, dice } = restoreGame(start, [0, 0, 36, 0]);

    const events = game.attack("BOOMERANG").events;

    expect(events).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "BOOMERANG",
        monster: "IndustrialRaverMonkey",
        damage: 0,
        message: "[You hit with 0 points of damage!]",
      },
      {
        type: "MonsterHitRabbit",
        turn: 1,
        monster: "IndustrialRaverMonkey",
        damage: 36,
        message: "[Your enemy hit with 36 points of damage!]",
      },
    ]);
    expect(withoutDice(game.toState())).toEqual({
      ...withoutDice(start),
      turn: 1,
      rabbit: rabbitState({ life: 64 }),
    });
    expect(dice.asked).toEqual([15, 91, 37, 44]);
    expect(dice.remaining).toBe(0);
  });

  it("retaliation of a monster with strength 0 and weapon 0 asks roll(0), a hit of 0", () => {
    const harmless = monsterState("1", "Harmless", {
      life: 50,
      strength: 0,
      charisma: 10,
      weapon: 0,
    });
    const start = gameState(rabbitState(), [harmless]);
    const { game, dice } = restoreGame(start, [1, 0, 0, 0]);

    const events = game.attack("BOOMERANG").events;

    expect(events).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "BOOMERANG",
        monster: "Harmless",
        damage: 1,
        message: "[You hit with 1 points of damage!]",
      },
      {
        type: "MonsterHitRabbit",
        turn: 1,
        monster: "Harmless",
        damage: 0,
        message: "[Your enemy hit with 0 points of damage!]",
      },
    ]);
    expect(dice.asked).toEqual([15, 10, 0, 44]);
    expect(dice.remaining).toBe(0);
  });

  it("no retaliation when the new front monster is not alive (a stored monster at life 0 emerges)", () => {
    const weakOgre = { ...OGRE, life: 5 };
    const deadTroll = { ...TROLL, life: 0 };
    const start = gameState(rabbitState(), [weakOgre, deadTroll]);
    const { game, dice } = restoreGame(start, [5, 0]);

    const events = game.attack("BOOMERANG").events;

    expect(events).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "BOOMERANG",
        monster: "Ogre",
        damage: 5,
        message: "[You hit with 5 points of damage!]",
      },
      {
        type: "CreatureDied",
        turn: 1,
        role: "MONSTER",
        creature: "Ogre",
        message: "[Ogre has died!]",
      },
      {
        type: "MonsterEmerged",
        turn: 1,
        monsterId: "2",
        monster: "Troll",
        message: "[Get ready. Troll has emerged!]",
      },
    ]);
    expect(withoutDice(game.toState())).toEqual({
      ...withoutDice(start),
      turn: 1,
      monsters: [deadTroll],
    });
    expect(dice.asked).toEqual([15, 10]);
    expect(dice.remaining).toBe(0);
  });

  it("the rabbit's magick power-up and death come after the enemy hit", () => {
    const brute = monsterState("1", "Brute", { life: 50, strength: 30, charisma: 10, weapon: 5 });
    const start = gameState(rabbitState(), [brute]);
    const { game, dice } = restoreGame(start, [0, 0, 30, 43]);

    const events = game.attack("BOOMERANG").events;

    expect(events).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "BOOMERANG",
        monster: "Brute",
        damage: 0,
        message: "[You hit with 0 points of damage!]",
      },
      {
        type: "MonsterHitRabbit",
        turn: 1,
        monster: "Brute",
        damage: 30,
        message: "[Your enemy hit with 30 points of damage!]",
      },
      {
        type: "MagickPoweredUp",
        turn: 1,
        role: "RABBIT",
        creature: "Rabbit",
        power: 43,
        lifeGained: 10,
        message: "[Rabbit magick powers up 43!]",
      },
      {
        type: "CreatureDied",
        turn: 1,
        role: "RABBIT",
        creature: "Rabbit",
        message: "[Rabbit has died!]",
      },
    ]);
    // 10 + floor(43 / 4) - 30 = -10
    expect(withoutDice(game.toState())).toEqual({
      ...withoutDice(start),
      turn: 1,
      rabbit: rabbitState({ life: -10 }),
    });
    expect(dice.asked).toEqual([15, 10, 35, 44]);
    expect(dice.remaining).toBe(0);
  });

  it("the rabbit dies when the enemy hit leaves it at exactly 0", () => {
    const brute = monsterState("1", "Brute", { life: 50, strength: 30, charisma: 10, weapon: 5 });
    const start = gameState(rabbitState(), [brute]);
    const { game, dice } = restoreGame(start, [0, 0, 10, 0]);

    const events = game.attack("BOOMERANG").events;

    expect(events).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "BOOMERANG",
        monster: "Brute",
        damage: 0,
        message: "[You hit with 0 points of damage!]",
      },
      {
        type: "MonsterHitRabbit",
        turn: 1,
        monster: "Brute",
        damage: 10,
        message: "[Your enemy hit with 10 points of damage!]",
      },
      {
        type: "CreatureDied",
        turn: 1,
        role: "RABBIT",
        creature: "Rabbit",
        message: "[Rabbit has died!]",
      },
    ]);
    expect(game.toState().rabbit).toEqual(rabbitState({ life: 0 }));
    expect(dice.asked).toEqual([15, 10, 35, 44]);
    expect(dice.remaining).toBe(0);
  });
});
