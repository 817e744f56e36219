import type { BattleEvent } from "../domain/battle-event";
import type { BattleTurn, GameSnapshot } from "../domain/battle-turn";
import type { FeedItem } from "../domain/battle-turn-feed.port";

/**
 * The pub/sub message of one committed turn: its number, events and the game after it, as JSON.
 * Made once per commit by the instance that committed it, read once per instance that listens.
 */
export function turnMessage(turn: BattleTurn): string {
  return JSON.stringify({ turn: turn.turn, events: turn.events, game: turn.game });
}

/** The pub/sub message that ends a game's watches (it was abandoned). */
export const ENDED_MESSAGE = JSON.stringify({ ended: true });

/**
 * A message read from a game's channel, checked as input: anything but a well-formed turn of
 * this game or the end is refused with an Error saying what is wrong.
 */
export function parseTurnMessage(gameId: string, message: string): FeedItem {
  const value = JSON.parse(message) as unknown;
  if (!isRecord(value)) throw new Error("not an object");
  if (value.ended === true) return { kind: "ended" };
  const { turn, events, game } = value;
  if (typeof turn !== "number" || !Number.isSafeInteger(turn) || turn < 0) {
    throw new Error("turn is not a whole number of 0 or more");
  }
  if (!Array.isArray(events) || events.length === 0) throw new Error("no events");
  if (!events.every((e) => isRecord(e) && e.turn === turn && typeof e.type === "string")) {
    throw new Error(`an event is not one of turn ${turn}`);
  }
  if (!isRecord(game) || game.id !== gameId || game.turn !== turn) {
    throw new Error(`the game is not game ${gameId} at turn ${turn}`);
  }
  return {
    kind: "turn",
    turn: { turn, events: events as BattleEvent[], game: game as unknown as GameSnapshot },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
