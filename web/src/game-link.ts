/**
 * The game the page's URL names (`/?game=<id>`): undefined when the URL names none, and "" for a
 * link that ends in `?game=` with nothing after it (a link cut short, which the page says).
 */
export function gameIdFromUrl(location: Location = window.location): string | undefined {
  return new URLSearchParams(location.search).get("game") ?? undefined;
}

/** The full link to a game, to share so that others can watch it: this origin's `/?game=<id>`. */
export function gameUrl(gameId: string, location: Location = window.location): string {
  const url = new URL("/", location.origin);
  url.searchParams.set("game", gameId);
  return url.href;
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
