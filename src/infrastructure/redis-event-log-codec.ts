import { battleEvent, type BattleEvent, type CreatureRole } from "../domain/battle-event";
import { CorruptGameError } from "../domain/domain-error";
import { validateStoredEvent } from "../domain/stored-game-validation";
import { WEAPONS, type Weapon } from "../domain/weapon";

/**
 * The event log's entry format: one list entry per turn, not per event, with short positional
 * fields. A turn's two or three events took about 125 bytes of JSON each; as one entry they take
 * about 15 bytes each, which is what lets a game keep a full log in a few kilobytes.
 *
 *   entry  = turn (EVENT_SEP event)+
 *   event  = code fields, fields separated by FIELD_SEP
 *
 * The separators are ASCII control characters, which no monster name may hold (the domain refuses
 * every Unicode "Other" character in names), so no escaping is needed. A name equal to the one
 * before it in the same entry is written empty (names are never empty): the front monster's name
 * is then stored once per turn, not once per event. Messages are not stored: they are rebuilt by
 * the domain's own builders, so they stay worded exactly as docs/rules.md says.
 */
export const EVENT_SEP = "\x1e";
const FIELD_SEP = "\x1f";

// One character per weapon, in WEAPONS order.
const WEAPON_CODES = "BSLX";

const ROLE_CODES: Record<CreatureRole, string> = { RABBIT: "R", MONSTER: "M" };

/** One turn's events (all of the same turn) as one log entry. */
export function encodeTurnEntry(events: readonly BattleEvent[]): string {
  const first = events[0];
  if (!first) throw new Error("A log entry needs at least one event");
  let lastName = "";
  const name = (value: string): string => {
    if (value === "" || value.includes(EVENT_SEP) || value.includes(FIELD_SEP)) {
      throw new Error(`A name the log cannot hold reached it: ${JSON.stringify(value)}`);
    }
    const written = value === lastName ? "" : value;
    lastName = value;
    return written;
  };
  const parts = [String(first.turn)];
  for (const event of events) {
    if (event.turn !== first.turn) throw new Error("A log entry holds the events of one turn");
    parts.push(encodeEvent(event, name));
  }
  return parts.join(EVENT_SEP);
}

function encodeEvent(event: BattleEvent, name: (value: string) => string): string {
  switch (event.type) {
    case "MonsterEmerged":
      return `E${event.monsterId}${FIELD_SEP}${name(event.monster)}`;
    case "LettuceEaten":
      return `L${event.heal}`;
    case "BombsRanOut":
      return "O";
    case "RabbitWasTooDeadToFight":
      return "T";
    case "RabbitHitMonster":
      return `H${WEAPON_CODES[WEAPONS.indexOf(event.weapon)]}${event.damage}${FIELD_SEP}${name(event.monster)}`;
    case "MonsterHitRabbit":
      return `h${event.damage}${FIELD_SEP}${name(event.monster)}`;
    case "MagickPoweredUp":
      return `P${ROLE_CODES[event.role]}${event.power}${FIELD_SEP}${name(event.creature)}`;
    case "CreatureDied":
      return `D${ROLE_CODES[event.role]}${FIELD_SEP}${name(event.creature)}`;
    case "ArrayDecimated":
      return "A";
  }
}

const INTEGER = /^-?\d{1,16}$/;

/**
 * The events of one log entry, in order.
 * @throws CorruptGameError when the entry is not one this codec wrote, or holds a number the
 * rules and the schema cannot (validateStoredEvent).
 */
export function decodeLogEntry(gameId: string, entry: string): BattleEvent[] {
  const events = decodeCompactEntry(gameId, entry);
  for (const event of events) validateStoredEvent(gameId, event);
  return events;
}

function decodeCompactEntry(gameId: string, entry: string): BattleEvent[] {
  const corrupt = (why: string): CorruptGameError =>
    new CorruptGameError(gameId, `a log entry ${why}: ${JSON.stringify(entry.slice(0, 60))}`);
  const [turnText = "", ...encoded] = entry.split(EVENT_SEP);
  if (!INTEGER.test(turnText) || encoded.length === 0) throw corrupt("has no turn and events");
  const turn = Number(turnText);
  let lastName = "";
  const name = (value: string | undefined): string => {
    if (value === undefined) throw corrupt("lacks a name");
    if (value !== "") lastName = value;
    if (lastName === "") throw corrupt("refers to a name it never gave");
    return lastName;
  };
  const number = (text: string): number => {
    if (!INTEGER.test(text)) throw corrupt(`has "${text.slice(0, 20)}" for a number`);
    return Number(text);
  };
  const role = (code: string | undefined): CreatureRole => {
    if (code === "R") return "RABBIT";
    if (code === "M") return "MONSTER";
    throw corrupt("has an unknown role");
  };
  const weapon = (code: string | undefined): Weapon => {
    const index = code === undefined || code === "" ? -1 : WEAPON_CODES.indexOf(code);
    const found = WEAPONS[index];
    if (!found) throw corrupt("has an unknown weapon");
    return found;
  };

  return encoded.map((text) => {
    const [head = "", second, ...rest] = text.split(FIELD_SEP);
    if (rest.length > 0) throw corrupt("has an event with too many fields");
    const code = head.charAt(0);
    const tail = head.slice(1);
    const alone = (event: BattleEvent): BattleEvent => {
      if (second !== undefined) throw corrupt(`has a name on a ${event.type}`);
      return event;
    };
    switch (code) {
      case "E":
        if (!/^\d{1,16}$/.test(tail)) throw corrupt("has a monster id that is not a number");
        return battleEvent.monsterEmerged(turn, tail, name(second));
      case "L":
        return alone(battleEvent.lettuceEaten(turn, number(tail)));
      case "O":
        return alone(battleEvent.bombsRanOut(turn));
      case "T":
        return alone(battleEvent.rabbitWasTooDeadToFight(turn));
      case "H":
        return battleEvent.rabbitHitMonster(
          turn,
          weapon(tail.charAt(0)),
          name(second),
          number(tail.slice(1)),
        );
      case "h":
        return battleEvent.monsterHitRabbit(turn, name(second), number(tail));
      case "P":
        return battleEvent.magickPoweredUp(
          turn,
          role(tail.charAt(0)),
          name(second),
          number(tail.slice(1)),
        );
      case "D":
        if (tail.length !== 1) throw corrupt("has an unknown role");
        return battleEvent.creatureDied(turn, role(tail), name(second));
      case "A":
        return alone(battleEvent.arrayDecimated(turn));
      default:
        throw corrupt(`has an unknown event code "${code}"`);
    }
  });
}
