/** The game the page's URL names (`/?game=<id>`), if any. */
export function gameIdFromUrl(location: Location = window.location): string | undefined {
  const id = new URLSearchParams(location.search).get("game");
  return id === null || id === "" ? undefined : id;
}

/**
 * Points the address bar at a game (or back at the start page) without a reload, so the link can
 * be copied to let someone watch. A game started replaces the start page (not worth a Back step);
 * leaving a game for the start page pushes, so Back returns to the game left (see App's popstate).
 */
export function showGameInUrl(gameId: string | undefined): void {
  const url = new URL(window.location.href);
  if (gameId === undefined) {
    url.searchParams.delete("game");
    window.history.pushState(null, "", url);
  } else {
    url.searchParams.set("game", gameId);
    window.history.replaceState(null, "", url);
  }
}
