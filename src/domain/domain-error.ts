/** Stable machine-readable codes of the failures a caller is expected to handle. */
export type DomainErrorCode =
  | "GAME_NOT_FOUND"
  | "MONSTER_NOT_FOUND"
  | "GAME_OVER"
  | "INVALID_MONSTER"
  | "INVALID_SEED"
  | "CONFLICT"
  | "CORRUPT_GAME"
  | "STORE_UNAVAILABLE"
  | "STORE_FULL"
  | "UNAUTHENTICATED"
  | "FORBIDDEN";

/**
 * An expected failure. Only these leave the domain on purpose: anything else thrown is a bug.
 * `field` names the input at fault where there is one (for instance `monsters[2].life`).
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
    /** What went wrong underneath (for the logs; never shown to a client). */
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "DomainError";
  }
}

/** The array is decimated: no weapon can be used any more. */
export class GameOverError extends DomainError {
  constructor(gameId: string) {
    super(
      "GAME_OVER",
      `Game ${gameId} is over: Dwemthy's Array is decimated, no weapon can be used.`,
    );
  }
}

/** A monster given to start a game or to patch one breaks the bounds of docs/rules.md and the API. */
export class InvalidMonsterError extends DomainError {
  constructor(field: string, message: string) {
    super("INVALID_MONSTER", message, field);
  }
}

/** A stored game no longer reads as a game (missing or malformed field). */
export class CorruptGameError extends DomainError {
  constructor(gameId: string, detail: string) {
    super("CORRUPT_GAME", `Game ${gameId} is corrupt in the store: ${detail}.`);
  }
}

/** There is no game with this id (never created, abandoned, or expired). */
export function gameNotFound(gameId: string): DomainError {
  const shown = gameId.length > 64 ? `${gameId.slice(0, 64)}...` : gameId;
  return new DomainError("GAME_NOT_FOUND", `There is no game ${JSON.stringify(shown)}.`, "gameId");
}

/** The game is not at the version the caller expected: nothing was applied. */
export function versionConflict(gameId: string, version: number, expected: number): DomainError {
  return new DomainError(
    "CONFLICT",
    `Game ${gameId} is at version ${version}, not at version ${expected} as expected; nothing was applied.`,
    "expectedVersion",
  );
}
