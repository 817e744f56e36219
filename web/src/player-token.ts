/**
 * The player's token for a game, kept in this tab's sessionStorage only: never in the URL, so the
 * game's link can be shared to let someone watch without letting them play. A duplicated tab
 * copies sessionStorage (and so can play); a new tab on the same link cannot.
 */
const key = (gameId: string) => `dwemthy:playerToken:${gameId}`;

/** The token this tab holds for the game, if any. */
export function readPlayerToken(gameId: string): string | undefined {
  try {
    return sessionStorage.getItem(key(gameId)) ?? undefined;
  } catch {
    // Storage can be switched off (privacy settings): the tab can then only watch.
    return undefined;
  }
}

/** Remembers the token of a game this tab just started. */
export function savePlayerToken(gameId: string, token: string): void {
  try {
    sessionStorage.setItem(key(gameId), token);
  } catch {
    // Without storage the game still plays until a reload; nothing better can be done.
  }
}
