import type { BattleEvent } from "../../src/domain/battle-event";
import { snapshotOf } from "../../src/domain/battle-turn";
import type { GameState } from "../../src/domain/game";
import { parseTurnMessage } from "../../src/infrastructure/battle-turn-message";

/** What the pub/sub message of a committed turn carries: its number, its events, the game after it. */
export function published(turn: { game: GameState; events: readonly BattleEvent[] }) {
  return { turn: turn.game.turn, events: turn.events, game: snapshotOf(turn.game) };
}

/**
 * A message read from a game's battle channel (`...:{<gameId>}:b`), parsed as the feed parses it:
 * the turn it carries, or `{ ended: true }`.
 */
export function readPublished(channel: string, message: string): unknown {
  const gameId = /\{([^}]*)\}/.exec(channel)?.[1] ?? "";
  const item = parseTurnMessage(gameId, message);
  return item.kind === "turn" ? item.turn : { ended: item.kind === "ended" };
}
