import { DomainError } from "../../../src/domain/domain-error";
import { WEAPONS } from "../../../src/domain/weapon";
import {
  gameState,
  monsterSpec,
  monsterState,
  rabbitState,
  restoreGame,
  startGame,
  thrown,
  withoutDice,
} from "./rules-support";

// docs/rules.md, "When the game is over", and the turn counter of GameState / BattleEvent.

const GAME_OVER_MESSAGE = "Game g1 is over: Dwemthy's Array is decimated, no weapon can be used.";

describe("When the game is over (docs/rules.md)", () => {
  it.each(WEAPONS)(
    "after victory %s is refused with DomainError GAME_OVER and nothing changes (dice included)",
    (weapon) => {
      const { game, dice } = startGame([monsterSpec("Ogre", 1, 3, 10, 2)], [50, 0]);
      const won = game.attack("BOMB").events;
      expect(won).toEqual([
        {
          type: "RabbitHitMonster",
          turn: 1,
          weapon: "BOMB",
          monster: "Ogre",
          damage: 50,
          message: "[You hit with 50 points of damage!]",
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
      const before = game.toState();
      const savedDice = dice.save();

      const error = thrown(() => game.attack(weapon).events);

      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "GAME_OVER", message: GAME_OVER_MESSAGE });
      expect(game.toState()).toEqual(before);
      expect(before).toEqual({
        id: "g1",
        status: "VICTORY",
        turn: 1,
        version: 1,
        dice: "scripted:2",
        tokenHash: "h",
        rabbit: rabbitState({ bombs: 2 }),
        monsters: [],
        createdAt: 0,
        updatedAt: 0,
      });
      expect(dice.save()).toBe(savedDice);
      expect(dice.asked).toEqual([88, 10]);
      expect(dice.remaining).toBe(0);
    },
  );

  it.each(WEAPONS)(
    "a restored won game refuses %s with GAME_OVER, twice in a row, and stays unchanged",
    (weapon) => {
      const start = gameState(rabbitState({ life: -4, bombs: 0 }), [], {
        status: "VICTORY",
        turn: 12,
      });
      const { game, dice } = restoreGame(start, [0]);

      const first = thrown(() => game.attack(weapon).events);
      const second = thrown(() => game.attack(weapon).events);

      for (const error of [first, second]) {
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code: "GAME_OVER", message: GAME_OVER_MESSAGE });
      }
      expect(game.toState()).toEqual(start);
      expect(dice.asked).toEqual([]);
      expect(dice.remaining).toBe(1);
    },
  );

  it("a dead rabbit is not the end: the game stays IN_PROGRESS and still accepts a weapon", () => {
    const ogre = monsterState("1", "Ogre", { life: 50, strength: 3, charisma: 10, weapon: 2 });
    const start = gameState(rabbitState({ life: -20 }), [ogre]);
    const { game, dice } = restoreGame(start, []);

    expect(game.attack("BOOMERANG").events).toEqual([
      { type: "RabbitWasTooDeadToFight", turn: 1, message: "[Rabbit is too dead to fight!]" },
    ]);
    expect(game.status).toBe("IN_PROGRESS");
    expect(withoutDice(game.toState())).toEqual({ ...withoutDice(start), turn: 1 });
    expect(dice.asked).toEqual([]);
  });
});

describe("The turn counter", () => {
  it("each attack adds 1 whatever happens, and its events carry that turn", () => {
    const ogre = monsterState("1", "Ogre", { life: 50, strength: 3, charisma: 10, weapon: 2 });
    const start = gameState(rabbitState({ life: 0, bombs: 0 }), [ogre]);
    const { game, dice } = restoreGame(start, [0, 0]);

    const bomb = game.attack("BOMB").events;
    expect(game.turn).toBe(1);
    const lettuce = game.attack("LETTUCE").events;
    expect(game.turn).toBe(2);
    const sword = game.attack("SWORD").events;
    expect(game.turn).toBe(3);
    const boomerang = game.attack("BOOMERANG").events;
    expect(game.turn).toBe(4);

    expect([bomb, lettuce, sword, boomerang]).toEqual([
      [{ type: "BombsRanOut", turn: 1, message: "[UHN!! You're out of bombs!!]" }],
      [
        {
          type: "LettuceEaten",
          turn: 2,
          heal: 0,
          message: "[Healthy lettuce gives you 0 life points!!]",
        },
        { type: "RabbitWasTooDeadToFight", turn: 2, message: "[Rabbit is too dead to fight!]" },
      ],
      [{ type: "RabbitWasTooDeadToFight", turn: 3, message: "[Rabbit is too dead to fight!]" }],
      [{ type: "RabbitWasTooDeadToFight", turn: 4, message: "[Rabbit is too dead to fight!]" }],
    ]);
    expect(withoutDice(game.toState())).toEqual({ ...withoutDice(start), turn: 4 });
    // LETTUCE's heal roll(44), then SWORD's w roll(4 + 0^2) for the Ogre at life 50.
    expect(dice.asked).toEqual([44, 4]);
    expect(dice.remaining).toBe(0);
  });

  it("a new game is at turn 0 and its first attack is turn 1", () => {
    const { game, dice, events } = startGame([monsterSpec("Ogre", 50, 3, 10, 2)], [1, 0, 2, 0]);

    expect(events.map((e) => e.turn)).toEqual([0]);
    expect(game.turn).toBe(0);

    const turnOne = game.attack("BOOMERANG").events;

    expect(turnOne).toEqual([
      {
        type: "RabbitHitMonster",
        turn: 1,
        weapon: "BOOMERANG",
        monster: "Ogre",
        damage: 1,
        message: "[You hit with 1 points of damage!]",
      },
      {
        type: "MonsterHitRabbit",
        turn: 1,
        monster: "Ogre",
        damage: 2,
        message: "[Your enemy hit with 2 points of damage!]",
      },
    ]);
    expect(game.turn).toBe(1);
    expect(game.toState().turn).toBe(1);
    expect(dice.asked).toEqual([15, 10, 5, 44]);
    expect(dice.remaining).toBe(0);
  });

  it("a restored game at turn 41 plays turn 42", () => {
    const ogre = monsterState("1", "Ogre", { life: 50, strength: 3, charisma: 10, weapon: 2 });
    const start = gameState(rabbitState({ bombs: 0 }), [ogre], { turn: 41 });
    const { game } = restoreGame(start, []);

    expect(game.attack("BOMB").events).toEqual([
      { type: "BombsRanOut", turn: 42, message: "[UHN!! You're out of bombs!!]" },
    ]);
    expect(withoutDice(game.toState())).toEqual({ ...withoutDice(start), turn: 42 });
  });

  it("a refused attack after victory does not add a turn", () => {
    const ogre = monsterState("1", "Ogre", { life: 1, strength: 3, charisma: 10, weapon: 2 });
    const start = gameState(rabbitState(), [ogre], { turn: 7 });
    const { game, dice } = restoreGame(start, [14, 0]);

    const won = game.attack("BOOMERANG").events;
    expect(won.map((e) => [e.type, e.turn])).toEqual([
      ["RabbitHitMonster", 8],
      ["CreatureDied", 8],
      ["ArrayDecimated", 8],
    ]);
    thrown(() => game.attack("BOOMERANG").events);

    expect(game.turn).toBe(8);
    expect(withoutDice(game.toState())).toEqual({
      ...withoutDice(start),
      status: "VICTORY",
      turn: 8,
      monsters: [],
    });
    expect(dice.asked).toEqual([15, 10]);
    expect(dice.remaining).toBe(0);
  });
});
