import { randomBytes } from "node:crypto";
import type { GameIdGenerator } from "../domain/game-id-generator.port";

/**
 * 128 random bits in 22 base64url characters: ids nobody can guess, so reading a game needs only
 * its id. A UUID took 36 characters for 122 bits, and every key of a game carries its id.
 */
export class CryptoGameIdGenerator implements GameIdGenerator {
  next(): string {
    return randomBytes(16).toString("base64url");
  }
}
