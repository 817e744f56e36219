import { gameState, monsterState, rabbitState, restoreGame, withoutDice } from "./rules-support";

// docs/rules.md, "Order of events in one turn":
// lettuce (LETTUCE only) -> too dead | you hit -> monster's magick power-up -> monster died ->
// emerged | decimated -> enemy hit -> rabbit's magick power-up -> rabbit died.

describe("Order of events in one turn (docs/rules.md)", () => {
  it("a LETTUCE turn where everything happens: lettuce, you hit, monster magick, monster died, emerged, enemy hit, rabbit magick, rabbit died", () => {
    const imp = monsterState("1", "Imp", { life: 1, strength: 1, charisma: 10, weapon: 1 });
    const giant = monsterState("2", "Giant", { life: 80, strength: 20, charisma: 30, weapon: 5 });
    const start = gameState(rabbitState({ life: 1, strength: 10 }), [imp, giant]);
    // heal 3 (roll 44) | hit 9 (roll 10 + 0) | Imp's magick 7 (roll 10) | Giant's hit 24 (roll 25)
    // | rabbit's magick 16 (roll 44)
    const { game, dice } = restoreGame(start, [3, 9, 7, 24, 16]);

    const events = game.attack("LETTUCE").events;

    expect(events).toEqual([
      {
        type: "LettuceEaten",
        turn: 1,
        heal: 3,
        message: "[Healthy lettuce gives you 3 life points!!]",
      },
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "LETTUCE",
        monster: "Imp",
        damage: 9,
        message: "[You hit with 9 points of damage!]",
      },
      {
        type: "MagickPoweredUp",
        turn: 1,
        role: "MONSTER",
        creature: "Imp",
        power: 7,
        lifeGained: 1,
        message: "[Imp magick powers up 7!]",
      },
      {
        type: "CreatureDied",
        turn: 1,
        role: "MONSTER",
        creature: "Imp",
        message: "[Imp has died!]",
      },
      {
        type: "MonsterEmerged",
        turn: 1,
        monsterId: "2",
        monster: "Giant",
        message: "[Get ready. Giant has emerged!]",
      },
      {
        type: "MonsterHitRabbit",
        turn: 1,
        monster: "Giant",
        damage: 24,
        message: "[Your enemy hit with 24 points of damage!]",
      },
      {
        type: "MagickPoweredUp",
        turn: 1,
        role: "RABBIT",
        creature: "Rabbit",
        power: 16,
        lifeGained: 4,
        message: "[Rabbit magick powers up 16!]",
      },
      {
        type: "CreatureDied",
        turn: 1,
        role: "RABBIT",
        creature: "Rabbit",
        message: "[Rabbit has died!]",
      },
    ]);
    // Rabbit: 1 + 3 + 4 - 24 = -16. Imp: 1 + 1 - 9 = -7, gone.
    expect(withoutDice(game.toState())).toEqual({
      ...withoutDice(start),
      turn: 1,
      rabbit: rabbitState({ life: -16, strength: 10 }),
      monsters: [giant],
    });
    expect(dice.asked).toEqual([44, 10, 10, 25, 44]);
    expect(dice.remaining).toBe(0);
  });

  it("a winning turn: you hit, monster magick, monster died, decimated, and nothing after", () => {
    const ogre = monsterState("1", "Ogre", { life: 20, strength: 3, charisma: 10, weapon: 2 });
    const start = gameState(rabbitState(), [ogre]);
    const { game, dice } = restoreGame(start, [87, 7]);

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
      { type: "ArrayDecimated", turn: 1, message: "[Whoa.  You decimated Dwemthy's Array!]" },
    ]);
    expect(withoutDice(game.toState())).toEqual({
      ...withoutDice(start),
      status: "VICTORY",
      turn: 1,
      rabbit: rabbitState({ bombs: 2 }),
      monsters: [],
    });
    expect(dice.asked).toEqual([88, 10]);
    expect(dice.remaining).toBe(0);
  });

  it("a SWORD turn draws w before anything else, then the fight turn's rolls in rule order", () => {
    const ogre = monsterState("1", "Ogre", { life: 46, strength: 3, charisma: 10, weapon: 2 });
    const start = gameState(rabbitState(), [ogre]);
    // w 5 (roll 40) | hit 6 (roll 2 + 5) | Ogre's charisma 0 (roll 10) | Ogre's hit 4 (roll 5)
    // | rabbit's charisma 7 (roll 44)
    const { game, dice } = restoreGame(start, [5, 6, 0, 4, 7]);

    const events = game.attack("SWORD").events;

    expect(events).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "SWORD",
        monster: "Ogre",
        damage: 6,
        message: "[You hit with 6 points of damage!]",
      },
      {
        type: "MonsterHitRabbit",
        turn: 1,
        monster: "Ogre",
        damage: 4,
        message: "[Your enemy hit with 4 points of damage!]",
      },
      {
        type: "MagickPoweredUp",
        turn: 1,
        role: "RABBIT",
        creature: "Rabbit",
        power: 7,
        lifeGained: 1,
        message: "[Rabbit magick powers up 7!]",
      },
    ]);
    expect(withoutDice(game.toState())).toEqual({
      ...withoutDice(start),
      turn: 1,
      rabbit: rabbitState({ life: 7 }),
      monsters: [{ ...ogre, life: 40 }],
    });
    expect(dice.asked).toEqual([40, 7, 10, 5, 44]);
    expect(dice.remaining).toBe(0);
  });
});
