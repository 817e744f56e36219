/**
 * The game's only source of chance. Every random draw of a game goes through one Dice, so that
 * the same seed and the same weapons replay the same battle on any store and any server.
 */
export interface Dice {
  /**
   * A uniformly random whole number in `0 .. n-1`; `0` when `n <= 0` (docs/rules.md, "Dice").
   */
  roll(n: number): number;
  /** The generator's whole state as a string, to store between turns and restore with {@link DiceFactory.restore}. */
  save(): string;
}

/** Makes seeded dice and brings saved ones back; an adapter outside the domain owns the algorithm. */
export interface DiceFactory {
  /** Fresh dice from a 32-bit integer seed. */
  fromSeed(seed: number): Dice;
  /**
   * Dice that continue exactly where {@link Dice.save} left off.
   * @throws DomainError CORRUPT_GAME when the state is not one this factory wrote.
   */
  restore(state: string): Dice;
  /** A seed for a game that did not ask for one. */
  randomSeed(): number;
}
