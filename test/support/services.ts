import type { GameRepository } from "../../src/domain/game-repository.port";
import { GameService } from "../../src/domain/game-service";
import { CryptoGameIdGenerator } from "../../src/infrastructure/crypto-game-id-generator";
import { CryptoPlayerTokens } from "../../src/infrastructure/crypto-player-tokens";
import { SystemClock } from "../../src/infrastructure/system-clock";
import { diceFactory } from "./play";

/** A GameService on the real adapters (dice, tokens, ids, clock) over the given store. */
export function gameServiceOn(repository: GameRepository, maxRetries?: number): GameService {
  return new GameService({
    repository,
    dice: diceFactory,
    tokens: new CryptoPlayerTokens(),
    ids: new CryptoGameIdGenerator(),
    clock: new SystemClock(),
    maxRetries,
  });
}
