import type { Logger } from "pino";
import type { DependencyContainer } from "tsyringe";
import type { GameService } from "../domain/game-service";
import type { RateLimits } from "./rate-limits";
import type { ServerMetrics } from "./server-metrics";

/**
 * What the API server is built around: the wired use cases and the store's lifecycle. The
 * composition root provides it; the graphql layer knows nothing of the adapters behind it.
 */
export interface ServerDependencies {
  /** The DI container the resolvers come from (type-graphql asks it on every field call). */
  container: DependencyContainer;
  games: GameService;
  /** Which store serves the games, as /readyz reports it. */
  store: string;
  /** Whether the store answers now (for /readyz). */
  ready(): Promise<boolean>;
  /** Lets go of connections and timers; called after the servers stopped using them. */
  close(): Promise<void>;
  logger: Logger;
  /** Per-client rate limits (shared by every instance on Redis); none: not limited. */
  rateLimits?: RateLimits;
  /**
   * The Prometheus metrics GameService already counts into (its observer); without it, the
   * server makes its own when metrics are enabled (no commit counts then).
   */
  metrics?: ServerMetrics;
}
