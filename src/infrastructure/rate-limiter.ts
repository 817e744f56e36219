import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { RedisClient } from "./redis-client";

/** The budgets counted (the API's RateLimitBudget, spelled here so the layers stay apart). */
export type CountedBudget = "startGame" | "mutation" | "query" | "subscription";

/** Points each budget allows a client per window (a fixed window from its first point). */
export interface RateLimitSettings {
  windowSeconds: number;
  points: Record<CountedBudget, number>;
}

export type CountDecision =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; points: number; windowSeconds: number };

/**
 * Told when the counter store failed and the in-process counters answered instead: at most once a
 * minute, with how many failures there were since the last call (a down Redis fails every request).
 */
export type CounterStoreErrorListener = (
  error: unknown,
  context: { budget: CountedBudget; failures: number },
) => void;

const REPORT_EVERY_MS = 60_000;

/** What is used of a rate-limiter-flexible limiter: it resolves, or rejects with the refusal. */
interface Counter {
  consume(key: string, points?: number): Promise<RateLimiterRes>;
}

function perBudget(make: (budget: CountedBudget) => Counter): Record<CountedBudget, Counter> {
  return {
    startGame: make("startGame"),
    mutation: make("mutation"),
    query: make("query"),
    subscription: make("subscription"),
  };
}

function memoryLimiters(settings: RateLimitSettings): Record<CountedBudget, Counter> {
  return perBudget(
    (budget) =>
      new RateLimiterMemory({
        keyPrefix: budget,
        points: settings.points[budget],
        duration: settings.windowSeconds,
      }),
  );
}

/**
 * Per-client counters with rate-limiter-flexible: in Redis (`RateLimiterRedis`, one Lua script
 * per point taken, one key per budget and client: `<prefix>:ratelimit:<budget>:<client>`, expiring
 * with its window), so every instance on that Redis spends from one budget; or in the process
 * (`RateLimiterMemory`).
 *
 * When Redis fails (down, timed out), the in-process counters answer for that request: each
 * instance then enforces the budget on its own until Redis is back, which never crashes, never
 * fails a request because of the limiter, and still stops a flood. Nothing rejects.
 */
export class FlexibleRateLimits {
  private lastReportAt = Number.NEGATIVE_INFINITY;
  private failuresSinceReport = 0;

  private constructor(
    private readonly settings: RateLimitSettings,
    private readonly primary: Record<CountedBudget, Counter>,
    private readonly fallback: Record<CountedBudget, Counter> | undefined,
    private readonly onStoreError: CounterStoreErrorListener,
  ) {}

  /** Counters in this process only. */
  static inMemory(settings: RateLimitSettings): FlexibleRateLimits {
    return new FlexibleRateLimits(settings, memoryLimiters(settings), undefined, () => {});
  }

  /**
   * Counters in Redis (one server or a Cluster: each script touches one key), on the commands
   * client, whose fail-fast options make a down Redis answer at once.
   */
  static onRedis(
    client: RedisClient,
    keyPrefix: string,
    settings: RateLimitSettings,
    onStoreError: CounterStoreErrorListener,
  ): FlexibleRateLimits {
    const redis = perBudget(
      (budget) =>
        new RateLimiterRedis({
          storeClient: client,
          keyPrefix: `${keyPrefix}:ratelimit:${budget}`,
          points: settings.points[budget],
          duration: settings.windowSeconds,
          // While ioredis is reconnecting, go straight to the fallback instead of failing a command.
          rejectIfRedisNotReady: true,
        }),
    );
    return new FlexibleRateLimits(settings, redis, memoryLimiters(settings), onStoreError);
  }

  async consume(budget: CountedBudget, clientKey: string, points = 1): Promise<CountDecision> {
    try {
      await this.primary[budget].consume(clientKey, points);
      return { allowed: true };
    } catch (error) {
      if (error instanceof RateLimiterRes) return this.refusal(budget, error);
      this.storeFailed(error, budget);
    }
    if (!this.fallback) return { allowed: true };
    try {
      await this.fallback[budget].consume(clientKey, points);
      return { allowed: true };
    } catch (error) {
      if (error instanceof RateLimiterRes) return this.refusal(budget, error);
      // The in-memory limiter has no store to fail; should it ever throw, serve the request.
      this.storeFailed(error, budget);
      return { allowed: true };
    }
  }

  private storeFailed(error: unknown, budget: CountedBudget): void {
    this.failuresSinceReport++;
    const now = Date.now();
    if (now - this.lastReportAt < REPORT_EVERY_MS) return;
    this.onStoreError(error, { budget, failures: this.failuresSinceReport });
    this.lastReportAt = now;
    this.failuresSinceReport = 0;
  }

  private refusal(budget: CountedBudget, result: RateLimiterRes): CountDecision {
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
      points: this.settings.points[budget],
      windowSeconds: this.settings.windowSeconds,
    };
  }
}
