/** The use cases that commit a game change, as the observer names them. */
export type CommitKind = "attack" | "updateMonster";

/**
 * What GameService tells about its commits, for counting (metrics): nothing here changes what a
 * use case does, and each call must return at once without throwing.
 */
export interface GameServiceObserver {
  /** A change was committed (for "attack": one turn played). */
  committed(kind: CommitKind): void;
  /** A commit lost the race: the game's version had changed since it was read. */
  conflicted(kind: CommitKind): void;
  /** After a lost race, the change is recomputed from the game as it now is. */
  retried(kind: CommitKind): void;
}

/** The observer used when none is given: it ignores everything. */
export const NO_GAME_SERVICE_OBSERVER: GameServiceObserver = {
  committed: () => undefined,
  conflicted: () => undefined,
  retried: () => undefined,
};
