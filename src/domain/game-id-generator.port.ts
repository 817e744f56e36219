/** Makes unguessable game ids: knowing a game's id is what lets one read and watch it. */
export interface GameIdGenerator {
  next(): string;
}
