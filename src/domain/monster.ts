import { Creature, type CreatureStats } from "./creature";

/** A monster as given to start a game: a name and four stats. */
export interface MonsterSpec extends CreatureStats {
  name: string;
}

/** A monster in a game: its spec plus an id unique within the game. */
export interface MonsterState extends MonsterSpec {
  id: string;
}

/** One of the creatures waiting in Dwemthy's Array. */
export class Monster extends Creature {
  constructor(
    readonly id: string,
    spec: MonsterSpec,
  ) {
    super("MONSTER", spec.name, spec.life, spec.strength, spec.charisma, spec.weapon);
  }

  /** Its whole state, as plain data for a store. */
  toState(): MonsterState {
    return { id: this.id, name: this.name, ...this.stats() };
  }
}
