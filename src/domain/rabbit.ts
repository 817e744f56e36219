import { Creature, type CreatureStats } from "./creature";

/** The rabbit's stats plus what it carries. */
export interface RabbitState extends CreatureStats {
  bombs: number;
}

/** The rabbit at the start of every game (docs/rules.md, "The rabbit"). */
export const STARTING_RABBIT: Readonly<RabbitState> = Object.freeze({
  life: 10,
  strength: 2,
  charisma: 44,
  weapon: 4,
  bombs: 3,
});

/** The hero: a creature named Rabbit that also carries bombs. */
export class Rabbit extends Creature {
  /** The name its events use. */
  static readonly NAME = "Rabbit";

  constructor(
    state: RabbitState,
    public bombs: number = state.bombs,
  ) {
    super("RABBIT", Rabbit.NAME, state.life, state.strength, state.charisma, state.weapon);
  }

  /** Its whole state, as plain data for a store. */
  toState(): RabbitState {
    return { ...this.stats(), bombs: this.bombs };
  }
}
