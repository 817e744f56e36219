import { useEffect, useState } from "react";
import { gameIdFromUrl, showGameInUrl } from "./game-link";
import { GameView } from "./game-view";
import { Icon } from "./icon";
import { MissingGameId } from "./missing-game-id";
import { savePlayerToken } from "./player-token";
import { StartForm } from "./start-form";

/**
 * The page: the start form, or the game the URL names (its share link is the game view's, shown
 * once the game is known to exist), or what a link naming no game (`/?game=`) means.
 */
export function App() {
  const [gameId, setGameId] = useState(() => gameIdFromUrl());

  // Back and Forward show the game (or start page) the URL names, from the page's cache.
  useEffect(() => {
    const follow = () => setGameId(gameIdFromUrl());
    window.addEventListener("popstate", follow);
    return () => window.removeEventListener("popstate", follow);
  }, []);

  const open = (id: string | undefined) => {
    showGameInUrl(id);
    setGameId(id);
  };

  return (
    <div className="page">
      <header className="masthead">
        <h1>
          <Icon name="rabbit" className="masthead-icon" /> Dwemthy&apos;s Array
        </h1>
        <p className="tagline">
          A rabbit with a boomerang, a sword, lettuce and three bombs, against a queue of monsters.
        </p>
        {gameId !== undefined && (
          <nav className="masthead-nav">
            <a
              href="/"
              data-testid="new-game"
              onClick={(e) => {
                e.preventDefault();
                open(undefined);
              }}
            >
              ← new game
            </a>
          </nav>
        )}
      </header>
      <main>
        {gameId === "" ? (
          <MissingGameId onStartNew={() => open(undefined)} />
        ) : gameId === undefined ? (
          <StartForm
            onStarted={(id, token) => {
              savePlayerToken(id, token);
              open(id);
            }}
          />
        ) : (
          // key: a new game is a new view, with its own feed and state.
          <GameView key={gameId} gameId={gameId} />
        )}
      </main>
    </div>
  );
}
