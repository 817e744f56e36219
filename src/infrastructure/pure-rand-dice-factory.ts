import { randomInt } from "node:crypto";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus, xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import type { Dice, DiceFactory } from "../domain/dice.port";
import { DomainError } from "../domain/domain-error";

const ALGORITHM = "xoroshiro128plus";
const INT32 = /^-?\d{1,10}$/;

/** Dice on pure-rand's xoroshiro128+: fast, small state (four 32-bit words), well tested. */
class PureRandDice implements Dice {
  constructor(private readonly rng: RandomGenerator) {}

  roll(n: number): number {
    return n <= 0 ? 0 : uniformInt(this.rng, 0, n - 1);
  }

  save(): string {
    return `${ALGORITHM}:${this.rng.getState().join(",")}`;
  }
}

/** Seeded, serialisable dice: the state string names the algorithm, then its words. */
export class PureRandDiceFactory implements DiceFactory {
  fromSeed(seed: number): Dice {
    return new PureRandDice(xoroshiro128plus(seed));
  }

  restore(state: string): Dice {
    const [algorithm, words, ...rest] = state.split(":");
    const parts = words?.split(",") ?? [];
    if (
      algorithm !== ALGORITHM ||
      rest.length > 0 ||
      parts.length !== 4 ||
      !parts.every((p) => INT32.test(p))
    ) {
      throw new DomainError(
        "CORRUPT_GAME",
        `The dice state "${state.slice(0, 80)}" is not a ${ALGORITHM} state.`,
      );
    }
    return new PureRandDice(xoroshiro128plusFromState(parts.map(Number)));
  }

  randomSeed(): number {
    return randomInt(-0x8000_0000, 0x7fff_ffff);
  }
}
