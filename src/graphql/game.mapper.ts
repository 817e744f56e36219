import type { GameSnapshot } from "../domain/battle-turn";
import type { MonsterState } from "../domain/monster";
import type { GameStatusEnum } from "./enums";
import type { GameType } from "./game.type";
import type { MonsterType } from "./monster.type";

/** The GraphQL view of a game (its state, or what a spectator may see of it). */
export function toGameType(state: GameSnapshot): GameType {
  const [current, ...waiting] = state.monsters;
  return {
    id: state.id,
    status: state.status as GameStatusEnum,
    turn: state.turn,
    version: state.version,
    rabbit: { ...state.rabbit, alive: state.rabbit.life > 0 },
    currentMonster: current ? toMonsterType(current) : null,
    waitingMonsters: waiting.map(toMonsterType),
    monstersRemaining: state.monsters.length,
    createdAt: new Date(state.createdAt),
    updatedAt: new Date(state.updatedAt),
  };
}

/** The GraphQL view of a monster. */
export function toMonsterType(monster: MonsterState): MonsterType {
  return { ...monster };
}
