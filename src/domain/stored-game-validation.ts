import { CREATURE_ROLES, type BattleEvent } from "./battle-event";
import { CorruptGameError } from "./domain-error";
import type { GameState } from "./game";
import { isMonsterName, MONSTER_LIMITS } from "./monster-validation";
import { STARTING_RABBIT } from "./rabbit";
import { WEAPONS } from "./weapon";

/** The range of a 32-bit signed integer: what a GraphQL Int can carry. */
export const INT32_MIN = -0x8000_0000;
/** See {@link INT32_MIN}. */
export const INT32_MAX = 0x7fff_ffff;

/**
 * The last instant a game's times may name, 9999-12-31T23:59:59.999Z: RFC 3339 (the DateTime of
 * the schema) has four-digit years, and a later Date is written in a form clients do not read.
 */
export const LATEST_TIME = 253_402_300_799_999;

/** How monster ids look: the game gives its monsters "1", "2", ... up to the most an array holds. */
export const MONSTER_ID = /^[1-9][0-9]{0,2}$/;

const EVENT_TYPES: ReadonlySet<string> = new Set<BattleEvent["type"]>([
  "MonsterEmerged",
  "LettuceEaten",
  "BombsRanOut",
  "RabbitWasTooDeadToFight",
  "RabbitHitMonster",
  "MonsterHitRabbit",
  "MagickPoweredUp",
  "CreatureDied",
  "ArrayDecimated",
]);

function inRange(value: unknown, min: number, max: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
}

/**
 * Checks a game read back from a store against what the rules can produce and the schema can
 * carry, before anything is computed from it or written over it: an operator's mistake or a bad
 * migration then refuses the game instead of crashing a read or committing a turn from nonsense.
 * Life may grow past the starting bounds (magick, lettuce) but stays within a GraphQL Int; the
 * other stats change only through validated input, so they stay within its bounds.
 * @throws CorruptGameError naming the first value out of range.
 */
export function validateStoredGame(game: GameState): void {
  const fail = (place: string, value: unknown): never => {
    throw new CorruptGameError(game.id, `${place} ${String(value)} is out of range`);
  };
  const check = (place: string, value: unknown, min: number, max: number): void => {
    if (!inRange(value, min, max)) fail(place, value);
  };
  check("game.turn", game.turn, 0, INT32_MAX);
  check("game.version", game.version, 0, INT32_MAX);
  check("game.createdAt", game.createdAt, 0, LATEST_TIME);
  check("game.updatedAt", game.updatedAt, 0, LATEST_TIME);
  const { rabbit } = game;
  check("rabbit.life", rabbit.life, INT32_MIN, INT32_MAX);
  check("rabbit.strength", rabbit.strength, MONSTER_LIMITS.minStat, MONSTER_LIMITS.maxStat);
  check("rabbit.charisma", rabbit.charisma, MONSTER_LIMITS.minStat, MONSTER_LIMITS.maxStat);
  check("rabbit.weapon", rabbit.weapon, MONSTER_LIMITS.minStat, MONSTER_LIMITS.maxStat);
  check("rabbit.bombs", rabbit.bombs, 0, STARTING_RABBIT.bombs);
  check("the array's length", game.monsters.length, 0, MONSTER_LIMITS.maxMonsters);
  for (const monster of game.monsters) {
    const where = `monster:${monster.id}`;
    if (!MONSTER_ID.test(monster.id)) fail("a monster id", JSON.stringify(monster.id));
    if (!isMonsterName(monster.name)) fail(`${where}.name`, JSON.stringify(monster.name));
    // A monster in the array is alive: the one a hit kills leaves it in the same turn.
    check(`${where}.life`, monster.life, MONSTER_LIMITS.minLife, INT32_MAX);
    check(`${where}.strength`, monster.strength, MONSTER_LIMITS.minStat, MONSTER_LIMITS.maxStat);
    check(`${where}.charisma`, monster.charisma, MONSTER_LIMITS.minStat, MONSTER_LIMITS.maxStat);
    check(`${where}.weapon`, monster.weapon, MONSTER_LIMITS.minStat, MONSTER_LIMITS.maxStat);
  }
}

/**
 * Checks an event read back from a game's log, as {@link validateStoredGame} does a game: a known
 * type, a turn and numbers a GraphQL Int carries, names a creature may have.
 * @throws CorruptGameError naming what is wrong.
 */
export function validateStoredEvent(gameId: string, event: BattleEvent): void {
  const fail = (what: string): never => {
    throw new CorruptGameError(gameId, `an event of its log ${what}`);
  };
  if (!EVENT_TYPES.has(event.type)) fail(`has the unknown type ${JSON.stringify(event.type)}`);
  if (!inRange(event.turn, 0, INT32_MAX)) fail(`has the turn ${String(event.turn)}`);
  const numbers: unknown[] = [];
  const names: unknown[] = [];
  switch (event.type) {
    case "MonsterEmerged":
      if (!MONSTER_ID.test(event.monsterId)) fail("names no monster id");
      names.push(event.monster);
      break;
    case "LettuceEaten":
      numbers.push(event.heal);
      break;
    case "RabbitHitMonster":
      if (!(WEAPONS as readonly string[]).includes(event.weapon)) fail("has an unknown weapon");
      numbers.push(event.damage);
      names.push(event.monster);
      break;
    case "MonsterHitRabbit":
      numbers.push(event.damage);
      names.push(event.monster);
      break;
    case "MagickPoweredUp":
    case "CreatureDied":
      if (!CREATURE_ROLES.includes(event.role)) fail("has an unknown role");
      if (event.type === "MagickPoweredUp") numbers.push(event.power);
      names.push(event.creature);
      break;
    default:
      break;
  }
  // Damage, heal and power are dice rolls: never negative.
  if (!numbers.every((n) => inRange(n, 0, INT32_MAX))) fail("has a number out of range");
  if (!names.every(isMonsterName)) fail("has a name no creature may have");
}
