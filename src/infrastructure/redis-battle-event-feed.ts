import type { BattleEvent } from "../domain/battle-event";
import type { BattleEventFeed } from "../domain/battle-event-feed";
import { DomainError } from "../domain/domain-error";
import { BattleEventFanout } from "./battle-event-fanout";
import { gameIdOfChannel, RedisGameKeys } from "./redis-game-keys";
import type { RedisClient } from "./redis-client";
import { STORE_UNAVAILABLE_MESSAGE } from "./redis-game-repository";

/** Something that wants to hear what went wrong in the background. */
export type FeedErrorListener = (error: unknown, context: string) => void;

/**
 * The feed across processes: the commit script PUBLISHes each turn on the game's channel; this
 * holds one subscriber connection per process, subscribes to a game's channel while at least one
 * local subscriber watches it, and fans messages out locally. ioredis resubscribes after a
 * reconnect; turns published while disconnected are not delivered (pub/sub keeps nothing), which is
 * what `fromTurn` catch-up is for.
 */
export class RedisBattleEventFeed implements BattleEventFeed {
  private readonly fanout = new BattleEventFanout();

  constructor(
    private readonly subscriber: RedisClient,
    private readonly keyPrefix: string,
    private readonly onError: FeedErrorListener,
  ) {
    subscriber.on("message", (channel: string, message: string) => this.deliver(channel, message));
    // ioredis resubscribes every channel it had after a reconnect, including one whose
    // UNSUBSCRIBE failed while it was down; drop those nobody here watches any more.
    subscriber.on("ready", () => this.retryUnsubscribes());
  }

  /** Channels whose UNSUBSCRIBE failed, by game id, to retry once the subscriber is back. */
  private readonly unsubscribeLater = new Map<string, string>();

  private unsubscribe(gameId: string, channel: string): void {
    this.unsubscribeLater.delete(gameId);
    this.subscriber.unsubscribe(channel).catch((error: unknown) => {
      this.unsubscribeLater.set(gameId, channel);
      this.onError(error, `unsubscribe ${channel} (retried on reconnect)`);
    });
  }

  private retryUnsubscribes(): void {
    for (const [gameId, channel] of this.unsubscribeLater) {
      if (this.fanout.count(gameId) === 0) this.unsubscribe(gameId, channel);
      else this.unsubscribeLater.delete(gameId);
    }
  }

  async subscribe(gameId: string): Promise<AsyncIterator<readonly BattleEvent[]>> {
    const channel = new RedisGameKeys(this.keyPrefix, gameId).channel;
    // Listen locally first, so a message arriving right after SUBSCRIBE is acknowledged is kept.
    const iterator = this.fanout.listen(gameId, (remaining) => {
      if (remaining === 0) this.unsubscribe(gameId, channel);
    });
    try {
      await this.subscriber.subscribe(channel);
    } catch (error) {
      await iterator.return?.();
      throw new DomainError("STORE_UNAVAILABLE", STORE_UNAVAILABLE_MESSAGE, undefined, error);
    }
    return iterator;
  }

  private deliver(channel: string, message: string): void {
    const gameId = gameIdOfChannel(this.keyPrefix, channel);
    if (gameId === undefined) return;
    try {
      const { events, ended } = JSON.parse(message) as { events?: BattleEvent[]; ended?: boolean };
      if (ended === true) this.fanout.end(gameId);
      else if (Array.isArray(events)) this.fanout.emit(gameId, events);
      else throw new Error("neither events nor ended");
    } catch (error) {
      this.onError(error, `malformed message on ${channel}`);
    }
  }
}
