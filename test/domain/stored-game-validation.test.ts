import { battleEvent, type BattleEvent } from "../../src/domain/battle-event";
import { DomainError } from "../../src/domain/domain-error";
import type { GameState } from "../../src/domain/game";
import { validateStoredEvent, validateStoredGame } from "../../src/domain/stored-game-validation";
import { gameState, monsterState, rabbitState } from "./rules/rules-support";

/** A stored game at the start, with one change. */
function stored(changes: Partial<GameState> = {}): GameState {
  return gameState(
    rabbitState(),
    [monsterState("1", "Toad", { life: 40, strength: 1, charisma: 3, weapon: 1 })],
    { createdAt: 1_000, updatedAt: 2_000, ...changes },
  );
}

/** The code and message of what `check` throws, or "valid". */
function outcome(check: () => void): string {
  try {
    check();
    return "valid";
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return `${(error as DomainError).code}: ${(error as DomainError).message}`;
  }
}

const toad = (changes: Partial<GameState["monsters"][0]>) => [
  { ...monsterState("1", "Toad", { life: 40, strength: 1, charisma: 3, weapon: 1 }), ...changes },
];

describe("validateStoredGame: what the rules and a GraphQL Int can hold, at the edges", () => {
  it.each<[string, Partial<GameState>]>([
    ["turn and version at the Int's top", { turn: 2147483647, version: 2147483647 }],
    ["times at 0 and at 9999-12-31T23:59:59.999Z", { createdAt: 0, updatedAt: 253402300799999 }],
    ["the rabbit's life at both ends of an Int", { rabbit: rabbitState({ life: -2147483648 }) }],
    ["a rabbit with no bombs", { rabbit: rabbitState({ bombs: 0 }) }],
    ["a monster's life past the start bounds (magick)", { monsters: toad({ life: 2147483647 }) }],
    ["stats at the bound of custom monsters", { monsters: toad({ strength: 1_000_000 }) }],
    ["no monster left", { status: "VICTORY", monsters: [] }],
  ])("accepts %s", (_name, changes) => {
    expect(outcome(() => validateStoredGame(stored(changes)))).toBe("valid");
  });

  it.each<[Partial<GameState>, string]>([
    [{ turn: 2147483648 }, "game.turn 2147483648"],
    [{ turn: 1.5 }, "game.turn 1.5"],
    [{ version: -1 }, "game.version -1"],
    [{ createdAt: 10 ** 16 }, "game.createdAt 10000000000000000"],
    [{ updatedAt: 253402300800000 }, "game.updatedAt 253402300800000"],
    [{ rabbit: rabbitState({ life: -2147483649 }) }, "rabbit.life -2147483649"],
    [{ rabbit: rabbitState({ bombs: 4 }) }, "rabbit.bombs 4"],
    [{ rabbit: rabbitState({ charisma: 1_000_001 }) }, "rabbit.charisma 1000001"],
    [{ monsters: toad({ life: 0 }) }, "monster:1.life 0"],
    [{ monsters: toad({ life: 2147483648 }) }, "monster:1.life 2147483648"],
    [{ monsters: toad({ weapon: -1 }) }, "monster:1.weapon -1"],
    [{ monsters: toad({ name: "" }) }, 'monster:1.name ""'],
    [{ monsters: toad({ id: "0" }) }, 'a monster id "0"'],
  ])("refuses %p: CORRUPT_GAME naming %s", (changes, place) => {
    expect(outcome(() => validateStoredGame(stored(changes)))).toBe(
      `CORRUPT_GAME: Game g1 is corrupt in the store: ${place} is out of range.`,
    );
  });
});

describe("validateStoredEvent", () => {
  it("accepts every event the rules make, at the Int's top", () => {
    const max = 2147483647;
    const events: BattleEvent[] = [
      battleEvent.monsterEmerged(max, "100", "Toad"),
      battleEvent.lettuceEaten(max, max),
      battleEvent.bombsRanOut(max),
      battleEvent.rabbitWasTooDeadToFight(max),
      battleEvent.rabbitHitMonster(max, "BOMB", "Toad", max),
      battleEvent.monsterHitRabbit(max, "Toad", max),
      battleEvent.magickPoweredUp(max, "RABBIT", "Rabbit", max),
      battleEvent.creatureDied(max, "MONSTER", "Toad"),
      battleEvent.arrayDecimated(max),
    ];
    for (const event of events)
      expect(outcome(() => validateStoredEvent("g1", event))).toBe("valid");
  });

  it.each<[string, BattleEvent, string]>([
    [
      "an unknown type",
      { type: "RabbitSneezed", turn: 1, message: "x" } as unknown as BattleEvent,
      'has the unknown type "RabbitSneezed"',
    ],
    ["a turn past an Int", battleEvent.bombsRanOut(2147483648), "has the turn 2147483648"],
    ["a negative damage", battleEvent.monsterHitRabbit(1, "Toad", -1), "has a number out of range"],
    ["a heal past an Int", battleEvent.lettuceEaten(1, 2 ** 31), "has a number out of range"],
    [
      "an unknown weapon",
      battleEvent.rabbitHitMonster(1, "SPOON" as "BOMB", "Toad", 1),
      "has an unknown weapon",
    ],
    [
      "a blank name",
      battleEvent.creatureDied(1, "MONSTER", " "),
      "has a name no creature may have",
    ],
  ])("refuses %s", (_name, event, why) => {
    expect(outcome(() => validateStoredEvent("g1", event))).toBe(
      `CORRUPT_GAME: Game g1 is corrupt in the store: an event of its log ${why}.`,
    );
  });
});
