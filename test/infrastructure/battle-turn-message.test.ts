import { battleEvent } from "../../src/domain/battle-event";
import type { GameSnapshot } from "../../src/domain/battle-turn";
import {
  ENDED_MESSAGE,
  parseTurnMessage,
  turnMessage,
} from "../../src/infrastructure/battle-turn-message";
import { encodeTurnEntry } from "../../src/infrastructure/redis-event-log-codec";

const GS = "\x1d";
const US = "\x1f";
const GAME_ID = "g1";

const GAME: GameSnapshot = {
  id: GAME_ID,
  status: "IN_PROGRESS",
  turn: 4,
  version: 5,
  rabbit: { life: 12, strength: 2, charisma: 44, weapon: 4, bombs: 1 },
  monsters: [
    { id: "2", name: 'Mr. "Moth" Ünïcorn 🦄', life: 30, strength: 3, charisma: 7, weapon: 2 },
    { id: "3", name: "Stag Beetle", life: 120, strength: 9, charisma: 31, weapon: 5 },
  ],
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_004_000,
};
const EVENTS = [
  battleEvent.rabbitHitMonster(4, "SWORD", GAME.monsters[0]!.name, 3),
  battleEvent.monsterHitRabbit(4, GAME.monsters[0]!.name, 2),
];
const ENTRY = encodeTurnEntry(EVENTS);
const MESSAGE = turnMessage(ENTRY, GAME);

describe("the pub/sub message of a turn", () => {
  it("is the log entry, 0x1D, then the game's fields in order, and reads back as the turn", () => {
    expect(MESSAGE).toBe(
      [
        `${ENTRY}${GS}P`,
        "5",
        "1700000000000",
        "1700000004000",
        "12",
        "2",
        "44",
        "4",
        "1",
        "2",
        GAME.monsters[0]!.name,
        "30",
        "3",
        "7",
        "2",
        "3",
        "Stag Beetle",
        "120",
        "9",
        "31",
        "5",
      ].join(US),
    );
    expect(parseTurnMessage(GAME_ID, MESSAGE)).toEqual({
      kind: "turn",
      turn: { turn: 4, events: EVENTS, game: GAME },
    });
  });

  it("carries a won game (no monsters, status V) and the end of a game", () => {
    const won: GameSnapshot = { ...GAME, status: "VICTORY", monsters: [] };
    const message = turnMessage(ENTRY, won);
    expect(message.endsWith(`${US}1`)).toBe(true);
    expect(parseTurnMessage(GAME_ID, message)).toEqual({
      kind: "turn",
      turn: { turn: 4, events: EVENTS, game: won },
    });
    expect(parseTurnMessage(GAME_ID, ENDED_MESSAGE)).toEqual({ kind: "ended" });
  });

  const fields = MESSAGE.slice(MESSAGE.indexOf(GS) + 1).split(US);
  const withField = (i: number, value: string): string =>
    `${ENTRY}${GS}${fields.map((f, j) => (j === i ? value : f)).join(US)}`;

  it.each([
    ["not a message at all", "{}"],
    ['the old JSON end, { "ended": true }', '{"ended":true}'],
    ["no game after the entry", ENTRY],
    ["a bad log entry", `x${GS}${fields.join(US)}`],
    ["an unknown status", withField(0, "IN_PROGRESS")],
    ["a version that is no number", withField(1, "five")],
    ["a rabbit's bombs past the most", withField(8, "4")],
    ["a monster's life of 0 (dead, yet in the array)", withField(11, "0")],
    ["a monster id that is no id", withField(9, "x")],
    ["a monster name with a control character", withField(10, "Mo\u0007th")],
    ["a field too few", MESSAGE.slice(0, MESSAGE.lastIndexOf(US))],
    ["a field too many", `${MESSAGE}${US}1`],
  ])("is refused when it has %s", (_name, message) => {
    expect(() => parseTurnMessage(GAME_ID, message)).toThrow();
  });
});
