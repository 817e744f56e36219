import type { BattleEvent } from "../domain/battle-event";
import { snapshotOf, type BattleTurn } from "../domain/battle-turn";
import type { Clock } from "../domain/clock.port";
import type { GameState } from "../domain/game";
import type { GameChange } from "../domain/game-change";
import type { CommitOutcome, DeleteOutcome, GameRepository } from "../domain/game-repository.port";
import type { StoreOptions } from "./store-options";
import { SystemClock } from "./system-clock";

/** Told of each committed turn and each deleted or expired game, to feed the live subscriptions. */
export interface GameChangeListener {
  committed(gameId: string, turn: BattleTurn): void;
  deleted(gameId: string): void;
}

const NOBODY: GameChangeListener = { committed: () => undefined, deleted: () => undefined };

interface Entry {
  state: GameState;
  events: BattleEvent[];
  expiresAt: number;
}

/**
 * The embedded store: the same semantics as Redis (versions, conflicts, expiry, a capped event
 * log), in this process only. Everything is copied in and out, so no caller can change a stored
 * game without a commit.
 */
export class InMemoryGameRepository implements GameRepository {
  private readonly games = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly options: StoreOptions,
    private readonly listener: GameChangeListener = NOBODY,
    // Expiry reads this clock, so a test can move time on instead of sleeping through a TTL.
    private readonly clock: Clock = new SystemClock(),
  ) {
    // Expired games are dropped when touched; the sweep frees the ones nobody touches again.
    this.sweeper = setInterval(() => this.sweep(), Math.min(options.ttlMs, 60_000));
    this.sweeper.unref();
  }

  create(game: GameState, events: readonly BattleEvent[]): Promise<boolean> {
    if (this.live(game.id)) return Promise.resolve(false);
    this.games.set(game.id, {
      state: structuredClone({ ...game, version: 0 }),
      events: structuredClone(events.slice(-this.options.maxEvents)),
      expiresAt: this.clock.now() + this.options.ttlMs,
    });
    return Promise.resolve(true);
  }

  load(gameId: string): Promise<GameState | undefined> {
    const entry = this.live(gameId);
    return Promise.resolve(entry && structuredClone(entry.state));
  }

  commit(
    game: GameState,
    change: GameChange,
    events: readonly BattleEvent[],
  ): Promise<CommitOutcome> {
    const entry = this.live(game.id);
    if (!entry) return Promise.resolve({ status: "NOT_FOUND" });
    if (entry.state.version !== change.fromVersion)
      return Promise.resolve({ status: "CONFLICT", current: structuredClone(entry.state) });
    // The whole game is one value here: the state after the change is what the change wrote.
    entry.state = structuredClone(game);
    entry.events.push(...structuredClone(events));
    entry.events.splice(0, Math.max(0, entry.events.length - this.options.maxEvents));
    entry.expiresAt = this.clock.now() + this.options.ttlMs;
    if (events.length > 0) {
      const turn = { turn: game.turn, events, game: snapshotOf(game) };
      this.listener.committed(game.id, structuredClone(turn));
    }
    return Promise.resolve({ status: "COMMITTED" });
  }

  delete(gameId: string, expectedVersion?: number): Promise<DeleteOutcome> {
    const entry = this.live(gameId);
    if (!entry) return Promise.resolve({ status: "NOT_FOUND" });
    const { version } = entry.state;
    if (expectedVersion !== undefined && version !== expectedVersion)
      return Promise.resolve({ status: "CONFLICT", version });
    this.games.delete(gameId);
    this.listener.deleted(gameId);
    return Promise.resolve({ status: "DELETED" });
  }

  recentEvents(gameId: string, limit: number): Promise<BattleEvent[]> {
    const events = this.live(gameId)?.events ?? [];
    return Promise.resolve(limit <= 0 ? [] : structuredClone(events.slice(-limit)));
  }

  /** Stops the background sweep. */
  close(): void {
    clearInterval(this.sweeper);
  }

  private live(gameId: string): Entry | undefined {
    const entry = this.games.get(gameId);
    if (entry && entry.expiresAt <= this.clock.now()) {
      this.expire(gameId);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [id, entry] of this.games) if (entry.expiresAt <= now) this.expire(id);
  }

  /** An expired game goes like an abandoned one: its watchers' iterations end. */
  private expire(gameId: string): void {
    this.games.delete(gameId);
    this.listener.deleted(gameId);
  }
}
