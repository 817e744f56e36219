import { BESTIARY } from "../../../src/domain/bestiary";
import { monsterSpec, startGame } from "./rules-support";

// docs/rules.md, "The rabbit" (starting stats) and "The array" (first monster emerges at once, the six).

describe("Starting a game (docs/rules.md, The rabbit / The array)", () => {
  it("the default BESTIARY is the original six, with the exact stats of docs/rules.md, in order", () => {
    expect(BESTIARY).toEqual([
      { name: "IndustrialRaverMonkey", life: 46, strength: 35, charisma: 91, weapon: 2 },
      { name: "DwarvenAngel", life: 540, strength: 6, charisma: 144, weapon: 50 },
      {
        name: "AssistantViceTentacleAndOmbudsman",
        life: 320,
        strength: 6,
        charisma: 144,
        weapon: 50,
      },
      { name: "TeethDeer", life: 655, strength: 192, charisma: 19, weapon: 109 },
      { name: "IntrepidDecomposedCyclist", life: 901, strength: 560, charisma: 422, weapon: 105 },
      { name: "Dragon", life: 1340, strength: 451, charisma: 1020, weapon: 939 },
    ]);
  });

  it("the first monster emerges at turn 0 with id 1, and the start consumes no roll", () => {
    const { game, dice, events } = startGame(BESTIARY);

    expect(events).toEqual([
      {
        type: "MonsterEmerged",
        turn: 0,
        monsterId: "1",
        monster: "IndustrialRaverMonkey",
        message: "[Get ready. IndustrialRaverMonkey has emerged!]",
      },
    ]);
    expect(game.currentMonster).toEqual({
      id: "1",
      name: "IndustrialRaverMonkey",
      life: 46,
      strength: 35,
      charisma: 91,
      weapon: 2,
    });
    expect(dice.asked).toEqual([]);
    expect(dice.remaining).toBe(0);
  });

  it("a new game: rabbit life 10, strength 2, charisma 44, weapon 4, bombs 3; the six with ids 1..6 in order; turn 0", () => {
    const { game } = startGame(BESTIARY);

    expect(game.toState()).toEqual({
      id: "g1",
      status: "IN_PROGRESS",
      turn: 0,
      version: 0,
      dice: "scripted:0",
      tokenHash: "h",
      rabbit: { life: 10, strength: 2, charisma: 44, weapon: 4, bombs: 3 },
      monsters: [
        {
          id: "1",
          name: "IndustrialRaverMonkey",
          life: 46,
          strength: 35,
          charisma: 91,
          weapon: 2,
        },
        { id: "2", name: "DwarvenAngel", life: 540, strength: 6, charisma: 144, weapon: 50 },
        {
          id: "3",
          name: "AssistantViceTentacleAndOmbudsman",
          life: 320,
          strength: 6,
          charisma: 144,
          weapon: 50,
        },
        { id: "4", name: "TeethDeer", life: 655, strength: 192, charisma: 19, weapon: 109 },
        {
          id: "5",
          name: "IntrepidDecomposedCyclist",
          life: 901,
          strength: 560,
          charisma: 422,
          weapon: 105,
        },
        { id: "6", name: "Dragon", life: 1340, strength: 451, charisma: 1020, weapon: 939 },
      ],
      createdAt: 0,
      updatedAt: 0,
    });
    expect(game.status).toBe("IN_PROGRESS");
    expect(game.turn).toBe(0);
  });

  it("a custom array: monster ids are 1..n in the given order, and the first given emerges", () => {
    const { game, dice, events } = startGame([
      monsterSpec("Zed", 5, 1, 2, 3),
      monsterSpec("Amy", 6, 0, 0, 0),
      monsterSpec("Mo", 7, 9, 8, 7),
    ]);

    expect(events).toEqual([
      {
        type: "MonsterEmerged",
        turn: 0,
        monsterId: "1",
        monster: "Zed",
        message: "[Get ready. Zed has emerged!]",
      },
    ]);
    expect(game.toState().monsters).toEqual([
      { id: "1", name: "Zed", life: 5, strength: 1, charisma: 2, weapon: 3 },
      { id: "2", name: "Amy", life: 6, strength: 0, charisma: 0, weapon: 0 },
      { id: "3", name: "Mo", life: 7, strength: 9, charisma: 8, weapon: 7 },
    ]);
    expect(game.toState().rabbit).toEqual({
      life: 10,
      strength: 2,
      charisma: 44,
      weapon: 4,
      bombs: 3,
    });
    expect(dice.asked).toEqual([]);
  });

  it("playing a game does not change the BESTIARY it started from", () => {
    const { game, dice } = startGame(BESTIARY, [39, 40, 0, 0, 0]);

    game.attack("SWORD");

    expect(game.toState().monsters[0]!.life).toBe(6);
    expect(BESTIARY[0]).toEqual({
      name: "IndustrialRaverMonkey",
      life: 46,
      strength: 35,
      charisma: 91,
      weapon: 2,
    });
    expect(dice.remaining).toBe(0);
  });
});
