import type { Clock } from "../../src/domain/clock.port";
import type { GameRepository } from "../../src/domain/game-repository.port";
import { GameService } from "../../src/domain/game-service";
import { CryptoGameIdGenerator } from "../../src/infrastructure/crypto-game-id-generator";
import { CryptoPlayerTokens } from "../../src/infrastructure/crypto-player-tokens";
import { LruGameStateCache } from "../../src/infrastructure/lru-game-state-cache";
import { SystemClock } from "../../src/infrastructure/system-clock";
import { diceFactory } from "./play";

/**
 * A GameService on the real adapters (dice, tokens, ids, clock) over the given store; `clock`
 * replaces the wall clock (see {@link ManualClock}).
 */
export function gameServiceOn(
  repository: GameRepository,
  maxRetries?: number,
  clock: Clock = new SystemClock(),
): GameService {
  return new GameService({
    repository,
    dice: diceFactory,
    tokens: new CryptoPlayerTokens(),
    ids: new CryptoGameIdGenerator(),
    clock,
    maxRetries,
  });
}

/**
 * A GameService as the server runs it: the real adapters, and a cache of the games it served, so
 * an attack on a game it knows is one round trip. Several of them on one store are several
 * instances.
 */
export function cachedGameServiceOn(repository: GameRepository, maxRetries?: number): GameService {
  return new GameService({
    repository,
    dice: diceFactory,
    tokens: new CryptoPlayerTokens(),
    ids: new CryptoGameIdGenerator(),
    clock: new SystemClock(),
    maxRetries,
    cache: new LruGameStateCache(100),
  });
}

/** A clock that tells the time it is set to, so a test decides each change's updatedAt. */
export class ManualClock implements Clock {
  constructor(public time: number) {}

  now(): number {
    return this.time;
  }
}
