import type { BattleTurn } from "../domain/battle-turn";
import type { BattleTurnFeed, FeedListener } from "../domain/battle-turn-feed.port";
import { TurnListeners } from "./turn-listeners";

/** The feed of the embedded store: committed turns reach the watchers of this process. */
export class InProcessBattleTurnFeed implements BattleTurnFeed {
  private readonly listeners: TurnListeners;

  /** @param onError told of a listener that threw (a bug); the commit it came from stands. */
  constructor(onError: (error: unknown) => void = () => undefined) {
    this.listeners = new TurnListeners(onError);
  }

  /** Called by the in-memory store after each committed turn. */
  publish(gameId: string, turn: BattleTurn): void {
    this.listeners.emit(gameId, { kind: "turn", turn });
  }

  /** Called by the in-memory store when a game is deleted or expires: its watches end. */
  end(gameId: string): void {
    this.listeners.emit(gameId, { kind: "ended" });
  }

  listen(gameId: string, listener: FeedListener): Promise<() => void> {
    return Promise.resolve(this.listeners.add(gameId, listener));
  }
}
