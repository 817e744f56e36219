import type { Dice } from "../../src/domain/dice.port";

/**
 * A dice double for rule tests: it returns the given rolls in order and records every `n` it was
 * asked for. A roll outside `0 .. n-1` (or any roll for n <= 0 other than 0) fails the test, so a
 * script cannot make the rules do what real dice never could.
 */
export class ScriptedDice implements Dice {
  /** The `n` of each roll, in order. */
  readonly asked: number[] = [];
  private next = 0;

  constructor(private readonly rolls: readonly number[]) {}

  roll(n: number): number {
    this.asked.push(n);
    const value = this.rolls[this.next];
    if (value === undefined)
      throw new Error(`ScriptedDice ran out of rolls at roll #${this.next + 1} (n=${n})`);
    this.next += 1;
    const limit = n <= 0 ? 0 : n - 1;
    if (!Number.isInteger(value) || value < 0 || value > limit) {
      throw new Error(`ScriptedDice roll #${this.next} is ${value}, impossible for roll(${n})`);
    }
    return value;
  }

  /** How many scripted rolls are still unused (a test usually expects 0). */
  get remaining(): number {
    return this.rolls.length - this.next;
  }

  save(): string {
    return `scripted:${this.next}`;
  }
}
