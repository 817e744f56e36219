import type { BattleEvent } from "../domain/battle-event";
import type { BattleEventFeed, FeedItem } from "../domain/battle-event-feed.port";
import { BattleEventFanout } from "./battle-event-fanout";

/** The feed of the embedded store: committed turns reach the subscribers of this process. */
export class InProcessBattleEventFeed implements BattleEventFeed {
  private readonly fanout = new BattleEventFanout();

  /** Called by the in-memory store after each commit. */
  publish(gameId: string, events: readonly BattleEvent[]): void {
    this.fanout.emit(gameId, events);
  }

  /** Called by the in-memory store when a game is deleted: its watchers' iterations end. */
  end(gameId: string): void {
    this.fanout.end(gameId);
  }

  subscribe(gameId: string): Promise<AsyncIterator<FeedItem>> {
    return Promise.resolve(this.fanout.listen(gameId));
  }
}
