import { CorruptGameError } from "../domain/domain-error";
import type { GameState, GameStatus } from "../domain/game";
import type { GameChange } from "../domain/game-change";
import type { MonsterSpec, MonsterState } from "../domain/monster";
import type { RabbitState } from "../domain/rabbit";
import { validateStoredGame } from "../domain/stored-game-validation";

/** Field names and values of a hash, flattened as HSET takes them. */
export type FlatFields = string[];

/**
 * The field names of the game hash and of a monster hash: one or two letters, since every game
 * carries each of them (docs/architecture.md, "Redis layout"). The scripts name some of them too
 * (redis-scripts.ts).
 */
export const GAME_FIELD = {
  status: "s",
  turn: "t",
  version: "v",
  dice: "d",
  tokenHash: "tk",
  currentMonsterId: "cm",
  createdAt: "ca",
  updatedAt: "ua",
} as const;

/**
 * The rabbit's fields in the game hash. The rabbit lives in the game hash rather than a hash of
 * its own: one key fewer per game (about 170 bytes of Redis) and one fewer to read, write and
 * expire on every turn.
 */
export const RABBIT_GAME_FIELDS: Readonly<Record<keyof RabbitState, string>> = {
  life: "rl",
  strength: "rs",
  charisma: "rc",
  weapon: "rw",
  bombs: "rb",
};

/** See {@link GAME_FIELD}. */
export const MONSTER_FIELD: Readonly<Record<keyof MonsterSpec, string>> = {
  name: "n",
  life: "l",
  strength: "s",
  charisma: "c",
  weapon: "w",
};

/** A status as stored: one letter. */
export const STATUS_CODE: Readonly<Record<GameStatus, string>> = { IN_PROGRESS: "P", VICTORY: "V" };

const STATS = ["life", "strength", "charisma", "weapon"] as const;
const RABBIT_FIELDS = [...STATS, "bombs"] as const;
const MONSTER_FIELDS = ["name", ...STATS] as const;
const INTEGER = /^-?\d{1,16}$/;

/** The status a stored code stands for, or undefined for an unknown one. */
export function statusOfCode(code: string | undefined): GameStatus | undefined {
  if (code === STATUS_CODE.IN_PROGRESS) return "IN_PROGRESS";
  if (code === STATUS_CODE.VICTORY) return "VICTORY";
  return undefined;
}

/**
 * A whole number read back from a hash field at `place` (e.g. "monster:2.life").
 * @throws CorruptGameError when it is missing or not a whole number, so no NaN reaches the rules.
 */
export function parseWholeNumber(gameId: string, raw: string | undefined, place: string): number {
  if (raw === undefined || !INTEGER.test(raw)) {
    throw new CorruptGameError(
      gameId,
      `${place} is ${raw === undefined ? "missing" : `"${raw.slice(0, 40)}", not a whole number`}`,
    );
  }
  return Number(raw);
}

/** The rabbit's fields (or just the ones given) as the game hash holds them. */
export function rabbitFields(rabbit: Partial<RabbitState>): FlatFields {
  return RABBIT_FIELDS.flatMap((f) =>
    rabbit[f] === undefined ? [] : [RABBIT_GAME_FIELDS[f], String(rabbit[f])],
  );
}

/** The fields of the game hash that a turn or a patch can move. */
function changingGameFields(game: GameState): FlatFields {
  return [
    GAME_FIELD.status, STATUS_CODE[game.status],
    GAME_FIELD.turn, String(game.turn),
    GAME_FIELD.version, String(game.version),
    GAME_FIELD.dice, game.dice,
    GAME_FIELD.currentMonsterId, game.monsters[0]?.id ?? "",
    GAME_FIELD.updatedAt, String(game.updatedAt),
  ]; // prettier-ignore
}

/**
 * The fields of the game hash a committed change writes: the turn, version, dice and updatedAt,
 * which every change moves or may move, the status and current monster only when a monster left
 * the array (nothing else changes them), and the rabbit's changed fields. Each field written costs
 * redis-server a lookup in the hash, on every turn of every game.
 */
export function changedGameFields(game: GameState, change: GameChange): FlatFields {
  const fields = [
    GAME_FIELD.turn, String(game.turn),
    GAME_FIELD.version, String(game.version),
    GAME_FIELD.dice, game.dice,
    GAME_FIELD.updatedAt, String(game.updatedAt),
  ]; // prettier-ignore
  if (change.removedMonsterIds.length > 0) {
    fields.push(GAME_FIELD.status, STATUS_CODE[game.status]);
    fields.push(GAME_FIELD.currentMonsterId, game.monsters[0]?.id ?? "");
  }
  return [...fields, ...rabbitFields(change.rabbit)];
}

/** The whole game hash of a new game (the log's size and the commit id are added by the script). */
export function newGameFields(game: GameState): FlatFields {
  return [
    ...changingGameFields(game),
    GAME_FIELD.tokenHash, game.tokenHash,
    GAME_FIELD.createdAt, String(game.createdAt),
    ...rabbitFields(game.rabbit),
  ]; // prettier-ignore
}

/** A monster hash, or just the given fields of one. */
export function monsterFields(
  monster: Partial<MonsterSpec>,
  fields: readonly (keyof MonsterSpec)[] = MONSTER_FIELDS,
): FlatFields {
  return fields.flatMap((f) =>
    monster[f] === undefined ? [] : [MONSTER_FIELD[f], String(monster[f])],
  );
}

/** What the load script returns for an existing game: the game hash, the array, each monster's hash. */
export type LoadReply = [FlatFields, string[], FlatFields[]];

function toRecord(flat: FlatFields): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]!] = flat[i + 1]!;
  return record;
}

/**
 * Reads a stored game back, refusing anything that is not exactly what a commit writes, or that
 * holds a number the rules and the schema cannot (validateStoredGame).
 */
export function parseGame(gameId: string, reply: LoadReply): GameState {
  const [gameFlat, ids, monsterFlats] = reply;
  const game = toRecord(gameFlat);

  const integer = (record: Record<string, string>, field: string, where: string): number =>
    parseWholeNumber(gameId, record[field], `${where}.${field}`);
  const text = (record: Record<string, string>, field: string, where: string): string => {
    const raw = record[field];
    if (raw === undefined || raw === "")
      throw new CorruptGameError(gameId, `${where}.${field} is missing`);
    return raw;
  };

  const statusCode = text(game, GAME_FIELD.status, "game");
  const status = statusOfCode(statusCode);
  if (status === undefined)
    throw new CorruptGameError(gameId, `game.status "${statusCode.slice(0, 40)}" is unknown`);

  const rabbit = Object.fromEntries(
    RABBIT_FIELDS.map((f) => [
      f,
      parseWholeNumber(gameId, game[RABBIT_GAME_FIELDS[f]], `rabbit.${f}`),
    ]),
  ) as unknown as RabbitState;

  const monsters: MonsterState[] = ids.map((id, i) => {
    const record = toRecord(monsterFlats[i] ?? []);
    if (Object.keys(record).length === 0) {
      throw new CorruptGameError(gameId, `monster ${id} is in the array but has no hash`);
    }
    const where = `monster:${id}`;
    return {
      id,
      name: text(record, MONSTER_FIELD.name, where),
      life: integer(record, MONSTER_FIELD.life, where),
      strength: integer(record, MONSTER_FIELD.strength, where),
      charisma: integer(record, MONSTER_FIELD.charisma, where),
      weapon: integer(record, MONSTER_FIELD.weapon, where),
    };
  });

  const current = game[GAME_FIELD.currentMonsterId] ?? "";
  if (current !== (monsters[0]?.id ?? "")) {
    throw new CorruptGameError(
      gameId,
      `game.${GAME_FIELD.currentMonsterId} "${current.slice(0, 40)}" is not the front of the array`,
    );
  }
  if ((status === "VICTORY") !== (monsters.length === 0)) {
    throw new CorruptGameError(
      gameId,
      `status ${status} does not fit an array of ${monsters.length}`,
    );
  }

  const state: GameState = {
    id: gameId,
    status,
    turn: integer(game, GAME_FIELD.turn, "game"),
    version: integer(game, GAME_FIELD.version, "game"),
    dice: text(game, GAME_FIELD.dice, "game"),
    tokenHash: text(game, GAME_FIELD.tokenHash, "game"),
    rabbit,
    monsters,
    createdAt: integer(game, GAME_FIELD.createdAt, "game"),
    updatedAt: integer(game, GAME_FIELD.updatedAt, "game"),
  };
  validateStoredGame(state);
  return state;
}
