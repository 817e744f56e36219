import type { MonsterSpec } from "./monster";
import type { RabbitState } from "./rabbit";

/** The fields of one monster that a change sets, by the monster's id. */
export interface MonsterFieldsChange {
  id: string;
  fields: Partial<MonsterSpec>;
}

/**
 * What one change of a game (a turn, or a monster patched) writes, exactly as the aggregate made
 * it: a store writes this and nothing else, so it never has to re-derive the change by comparing
 * states. The game's own fields (status, turn, dice, updatedAt, the version) come from the state
 * after the change.
 */
export interface GameChange {
  /** The version the change was computed from: it is written only if the store still holds it. */
  fromVersion: number;
  /** The version the game has once the change is written (always fromVersion + 1). */
  toVersion: number;
  /** Monsters that died and left the array, front first; their hashes go with them. */
  removedMonsterIds: string[];
  /** Changed fields of monsters still in the array. */
  monsters: MonsterFieldsChange[];
  /** Changed fields of the rabbit. */
  rabbit: Partial<RabbitState>;
}
