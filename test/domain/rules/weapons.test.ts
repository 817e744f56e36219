import { BESTIARY } from "../../../src/domain/bestiary";
import {
  gameState,
  monsterState,
  rabbitState,
  restoreGame,
  startGame,
  withoutDice,
} from "./rules-support";

// docs/rules.md, "The rabbit": the four weapons, each one turn.

const OGRE = monsterState("1", "Ogre", { life: 50, strength: 3, charisma: 10, weapon: 2 });

describe("BOOMERANG (docs/rules.md, The rabbit)", () => {
  it("BOOMERANG is a fight turn with w = 13: a rabbit of strength 0 asks roll(13)", () => {
    const start = gameState(rabbitState({ strength: 0 }), [OGRE]);
    const { game, dice } = restoreGame(start, [12, 0, 0, 0]);

    const events = game.attack("BOOMERANG").events;

    expect(events).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "BOOMERANG",
        monster: "Ogre",
        damage: 12,
        message: "[You hit with 12 points of damage!]",
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
      monsters: [{ ...OGRE, life: 38 }],
    });
    expect(dice.asked).toEqual([13, 10, 5, 44]);
    expect(dice.remaining).toBe(0);
  });
});

describe("SWORD (docs/rules.md, The rabbit)", () => {
  it("SWORD on the first monster (life 46): w = roll(4 + 6^2) = roll(40) drawn first, then hit = roll(2 + w)", () => {
    const { game, dice } = startGame(BESTIARY, [39, 40, 0, 0, 0]);
    const before = withoutDice(game.toState());

    const events = game.attack("SWORD").events;

    expect(events).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "SWORD",
        monster: "IndustrialRaverMonkey",
        damage: 40,
        message: "[You hit with 40 points of damage!]",
      },
      {
        type: "MonsterHitRabbit",
        turn: 1,
        monster: "IndustrialRaverMonkey",
        damage: 0,
        message: "[Your enemy hit with 0 points of damage!]",
      },
    ]);
    expect(withoutDice(game.toState())).toEqual({
      ...before,
      turn: 1,
      monsters: [{ ...before.monsters[0]!, life: 6 }, ...before.monsters.slice(1)],
    });
    expect(dice.asked).toEqual([40, 41, 91, 37, 44]);
    expect(dice.remaining).toBe(0);
  });

  it.each([
    [46, 40],
    [50, 4],
    [9, 85],
    [10, 4],
    [1, 5],
    [123, 13],
    [1000000, 4],
  ])(
    "SWORD against a front monster of life %i draws w = roll(4 + (life mod 10)^2) = roll(%i)",
    (life, n) => {
      const front = { ...OGRE, life };
      const start = gameState(rabbitState(), [front]);
      const { game, dice } = restoreGame(start, [0, 0, 0, 0, 0]);

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
      expect(withoutDice(game.toState())).toEqual({ ...withoutDice(start), turn: 1 });
      // w = 0, so the hit asks roll(strength 2 + 0).
      expect(dice.asked).toEqual([n, 2, 10, 5, 44]);
      expect(dice.remaining).toBe(0);
    },
  );

  it.each([
    [-3, 53],
    [-10, 4],
    [-46, 20],
  ])(
    "SWORD uses the non-negative remainder: a front monster at life %i gives roll(%i)",
    (life, n) => {
      const front = { ...OGRE, life };
      const start = gameState(rabbitState({ life: 0 }), [front]);
      const { game, dice } = restoreGame(start, [0]);

      const events = game.attack("SWORD").events;

      expect(events).toEqual([
        { type: "RabbitWasTooDeadToFight", turn: 1, message: "[Rabbit is too dead to fight!]" },
      ]);
      expect(dice.asked).toEqual([n]);
      expect(dice.remaining).toBe(0);
    },
  );

  it("SWORD's w is drawn even when the rabbit is too dead: roll(40), then too dead, nothing else", () => {
    const monkey = monsterState("1", "IndustrialRaverMonkey", {
      life: 46,
      strength: 35,
      charisma: 91,
      weapon: 2,
    });
    const start = gameState(rabbitState({ life: 0 }), [monkey]);
    const { game, dice } = restoreGame(start, [39]);

    const events = game.attack("SWORD").events;

    expect(events).toEqual([
      { type: "RabbitWasTooDeadToFight", turn: 1, message: "[Rabbit is too dead to fight!]" },
    ]);
    expect(withoutDice(game.toState())).toEqual({ ...withoutDice(start), turn: 1 });
    expect(dice.asked).toEqual([40]);
    expect(dice.remaining).toBe(0);
  });
});

describe("LETTUCE (docs/rules.md, The rabbit)", () => {
  it("LETTUCE: heal = roll(charisma), lettuce event first, life += heal, then a fight turn with w = 0", () => {
    const start = gameState(rabbitState(), [OGRE]);
    const { game, dice } = restoreGame(start, [20, 1, 0, 0, 0]);

    const events = game.attack("LETTUCE").events;

    expect(events).toEqual([
      {
        type: "LettuceEaten",
        turn: 1,
        heal: 20,
        message: "[Healthy lettuce gives you 20 life points!!]",
      },
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "LETTUCE",
        monster: "Ogre",
        damage: 1,
        message: "[You hit with 1 points of damage!]",
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
      rabbit: rabbitState({ life: 30 }),
      monsters: [{ ...OGRE, life: 49 }],
    });
    expect(dice.asked).toEqual([44, 2, 10, 5, 44]);
    expect(dice.remaining).toBe(0);
  });

  it("LETTUCE's heal asks roll(rabbit.charisma): charisma 7 asks roll(7)", () => {
    const start = gameState(rabbitState({ charisma: 7 }), [OGRE]);
    const { game, dice } = restoreGame(start, [6, 0, 0, 0, 0]);

    const events = game.attack("LETTUCE").events;

    expect(events[0]).toEqual({
      type: "LettuceEaten",
      turn: 1,
      heal: 6,
      message: "[Healthy lettuce gives you 6 life points!!]",
    });
    expect(game.toState().rabbit).toEqual(rabbitState({ charisma: 7, life: 16 }));
    expect(dice.asked).toEqual([7, 2, 10, 5, 7]);
    expect(dice.remaining).toBe(0);
  });

  it("LETTUCE heals before the dead check: it revives a dead rabbit, which then fights with w = 0", () => {
    const start = gameState(rabbitState({ life: -5 }), [OGRE]);
    const { game, dice } = restoreGame(start, [10, 1, 0, 4, 0]);

    const events = game.attack("LETTUCE").events;

    expect(events).toEqual([
      {
        type: "LettuceEaten",
        turn: 1,
        heal: 10,
        message: "[Healthy lettuce gives you 10 life points!!]",
      },
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "LETTUCE",
        monster: "Ogre",
        damage: 1,
        message: "[You hit with 1 points of damage!]",
      },
      {
        type: "MonsterHitRabbit",
        turn: 1,
        monster: "Ogre",
        damage: 4,
        message: "[Your enemy hit with 4 points of damage!]",
      },
    ]);
    // -5 + 10 - 4 = 1
    expect(withoutDice(game.toState())).toEqual({
      ...withoutDice(start),
      turn: 1,
      rabbit: rabbitState({ life: 1 }),
      monsters: [{ ...OGRE, life: 49 }],
    });
    // The hit asks roll(strength 2 + w 0) = roll(2).
    expect(dice.asked).toEqual([44, 2, 10, 5, 44]);
    expect(dice.remaining).toBe(0);
  });

  it.each([
    [5, 0],
    [0, -5],
  ])(
    "LETTUCE on a dead rabbit (life -5) whose heal %i is not enough: lettuce event, then too dead",
    (heal, lifeAfter) => {
      const start = gameState(rabbitState({ life: -5 }), [OGRE]);
      const { game, dice } = restoreGame(start, [heal]);

      const events = game.attack("LETTUCE").events;

      expect(events).toEqual([
        {
          type: "LettuceEaten",
          turn: 1,
          heal,
          message: `[Healthy lettuce gives you ${heal} life points!!]`,
        },
        { type: "RabbitWasTooDeadToFight", turn: 1, message: "[Rabbit is too dead to fight!]" },
      ]);
      expect(withoutDice(game.toState())).toEqual({
        ...withoutDice(start),
        turn: 1,
        rabbit: rabbitState({ life: lifeAfter }),
      });
      expect(dice.asked).toEqual([44]);
      expect(dice.remaining).toBe(0);
    },
  );
});

describe("BOMB (docs/rules.md, The rabbit)", () => {
  it("BOMB: bombs -= 1 and a fight turn with w = 86 (roll(2 + 86) = roll(88))", () => {
    const big = { ...OGRE, life: 100 };
    const start = gameState(rabbitState(), [big]);
    const { game, dice } = restoreGame(start, [87, 0, 0, 0]);

    const events = game.attack("BOMB").events;

    expect(events).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "BOMB",
        monster: "Ogre",
        damage: 87,
        message: "[You hit with 87 points of damage!]",
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
      rabbit: rabbitState({ bombs: 2 }),
      monsters: [{ ...big, life: 13 }],
    });
    expect(dice.asked).toEqual([88, 10, 5, 44]);
    expect(dice.remaining).toBe(0);
  });

  it("BOMB: the bomb is spent even when the rabbit turns out to be too dead", () => {
    const start = gameState(rabbitState({ life: 0 }), [OGRE]);
    const { game, dice } = restoreGame(start, []);

    const events = game.attack("BOMB").events;

    expect(events).toEqual([
      { type: "RabbitWasTooDeadToFight", turn: 1, message: "[Rabbit is too dead to fight!]" },
    ]);
    expect(withoutDice(game.toState())).toEqual({
      ...withoutDice(start),
      turn: 1,
      rabbit: rabbitState({ life: 0, bombs: 2 }),
    });
    expect(dice.asked).toEqual([]);
    expect(dice.remaining).toBe(0);
  });

  it("out of bombs (bombs 0): exactly one event, no roll at all, state unchanged except the turn", () => {
    const start = gameState(rabbitState({ bombs: 0 }), [OGRE]);
    const { game, dice } = restoreGame(start, []);

    const events = game.attack("BOMB").events;

    expect(events).toEqual([
      { type: "BombsRanOut", turn: 1, message: "[UHN!! You're out of bombs!!]" },
    ]);
    expect(withoutDice(game.toState())).toEqual({ ...withoutDice(start), turn: 1 });
    expect(dice.asked).toEqual([]);
    expect(dice.remaining).toBe(0);
  });

  it("out of bombs with a dead rabbit: only the out-of-bombs event, not too dead", () => {
    const start = gameState(rabbitState({ life: -3, bombs: 0 }), [OGRE]);
    const { game, dice } = restoreGame(start, []);

    const events = game.attack("BOMB").events;

    expect(events).toEqual([
      { type: "BombsRanOut", turn: 1, message: "[UHN!! You're out of bombs!!]" },
    ]);
    expect(withoutDice(game.toState())).toEqual({ ...withoutDice(start), turn: 1 });
    expect(dice.asked).toEqual([]);
  });

  it("the last bomb is used, then the next BOMB finds none (bombs 1 -> 0 -> out of bombs)", () => {
    const big = { ...OGRE, life: 100 };
    const start = gameState(rabbitState({ bombs: 1 }), [big]);
    const { game, dice } = restoreGame(start, [10, 0, 0, 0]);

    const first = game.attack("BOMB").events;
    const second = game.attack("BOMB").events;

    expect(first).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "BOMB",
        monster: "Ogre",
        damage: 10,
        message: "[You hit with 10 points of damage!]",
      },
      {
        type: "MonsterHitRabbit",
        turn: 1,
        monster: "Ogre",
        damage: 0,
        message: "[Your enemy hit with 0 points of damage!]",
      },
    ]);
    expect(second).toEqual([
      { type: "BombsRanOut", turn: 2, message: "[UHN!! You're out of bombs!!]" },
    ]);
    expect(withoutDice(game.toState())).toEqual({
      ...withoutDice(start),
      turn: 2,
      rabbit: rabbitState({ bombs: 0 }),
      monsters: [{ ...big, life: 90 }],
    });
    expect(dice.asked).toEqual([88, 10, 5, 44]);
    expect(dice.remaining).toBe(0);
  });
});
