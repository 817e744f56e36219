import { LRUCache } from "lru-cache";
import type { GameState } from "../domain/game";
import type { GameStateCache } from "../domain/game-state-cache.port";

/** The instance's recently served games, the least recently used dropped past `maxGames`. */
export class LruGameStateCache implements GameStateCache {
  private readonly games: LRUCache<string, GameState>;

  constructor(maxGames: number) {
    this.games = new LRUCache({ max: maxGames });
  }

  get(gameId: string): GameState | undefined {
    return this.games.get(gameId);
  }

  set(state: GameState): void {
    this.games.set(state.id, state);
  }

  delete(gameId: string): void {
    this.games.delete(gameId);
  }
}
