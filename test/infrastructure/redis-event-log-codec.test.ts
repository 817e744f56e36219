import { battleEvent, type BattleEvent } from "../../src/domain/battle-event";
import { CorruptGameError, DomainError } from "../../src/domain/domain-error";
import { decodeLogEntry, encodeTurnEntry } from "../../src/infrastructure/redis-event-log-codec";

/** The separators docs/architecture.md gives: between the events of an entry, and between an event's fields. */
const RS = "\x1e";
const US = "\x1f";

const GAME_ID = "game-1";
const MOTH = 'Mr. "Moth" \\ Ünïcorn 🦄';

/** One event of each of the nine types, with the entry each encodes to and its docs/rules.md message. */
const ONE_OF_EACH: [string, BattleEvent, string, string][] = [
  [
    "MonsterEmerged",
    battleEvent.monsterEmerged(7, "3", "Snail"),
    `7${RS}E3${US}Snail`,
    "[Get ready. Snail has emerged!]",
  ],
  [
    "LettuceEaten",
    battleEvent.lettuceEaten(7, 18),
    `7${RS}L18`,
    "[Healthy lettuce gives you 18 life points!!]",
  ],
  ["BombsRanOut", battleEvent.bombsRanOut(7), `7${RS}O`, "[UHN!! You're out of bombs!!]"],
  [
    "RabbitWasTooDeadToFight",
    battleEvent.rabbitWasTooDeadToFight(7),
    `7${RS}T`,
    "[Rabbit is too dead to fight!]",
  ],
  [
    "RabbitHitMonster (BOOMERANG)",
    battleEvent.rabbitHitMonster(7, "BOOMERANG", "Snail", 8),
    `7${RS}HB8${US}Snail`,
    "[You hit with 8 points of damage!]",
  ],
  [
    "RabbitHitMonster (SWORD)",
    battleEvent.rabbitHitMonster(7, "SWORD", "Snail", 0),
    `7${RS}HS0${US}Snail`,
    "[You hit with 0 points of damage!]",
  ],
  [
    "RabbitHitMonster (LETTUCE)",
    battleEvent.rabbitHitMonster(7, "LETTUCE", "Snail", 12),
    `7${RS}HL12${US}Snail`,
    "[You hit with 12 points of damage!]",
  ],
  [
    "RabbitHitMonster (BOMB)",
    battleEvent.rabbitHitMonster(7, "BOMB", "Snail", 1_000_000),
    `7${RS}HX1000000${US}Snail`,
    "[You hit with 1000000 points of damage!]",
  ],
  [
    "MonsterHitRabbit",
    battleEvent.monsterHitRabbit(7, "Snail", 3),
    `7${RS}h3${US}Snail`,
    "[Your enemy hit with 3 points of damage!]",
  ],
  [
    "MagickPoweredUp (RABBIT)",
    battleEvent.magickPoweredUp(7, "RABBIT", "Rabbit", 34),
    `7${RS}PR34${US}Rabbit`,
    "[Rabbit magick powers up 34!]",
  ],
  [
    "MagickPoweredUp (MONSTER)",
    battleEvent.magickPoweredUp(7, "MONSTER", "Snail", 16),
    `7${RS}PM16${US}Snail`,
    "[Snail magick powers up 16!]",
  ],
  [
    "CreatureDied (RABBIT)",
    battleEvent.creatureDied(7, "RABBIT", "Rabbit"),
    `7${RS}DR${US}Rabbit`,
    "[Rabbit has died!]",
  ],
  [
    "CreatureDied (MONSTER)",
    battleEvent.creatureDied(7, "MONSTER", "Snail"),
    `7${RS}DM${US}Snail`,
    "[Snail has died!]",
  ],
  [
    "ArrayDecimated",
    battleEvent.arrayDecimated(7),
    `7${RS}A`,
    "[Whoa.  You decimated Dwemthy's Array!]",
  ],
];

describe("the event log's entry codec", () => {
  it("covers all nine event types", () => {
    expect(new Set(ONE_OF_EACH.map(([, event]) => event.type)).size).toBe(9);
  });

  it.each(ONE_OF_EACH)(
    "%s: encodes to its exact entry and decodes back to the same event, message included",
    (_name, event, entry, message) => {
      expect(encodeTurnEntry([event])).toBe(entry);
      const decoded = decodeLogEntry(GAME_ID, entry);
      expect(decoded).toEqual([event]);
      expect(decoded[0]!.message).toBe(message);
    },
  );

  it("a magick event decodes with its life gained, floor(power / 4)", () => {
    expect(decodeLogEntry(GAME_ID, `3${RS}PM31${US}Snail`)).toEqual([
      {
        type: "MagickPoweredUp",
        turn: 3,
        role: "MONSTER",
        creature: "Snail",
        power: 31,
        lifeGained: 7,
        message: "[Snail magick powers up 31!]",
      },
    ]);
  });

  it("a turn of every type at once round-trips in order", () => {
    const events = ONE_OF_EACH.map(([, event]) => event);
    const entry = encodeTurnEntry(events);
    expect(decodeLogEntry(GAME_ID, entry)).toEqual(events);
  });

  it("writes a name equal to the one before it in the entry empty, and reads it back in full", () => {
    const events = [
      battleEvent.rabbitHitMonster(2, "BOOMERANG", "Gnat", 8),
      battleEvent.creatureDied(2, "MONSTER", "Gnat"),
      battleEvent.monsterEmerged(2, "2", "Slug"),
      battleEvent.monsterHitRabbit(2, "Slug", 3),
      battleEvent.magickPoweredUp(2, "RABBIT", "Rabbit", 34),
      battleEvent.creatureDied(2, "RABBIT", "Rabbit"),
      battleEvent.monsterHitRabbit(2, "Slug", 1),
    ];
    const entry = encodeTurnEntry(events);
    expect(entry).toBe(
      [
        "2",
        `HB8${US}Gnat`,
        `DM${US}`,
        `E2${US}Slug`,
        `h3${US}`,
        `PR34${US}Rabbit`,
        `DR${US}`,
        `h1${US}Slug`,
      ].join(RS),
    );
    expect(decodeLogEntry(GAME_ID, entry)).toEqual(events);
  });

  it("starts every entry with no name known: the first name of an entry is always written", () => {
    const first = encodeTurnEntry([battleEvent.monsterHitRabbit(4, "Slug", 2)]);
    const second = encodeTurnEntry([battleEvent.monsterHitRabbit(5, "Slug", 2)]);
    expect([first, second]).toEqual([`4${RS}h2${US}Slug`, `5${RS}h2${US}Slug`]);
  });

  it.each([
    ["accents, quotes, a backslash and an emoji", MOTH],
    ["CJK", "龍王"],
    ["only emoji (surrogate pairs)", "👾🐉👾"],
    ["a combining mark", "e\u0301clair"],
    ["a leading brace, like JSON", "{Brace}"],
    ["what looks like an event code", `E1`],
    ["spaces", "  Stag  Beetle  "],
    ["the rabbit's own name, for a monster", "Rabbit"],
    ["digits only", "12"],
  ])("keeps a name with %s exactly, byte for byte", (_name, name) => {
    const events = [
      battleEvent.monsterEmerged(9, "4", name),
      battleEvent.rabbitHitMonster(9, "SWORD", name, 5),
      battleEvent.monsterHitRabbit(9, name, 2),
      battleEvent.creatureDied(9, "MONSTER", name),
    ];
    const entry = encodeTurnEntry(events);
    expect(entry).toBe(`9${RS}E4${US}${name}${RS}HS5${US}${RS}h2${US}${RS}DM${US}`);
    const decoded = decodeLogEntry(GAME_ID, entry);
    expect(decoded).toEqual(events);
    expect(decoded[0]!.message).toBe(`[Get ready. ${name} has emerged!]`);
  });

  it.each([
    ["no events", []],
    ["events of two turns", [battleEvent.bombsRanOut(1), battleEvent.bombsRanOut(2)]],
    ["an empty name", [battleEvent.monsterHitRabbit(1, "", 2)]],
    ["a name holding the event separator", [battleEvent.monsterHitRabbit(1, `a${RS}b`, 2)]],
    ["a name holding the field separator", [battleEvent.monsterHitRabbit(1, `a${US}b`, 2)]],
  ])("refuses to encode %s (a bug, not a corrupt store)", (_name, events) => {
    expect(() => encodeTurnEntry(events as BattleEvent[])).toThrow(Error);
    expect(() => encodeTurnEntry(events as BattleEvent[])).not.toThrow(DomainError);
  });

  it.each([
    // No turn, or no events.
    ["an empty entry", ""],
    ["a turn without events", "7"],
    ["events without a turn", `${RS}L5`],
    ["a turn that is not a number", `seven${RS}L5`],
    ["a turn that is a fraction", `1.5${RS}O`],
    ["a turn of 17 digits", `12345678901234567${RS}O`],
    // Unknown codes.
    ["an unknown event code", `7${RS}Z5`],
    ["an empty event", `7${RS}L5${RS}`],
    ["a lowercase code that is not h", `7${RS}e1${US}Snail`],
    // Bad numbers.
    ["a heal that is no number", `7${RS}Lfive`],
    ["a heal missing", `7${RS}L`],
    ["a heal in exponent form", `7${RS}L1e3`],
    ["a damage that is a fraction", `7${RS}h2.5${US}Snail`],
    ["a damage missing", `7${RS}HB${US}Snail`],
    ["a power missing", `7${RS}PR${US}Rabbit`],
    ["a monster id that is no number", `7${RS}Ex${US}Snail`],
    ["a monster id missing", `7${RS}E${US}Snail`],
    // Missing names.
    ["a hit without a name field", `7${RS}HB8`],
    ["an emergence without a name field", `7${RS}E1`],
    ["a death without a name field", `7${RS}DM`],
    ["a first name left empty", `7${RS}h3${US}`],
    ["a first name left empty after nameless events", `7${RS}L4${RS}DM${US}`],
    // Unknown weapons and roles.
    ["an unknown weapon", `7${RS}HQ8${US}Snail`],
    ["a hit with no weapon nor damage", `7${RS}H${US}Snail`],
    ["an unknown role for magick", `7${RS}PQ5${US}Snail`],
    ["an unknown role for a death", `7${RS}DQ${US}Snail`],
    ["two roles for a death", `7${RS}DRM${US}Rabbit`],
    ["no role for a death", `7${RS}D${US}Rabbit`],
    // Fields where none belong.
    ["a name on a lettuce", `7${RS}L5${US}Snail`],
    ["a name on ArrayDecimated", `7${RS}A${US}Snail`],
    ["a name on BombsRanOut", `7${RS}O${US}`],
    ["three fields", `7${RS}h3${US}Snail${US}Slug`],
    // JSON: no layout this store writes.
    ["JSON that does not parse", "{not json"],
    ["a battle event as JSON", JSON.stringify(battleEvent.bombsRanOut(3))],
  ])("%s: throws CorruptGameError (CORRUPT_GAME)", (_name, entry) => {
    expect(() => decodeLogEntry(GAME_ID, entry)).toThrow(CorruptGameError);
    let thrown: unknown;
    try {
      decodeLogEntry(GAME_ID, entry);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: "CORRUPT_GAME" });
    expect((thrown as Error).message).toContain(`Game ${GAME_ID} is corrupt in the store`);
  });
});
