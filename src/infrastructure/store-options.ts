/** Settings shared by every game store. */
export interface StoreOptions {
  /** How long a game lives after its last write, in milliseconds. */
  ttlMs: number;
  /** How many events a game's log keeps (the oldest go first). */
  maxEvents: number;
}
