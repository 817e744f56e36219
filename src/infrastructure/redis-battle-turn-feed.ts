import type { BattleTurnFeed, FeedListener } from "../domain/battle-turn-feed.port";
import { DomainError } from "../domain/domain-error";
import { parseTurnMessage } from "./battle-turn-message";
import { gameIdOfChannel, RedisGameKeys } from "./redis-game-keys";
import type { RedisClient } from "./redis-client";
import { STORE_UNAVAILABLE_MESSAGE } from "./redis-game-repository";
import { TurnListeners } from "./turn-listeners";

/** Something that wants to hear what went wrong in the background. */
export type FeedErrorListener = (error: unknown, context: string) => void;

/** Settings of the Redis feed. */
export interface RedisFeedOptions {
  /**
   * How often every watched game is checked against the store (a `check` item), to end the watches
   * of games that expired and catch up on turns pub/sub did not bring; 0 turns it off (tests).
   * Each check reads each watched game's turn once, for all of that game's watches here.
   */
  checkIntervalMs: number;
}

/**
 * The feed across processes: the commit script PUBLISHes each turn on the game's channel; this
 * holds one subscriber connection per process, subscribes to a game's channel while it has a
 * listener here, and parses each message once for them. ioredis resubscribes after a reconnect;
 * turns published while disconnected are not delivered (pub/sub keeps nothing), so every watched
 * game gets a `check` once the subscriptions are back, and every `checkIntervalMs`: that also
 * ends the watches of a game whose keys expired, which publishes nothing.
 *
 * On a Redis Cluster the scripts SPUBLISH (sharded pub/sub) and this SSUBSCRIBEs, through the
 * client's sharded subscribers (one connection per primary that owns a watched game's slot; create
 * it with `createRedisClient(..., { subscriber: true })`). When a slot changes hands (failover,
 * resharding) its primary ends the subscription (SUNSUBSCRIBE) or goes away; the client resubscribes
 * on the new owner once it sees the new slot map and then says `subscribersReady`: this
 * subscribes every watched channel again, waits for the replies, and checks every watched game,
 * so the turns published meanwhile are read back from the log.
 */
export class RedisBattleTurnFeed implements BattleTurnFeed {
  private readonly listeners: TurnListeners;
  private readonly checkTimer: NodeJS.Timeout | undefined;
  private connectedBefore: boolean;
  /** A Cluster: sharded pub/sub (SSUBSCRIBE, smessage), as the scripts SPUBLISH there. */
  private readonly sharded: boolean;

  constructor(
    private readonly subscriber: RedisClient,
    private readonly keyPrefix: string,
    private readonly onError: FeedErrorListener,
    options: RedisFeedOptions,
  ) {
    this.listeners = new TurnListeners((error) => onError(error, "listener"));
    this.connectedBefore = subscriber.status === "ready";
    this.sharded = subscriber.isCluster;
    subscriber.on(this.sharded ? "smessage" : "message", (channel: string, message: string) =>
      this.deliver(channel, message),
    );
    // The sharded subscribers were reset after a change of the slot map.
    if (this.sharded) subscriber.on("subscribersReady", () => this.resubscribeSharded());
    subscriber.on("ready", () => {
      // ioredis resubscribes every channel it had after a reconnect, including one whose
      // UNSUBSCRIBE failed while it was down; drop those nobody here watches any more.
      this.retryUnsubscribes();
      if (this.connectedBefore) this.checkAfterResubscribe();
      this.connectedBefore = true;
    });
    if (options.checkIntervalMs > 0) {
      this.checkTimer = setInterval(() => this.check(), options.checkIntervalMs);
      this.checkTimer.unref();
    }
  }

  /**
   * Checks every game watched here against the store now, as the timer and a reconnect do.
   */
  check(): void {
    this.listeners.emitAll({ kind: "check" });
  }

  /** Stops the periodic checks; the subscriber connection is the caller's to close. */
  close(): void {
    clearInterval(this.checkTimer);
  }

  /**
   * After a reconnect, once ioredis's resubscriptions are through, the watches catch up on what was
   * published while it was down. A single Redis client writes its SUBSCRIBEs before it emits
   * "ready" (on the next tick), so this PING goes out behind them on the same connection: its
   * answer means the channels are live again. A Cluster resubscribes on a connection of its own
   * without a "ready", and its PING may go to another node: there the periodic check catches up.
   */
  private checkAfterResubscribe(): void {
    this.subscriber.ping().then(
      () => this.check(),
      (error: unknown) => this.onError(error, "ping after reconnect (the next check catches up)"),
    );
  }

  /**
   * After the sharded subscribers moved (a slot changed hands), subscribes every watched channel
   * on its slot's owner and waits for each reply, so the channels are live when the check reads
   * the store. The client resubscribed already without saying when that is through; subscribing
   * a channel twice is harmless.
   */
  private resubscribeSharded(): void {
    const games = this.listeners.games();
    if (games.length === 0) return;
    const channels = games.map((gameId) => new RedisGameKeys(this.keyPrefix, gameId).channel);
    Promise.allSettled(channels.map((channel) => this.subscriber.ssubscribe(channel))).then(
      (results) => {
        for (const result of results) {
          if (result.status === "rejected") {
            this.onError(
              result.reason,
              "resubscribe after a slot moved (the next check catches up)",
            );
          }
        }
        this.check();
      },
      () => undefined,
    );
  }

  /** Channels whose UNSUBSCRIBE failed, by game id, to retry once the subscriber is back. */
  private readonly unsubscribeLater = new Map<string, string>();

  private unsubscribe(gameId: string, channel: string): void {
    this.unsubscribeLater.delete(gameId);
    const unsubscribing = this.sharded
      ? this.subscriber.sunsubscribe(channel)
      : this.subscriber.unsubscribe(channel);
    unsubscribing.catch((error: unknown) => {
      this.unsubscribeLater.set(gameId, channel);
      this.onError(error, `unsubscribe ${channel} (retried on reconnect)`);
    });
  }

  private retryUnsubscribes(): void {
    for (const [gameId, channel] of this.unsubscribeLater) {
      if (this.listeners.count(gameId) === 0) this.unsubscribe(gameId, channel);
      else this.unsubscribeLater.delete(gameId);
    }
  }

  async listen(gameId: string, listener: FeedListener): Promise<() => void> {
    const channel = new RedisGameKeys(this.keyPrefix, gameId).channel;
    // Listen locally first, so a message arriving right after SUBSCRIBE is acknowledged is kept.
    const stop = this.listeners.add(gameId, listener, (remaining) => {
      if (remaining === 0) this.unsubscribe(gameId, channel);
    });
    try {
      if (this.sharded) await this.subscriber.ssubscribe(channel);
      else await this.subscriber.subscribe(channel);
    } catch (error) {
      stop();
      throw new DomainError("STORE_UNAVAILABLE", STORE_UNAVAILABLE_MESSAGE, undefined, error);
    }
    return stop;
  }

  private deliver(channel: string, message: string): void {
    const gameId = gameIdOfChannel(this.keyPrefix, channel);
    if (gameId === undefined || this.listeners.count(gameId) === 0) return;
    let item;
    try {
      item = parseTurnMessage(gameId, message);
    } catch (error) {
      // A message that is not what a commit publishes is a turn lost: logged, and the watches
      // check the store, as after a gap.
      this.onError(error, `malformed message on ${channel}`);
      this.listeners.emit(gameId, { kind: "check" });
      return;
    }
    this.listeners.emit(gameId, item);
  }
}
