import type { BattleEvent } from "../../src/domain/battle-event";
import { snapshotOf } from "../../src/domain/battle-turn";
import type { GameState } from "../../src/domain/game";

/** The pub/sub message of a committed turn: its number, its events and the game after it. */
export function published(turn: { game: GameState; events: readonly BattleEvent[] }) {
  return { turn: turn.game.turn, events: turn.events, game: snapshotOf(turn.game) };
}
