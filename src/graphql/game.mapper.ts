import type { BattleEvent } from "../domain/battle-event";
import type { GameSnapshot } from "../domain/battle-turn";
import type { MonsterState } from "../domain/monster";
import type { GameStatusEnum } from "./enums";
import type { GameType } from "./game.type";
import type { MonsterType } from "./monster.type";
import { monsterNodeId } from "./node-id";

/** The GraphQL view of a game (its state, or what a spectator may see of it). */
export function toGameType(state: GameSnapshot): GameType {
  const [current, ...waiting] = state.monsters;
  return {
    id: state.id,
    status: state.status as GameStatusEnum,
    turn: state.turn,
    version: state.version,
    rabbit: { ...state.rabbit, alive: state.rabbit.life > 0 },
    currentMonster: current ? toMonsterType(state.id, current) : null,
    waitingMonsters: waiting.map((monster) => toMonsterType(state.id, monster)),
    monstersRemaining: state.monsters.length,
    createdAt: new Date(state.createdAt),
    updatedAt: new Date(state.updatedAt),
  };
}

/** The GraphQL view of a monster of the game `gameId`: its id is global. */
export function toMonsterType(gameId: string, monster: MonsterState): MonsterType {
  return { ...monster, id: monsterNodeId(gameId, monster.id) };
}

/** The GraphQL view of events of the game `gameId`: a monster's id is global, as on Monster. */
export function toBattleEvents(gameId: string, events: readonly BattleEvent[]): BattleEvent[] {
  return events.map((event) =>
    event.type === "MonsterEmerged"
      ? { ...event, monsterId: monsterNodeId(gameId, event.monsterId) }
      : event,
  );
}
