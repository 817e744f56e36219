import type { BattleTurnFeed } from "../../src/domain/battle-turn-feed.port";
import type { Clock } from "../../src/domain/clock.port";
import type { GameRepository } from "../../src/domain/game-repository.port";
import { GameService } from "../../src/domain/game-service";
import { CryptoGameIdGenerator } from "../../src/infrastructure/crypto-game-id-generator";
import { CryptoPlayerTokens } from "../../src/infrastructure/crypto-player-tokens";
import { LruGameStateCache } from "../../src/infrastructure/lru-game-state-cache";
import { SystemClock } from "../../src/infrastructure/system-clock";
import { diceFactory } from "./play";

/** What a test may change of a GameService on the real adapters. */
export interface ServiceOptions {
  maxRetries?: number;
  /** Replaces the wall clock (see {@link ManualClock}). */
  clock?: Clock;
  /** Live turns, for watching; without it, watch() refuses. */
  feed?: BattleTurnFeed;
  reportBug?: (error: unknown) => void;
  /** Keeps the games it served, as the server does (see {@link cachedGameServiceOn}). */
  cache?: boolean;
}

/** A GameService on the real adapters (dice, tokens, ids, clock) over the given store. */
export function gameServiceOn(
  repository: GameRepository,
  options: ServiceOptions = {},
): GameService {
  return new GameService({
    repository,
    dice: diceFactory,
    tokens: new CryptoPlayerTokens(),
    ids: new CryptoGameIdGenerator(),
    clock: options.clock ?? new SystemClock(),
    maxRetries: options.maxRetries,
    feed: options.feed,
    reportBug: options.reportBug,
    cache: options.cache ? new LruGameStateCache(100) : undefined,
  });
}

/**
 * A GameService as the server runs it: the real adapters, and a cache of the games it served, so
 * an attack on a game it knows is one round trip. Several of them on one store are several
 * instances.
 */
export function cachedGameServiceOn(repository: GameRepository, maxRetries?: number): GameService {
  return gameServiceOn(repository, { maxRetries, cache: true });
}

/** A clock that tells the time it is set to, so a test decides each change's updatedAt. */
export class ManualClock implements Clock {
  constructor(public time: number) {}

  now(): number {
    return this.time;
  }
}
