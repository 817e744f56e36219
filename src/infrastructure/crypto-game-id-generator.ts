import { randomUUID } from "node:crypto";
import type { GameIdGenerator } from "../domain/game-id-generator.port";

/** Random UUIDs (122 random bits): ids nobody can guess, so reading a game needs only its id. */
export class CryptoGameIdGenerator implements GameIdGenerator {
  next(): string {
    return randomUUID();
  }
}
