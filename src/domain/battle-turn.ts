import type { BattleEvent } from "./battle-event";
import type { GameState } from "./game";

/** What anyone watching a game may see of it: the game without its dice and its token's hash. */
export type GameSnapshot = Omit<GameState, "dice" | "tokenHash">;

/** One committed turn of a game: its events in order, and the game right after it when known. */
export interface BattleTurn {
  /** 0 for the start of the game (the first monster emerging), +1 per attack. */
  readonly turn: number;
  /** What happened, in order; never empty (every turn has at least one event). */
  readonly events: readonly BattleEvent[];
  /**
   * The game right after this turn. Absent only for a turn read back from the game's log when a
   * later turn of the same read follows it (the log keeps events, not states).
   */
  readonly game?: GameSnapshot;
}

/** The part of a game's state that may be shown to anyone. */
export function snapshotOf(game: GameState | GameSnapshot): GameSnapshot {
  const { id, status, turn, version, rabbit, monsters, createdAt, updatedAt } = game;
  return { id, status, turn, version, rabbit, monsters, createdAt, updatedAt };
}

/**
 * A log's events as turns, oldest first (the log keeps events in order, each naming its turn).
 * `game`, when it is the game as it stands after the last of these turns, goes with that turn.
 */
export function turnsOfEvents(
  events: readonly BattleEvent[],
  game?: GameState | GameSnapshot,
): BattleTurn[] {
  const turns: { turn: number; events: BattleEvent[]; game?: GameSnapshot }[] = [];
  for (const event of events) {
    const last = turns[turns.length - 1];
    if (last?.turn === event.turn) last.events.push(event);
    else turns.push({ turn: event.turn, events: [event] });
  }
  const last = turns[turns.length - 1];
  if (last && game?.turn === last.turn) last.game = snapshotOf(game);
  return turns;
}
