import type { GameSnapshot } from "../domain/battle-turn";
import type { FeedItem } from "../domain/battle-turn-feed.port";
import type { MonsterState } from "../domain/monster";
import { validateStoredGame } from "../domain/stored-game-validation";
import { decodeLogEntry } from "./redis-event-log-codec";
import { parseWholeNumber, STATUS_CODE, statusOfCode } from "./redis-game-codec";

/**
 * The pub/sub message of one committed turn, positional rather than a keyed JSON object (a tenth
 * of the bytes: every commit sends it to Redis, and Redis to every listening instance):
 *
 *   message = log entry GROUP_SEP game
 *   game    = status, version, createdAt, updatedAt, the rabbit's life, strength, charisma, weapon
 *             and bombs, then id, name, life, strength, charisma, weapon of each monster in the
 *             array, front first; all separated by FIELD_SEP
 *
 * The log entry is the turn's own (redis-event-log-codec.ts), which the commit script already has:
 * it joins the entry and the game part itself (COMMIT_TURN), so the entry is sent to Redis once.
 * The game is the game after the turn, without its dice and token hash; its id is the channel's.
 * Names hold none of the separators (the domain refuses control characters in names).
 */
const GROUP_SEP = "\x1d";
const FIELD_SEP = "\x1f";
const GAME_HEAD = 9;
const MONSTER_FIELDS = 6;

/** The game part of a turn's message (see above), which the commit script publishes. */
export function turnMessageGame(game: GameSnapshot): string {
  const { rabbit } = game;
  const fields: (string | number)[] = [
    STATUS_CODE[game.status],
    game.version,
    game.createdAt,
    game.updatedAt,
    rabbit.life,
    rabbit.strength,
    rabbit.charisma,
    rabbit.weapon,
    rabbit.bombs,
  ];
  for (const m of game.monsters) {
    fields.push(m.id, m.name, m.life, m.strength, m.charisma, m.weapon);
  }
  return fields.join(FIELD_SEP);
}

/** The whole message of a turn, as the commit script publishes it (for tests and tools). */
export function turnMessage(logEntry: string, game: GameSnapshot): string {
  return `${logEntry}${GROUP_SEP}${turnMessageGame(game)}`;
}

/** The pub/sub message that ends a game's watches (it was abandoned). */
export const ENDED_MESSAGE = "end";

/**
 * A message read from a game's channel, checked as input: anything but a well-formed turn of
 * this game or the end is refused with an Error saying what is wrong.
 */
export function parseTurnMessage(gameId: string, message: string): FeedItem {
  if (message === ENDED_MESSAGE) return { kind: "ended" };
  const at = message.indexOf(GROUP_SEP);
  if (at < 0) throw new Error("not a turn: no game after the log entry");
  const events = decodeLogEntry(gameId, message.slice(0, at));
  const turn = events[0]?.turn ?? -1;
  const fields = message.slice(at + 1).split(FIELD_SEP);
  if (fields.length < GAME_HEAD || (fields.length - GAME_HEAD) % MONSTER_FIELDS !== 0) {
    throw new Error(`the game has ${fields.length} fields`);
  }
  const number = (i: number, place: string): number =>
    parseWholeNumber(gameId, fields[i], `message ${place}`);
  const status = statusOfCode(fields[0]);
  if (status === undefined) throw new Error(`unknown status "${fields[0]?.slice(0, 10)}"`);
  const monsters: MonsterState[] = [];
  for (let i = GAME_HEAD; i < fields.length; i += MONSTER_FIELDS) {
    monsters.push({
      id: fields[i] ?? "",
      name: fields[i + 1] ?? "",
      life: number(i + 2, "monster life"),
      strength: number(i + 3, "monster strength"),
      charisma: number(i + 4, "monster charisma"),
      weapon: number(i + 5, "monster weapon"),
    });
  }
  const game: GameSnapshot = {
    id: gameId,
    status,
    turn,
    version: number(1, "version"),
    createdAt: number(2, "createdAt"),
    updatedAt: number(3, "updatedAt"),
    rabbit: {
      life: number(4, "rabbit life"),
      strength: number(5, "rabbit strength"),
      charisma: number(6, "rabbit charisma"),
      weapon: number(7, "rabbit weapon"),
      bombs: number(8, "rabbit bombs"),
    },
    monsters,
  };
  // The same bounds as a game read from the store (ids, names, stats); it has no dice or token.
  validateStoredGame({ ...game, dice: "", tokenHash: "" });
  return { kind: "turn", turn: { turn, events, game } };
}
