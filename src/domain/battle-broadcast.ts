import type { BattleEvent } from "./battle-event";
import { turnsOfEvents, type BattleTurn, type GameSnapshot } from "./battle-turn";
import type { BattleTurnFeed, FeedItem } from "./battle-turn-feed.port";
import { DomainError, gameNotFound } from "./domain-error";

/** Someone watching a game: told each turn once, in order, then that it ended or failed. */
export interface TurnWatcher {
  /** A turn, synchronously from the feed for live turns. Must not throw. */
  turn(turn: BattleTurn): void;
  /** The game is gone (abandoned or expired): no turn follows. */
  ended(): void;
  /** The watch cannot go on (the store could not give the turns the feed missed). */
  failed(error: unknown): void;
}

/** Stops a watch: no call reaches its watcher after it. Safe to call more than once. */
export type StopWatching = () => void;

/** What a broadcast reads from the store. */
export interface BattleHistory {
  /** The game as stored, or undefined when it does not exist (any more). */
  game(gameId: string): Promise<GameSnapshot | undefined>;
  /** The stored events of turns `from` to `to`, oldest first, as far as the log holds them. */
  events(gameId: string, from: number, to: number): Promise<BattleEvent[]>;
}

/** How a game's watches finished: it ended, or they failed with an error. */
type Outcome = { ended: true } | { ended: false; error: unknown };

/** One watch of a game: where its turns go, and the last turn it was given. */
class Watch {
  /** Live turns held while the watch's history is read; undefined once it is live. */
  held: BattleTurn[] | undefined;
  /** How the game finished while the history was read: told after that history. */
  outcome: Outcome | undefined;
  stopped = false;

  constructor(
    readonly watcher: TurnWatcher,
    public last: number,
  ) {}

  offer(turn: BattleTurn): void {
    if (this.stopped) return;
    if (this.held) this.held.push(turn);
    else if (turn.turn > this.last) {
      this.last = turn.turn;
      this.watcher.turn(turn);
    }
  }

  /**
   * Gives the history read for it, then the live turns held meanwhile, and goes live; or, when
   * the game finished meanwhile, tells how after them.
   */
  release(history: readonly BattleTurn[]): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const turn of history) this.offer(turn);
    for (const turn of held) this.offer(turn);
    if (this.outcome && !this.stopped) this.finish(this.outcome);
  }

  /** Tells the watcher how the game finished, unless its history is still being read. */
  finish(outcome: Outcome): void {
    if (this.held) {
      this.outcome = outcome;
      return;
    }
    this.stopped = true;
    if (outcome.ended) this.watcher.ended();
    else this.watcher.failed(outcome.error);
  }
}

/** The watches of one game in this process, fed by one feed listener. */
class Channel {
  readonly watches = new Set<Watch>();
  /** Watches being set up: the channel stays open for them. */
  joining = 0;
  /** The last turn handed to the watches. */
  last = 0;
  closed = false;
  started!: Promise<void>;
  stopFeed: (() => void) | undefined;
  /** Feed items not handled yet: they wait while `busy` (reading the store). */
  readonly queue: FeedItem[] = [];
  busy = true;

  constructor(readonly gameId: string) {}
}

/**
 * Hands every committed turn of the games watched in this process to their watchers: each turn
 * once, in order, in one synchronous loop over the game's watchers (no queue or promise per
 * watcher). Per game it listens to the feed once, however many watch it, and stops listening
 * when the last watch stops. It joins history to live without gaps or repeats:
 * - a watch from `fromTurn` gets the stored turns first, then the live ones after them;
 * - a live turn further ahead than the next one means the feed lost some (pub/sub keeps nothing
 *   while disconnected): the missing turns are read from the store first, as far as its log
 *   holds them; a store that cannot give them fails the game's watches (STORE_UNAVAILABLE);
 * - a feed `check` reads the store's turn: the turns it has past the last one given are read
 *   and given, and a game that no longer exists ends its watches; a store that cannot answer
 *   now is not the end (the next check or live turn catches up).
 */
export class BattleBroadcast {
  private readonly channels = new Map<string, Channel>();

  /**
   * @param reportBug told of a watcher that threw where it must not (a bug of its own); the
   *   other watchers go on regardless.
   */
  constructor(
    private readonly feed: BattleTurnFeed,
    private readonly history: BattleHistory,
    private readonly reportBug: (error: unknown) => void = () => undefined,
  ) {}

  /** Games watched in this process now. */
  get watchedGames(): number {
    return this.channels.size;
  }

  /** Watches of a game in this process now, those being set up included. */
  watchesOf(gameId: string): number {
    const channel = this.channels.get(gameId);
    return channel ? channel.watches.size + channel.joining : 0;
  }

  /**
   * Watches a game. With `fromTurn`, the stored turns from it on come first (as far as the log
   * still holds them); a `fromTurn` still to come waits for that turn. Without it, the turns
   * committed after the game is read. Resolves once the watch is live (the stored turns already
   * given), with the function that stops it.
   * @throws NOT_FOUND when there is no such game, STORE_UNAVAILABLE.
   */
  async watch(
    gameId: string,
    fromTurn: number | undefined,
    watcher: TurnWatcher,
  ): Promise<StopWatching> {
    const channel = this.channelOf(gameId);
    channel.joining++;
    let watch: Watch | undefined;
    try {
      await channel.started;
      if (channel.closed) throw gameNotFound(gameId);
      const catchUp = fromTurn !== undefined && fromTurn <= channel.last;
      // A fromTurn still to come is a watch from the turn before it.
      watch = new Watch(watcher, fromTurn === undefined ? channel.last : fromTurn - 1);
      if (catchUp) watch.held = [];
      channel.watches.add(watch);
      if (catchUp) {
        const events = await this.history.events(gameId, fromTurn, Number.MAX_SAFE_INTEGER);
        // Read after the log: when the game is still at the log's last turn, that turn carries it.
        const history = turnsOfEvents(events, await this.history.game(gameId));
        // Also when the game finished meanwhile: its turns come first, then how it finished.
        if (!watch.stopped) watch.release(history);
      }
    } catch (error) {
      if (watch) {
        watch.stopped = true;
        channel.watches.delete(watch);
      }
      throw error;
    } finally {
      channel.joining--;
      this.closeIfIdle(channel);
    }
    const live = watch;
    return () => {
      live.stopped = true;
      channel.watches.delete(live);
      this.closeIfIdle(channel);
    };
  }

  /** The game's channel, started on first use. */
  private channelOf(gameId: string): Channel {
    const existing = this.channels.get(gameId);
    if (existing) return existing;
    const channel = new Channel(gameId);
    this.channels.set(gameId, channel);
    channel.started = this.start(channel);
    // Each joining watch awaits `started` and sees its failure; this only keeps it from being
    // an unhandled rejection when none awaits any more.
    channel.started.catch(() => undefined);
    return channel;
  }

  private async start(channel: Channel): Promise<void> {
    try {
      // Listen first, then read: a turn committed in between comes live, and is dropped as
      // already counted when the read already has it.
      channel.stopFeed = await this.feed.listen(channel.gameId, (item) =>
        this.receive(channel, item),
      );
      const game = await this.history.game(channel.gameId);
      if (game === undefined) throw gameNotFound(channel.gameId);
      channel.last = game.turn;
    } catch (error) {
      this.close(channel);
      throw error;
    }
    channel.busy = false;
    this.drain(channel);
  }

  private receive(channel: Channel, item: FeedItem): void {
    if (channel.closed) return;
    channel.queue.push(item);
    if (!channel.busy) this.drain(channel);
  }

  /** Handles the queued items in order, stopping at one that needs the store. */
  private drain(channel: Channel): void {
    while (!channel.busy && !channel.closed) {
      const item = channel.queue.shift();
      if (item === undefined) return;
      if (item.kind === "ended") {
        this.end(channel);
        return;
      }
      if (item.kind === "check") {
        this.readStore(channel, () => this.check(channel));
        continue;
      }
      const { turn } = item.turn;
      if (turn <= channel.last) continue;
      if (turn === channel.last + 1) {
        this.deliver(channel, item.turn);
        continue;
      }
      // The feed lost the turns in between: read them, then this one follows.
      channel.queue.unshift(item);
      this.readStore(channel, () => this.repair(channel, turn - 1));
    }
  }

  private readStore(channel: Channel, read: () => Promise<void>): void {
    channel.busy = true;
    read().then(
      () => {
        channel.busy = false;
        this.drain(channel);
      },
      (error: unknown) => this.fail(channel, error),
    );
  }

  /**
   * Gives the stored turns after the last one given up to `upTo` (those the log no longer holds
   * are skipped); `game`, read before the log at turn `upTo`, goes with the last.
   */
  private async repair(channel: Channel, upTo: number, game?: GameSnapshot): Promise<void> {
    const events = await this.history.events(channel.gameId, channel.last + 1, upTo);
    for (const turn of turnsOfEvents(events, game))
      if (!channel.closed) this.deliver(channel, turn);
    channel.last = Math.max(channel.last, upTo);
  }

  private async check(channel: Channel): Promise<void> {
    try {
      const game = await this.history.game(channel.gameId);
      if (game === undefined) {
        // After the live turns that came meanwhile (committed before the game went).
        channel.queue.push({ kind: "ended" });
        return;
      }
      if (game.turn > channel.last) await this.repair(channel, game.turn, game);
    } catch (error) {
      if (error instanceof DomainError && error.code === "STORE_UNAVAILABLE") return;
      throw error;
    }
  }

  private deliver(channel: Channel, turn: BattleTurn): void {
    if (turn.turn <= channel.last) return;
    channel.last = turn.turn;
    for (const watch of channel.watches) {
      try {
        watch.offer(turn);
      } catch (error) {
        // A watcher that throws is a bug of its own: it alone stops.
        this.reportBug(error);
        channel.watches.delete(watch);
        this.guard(() => watch.finish({ ended: false, error }));
      }
    }
  }

  private end(channel: Channel): void {
    this.finish(channel, { ended: true });
  }

  private fail(channel: Channel, error: unknown): void {
    this.finish(channel, { ended: false, error });
  }

  /** Closes the channel and tells its watches how it finished (after their history, if read). */
  private finish(channel: Channel, outcome: Outcome): void {
    const watches = [...channel.watches];
    this.close(channel);
    for (const watch of watches) this.guard(() => watch.finish(outcome));
  }

  /** Runs a call to watchers; one that throws is reported, and the others still get theirs. */
  private guard(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.reportBug(error);
    }
  }

  private closeIfIdle(channel: Channel): void {
    if (channel.watches.size === 0 && channel.joining === 0) this.close(channel);
  }

  private close(channel: Channel): void {
    if (channel.closed) return;
    channel.closed = true;
    channel.watches.clear();
    channel.queue.length = 0;
    if (this.channels.get(channel.gameId) === channel) this.channels.delete(channel.gameId);
    channel.stopFeed?.();
    channel.stopFeed = undefined;
  }
}
