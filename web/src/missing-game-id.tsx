/**
 * What a link ending in `?game=` with no id shows: it names no game (it was probably cut short),
 * so there is nothing to watch; the start form is one click away.
 */
export function MissingGameId({ onStartNew }: { onStartNew: () => void }) {
  return (
    <div className="notice notice-error" role="alert" data-testid="missing-game-id">
      <strong className="notice-title">This link has no game id</strong>
      <p className="notice-detail">
        It ends in <code>?game=</code> with nothing after it, so it names no game: it was probably
        cut short. Ask for the whole link, or start a game of your own.
      </p>
      <p className="notice-detail">
        <button type="button" className="primary" data-testid="start-new" onClick={onStartNew}>
          Start a game
        </button>
      </p>
    </div>
  );
}
