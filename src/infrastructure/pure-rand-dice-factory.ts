import { randomInt } from "node:crypto";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus, xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import type { Dice, DiceFactory } from "../domain/dice.port";
import { DomainError } from "../domain/domain-error";

const ALGORITHM = "xoroshiro128plus";
const WORDS = 4;
/** Four 32-bit words are 16 bytes: 22 base64url characters (no padding). */
const STATE = /^[A-Za-z0-9_-]{22}$/;

/**
 * Dice on pure-rand's xoroshiro128+: fast, small state (four 32-bit words), well tested. The state
 * is saved as its 16 bytes in base64url (22 characters, where the words in decimal took about 60):
 * it is stored with every game and copied into every commit.
 */
class PureRandDice implements Dice {
  constructor(private readonly rng: RandomGenerator) {}

  roll(n: number): number {
    return n <= 0 ? 0 : uniformInt(this.rng, 0, n - 1);
  }

  save(): string {
    const bytes = Buffer.alloc(WORDS * 4);
    this.rng.getState().forEach((word, i) => bytes.writeInt32BE(word | 0, i * 4));
    return bytes.toString("base64url");
  }
}

/** Seeded, serialisable dice: the state string is the generator's four words, base64url. */
export class PureRandDiceFactory implements DiceFactory {
  fromSeed(seed: number): Dice {
    return new PureRandDice(xoroshiro128plus(seed));
  }

  restore(state: string): Dice {
    const bytes = STATE.test(state) ? Buffer.from(state, "base64url") : undefined;
    // Base64url decoding ignores the last character's unused bits: only the canonical form passes.
    if (bytes?.length !== WORDS * 4 || bytes.toString("base64url") !== state) {
      throw new DomainError(
        "CORRUPT_GAME",
        `The dice state "${state.slice(0, 80)}" is not a ${ALGORITHM} state.`,
      );
    }
    const words = Array.from({ length: WORDS }, (_, i) => bytes.readInt32BE(i * 4));
    return new PureRandDice(xoroshiro128plusFromState(words));
  }

  randomSeed(): number {
    return randomInt(-0x8000_0000, 0x7fff_ffff);
  }
}
