import { useRef, useState } from "react";
import { gameUrl } from "./game-link";

/** What the last Copy did: copied to the clipboard, or refused there (the link is selected). */
type CopyOutcome = "copied" | "refused";

/**
 * The game's full link, for someone else to watch it live, with a Copy button. A browser may
 * refuse the clipboard (no permission, or not a secure origin); the link is then selected for
 * the player to copy by hand, and the page says so.
 */
export function ShareLink({ gameId }: { gameId: string }) {
  const url = gameUrl(gameId);
  const field = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<CopyOutcome>();

  const copy = () => {
    setOutcome(undefined);
    const refused = () => {
      field.current?.focus();
      field.current?.select();
      setOutcome("refused");
    };
    // navigator.clipboard is missing outside secure origins (http on another host than localhost).
    if (!("clipboard" in navigator)) return refused();
    navigator.clipboard.writeText(url).then(() => setOutcome("copied"), refused);
  };

  return (
    <div className="share" data-testid="share">
      <label htmlFor="share-link" className="share-label">
        Share this link to let someone watch live:
      </label>
      <div className="share-row">
        <input
          id="share-link"
          className="share-url"
          data-testid="game-link"
          readOnly
          value={url}
          ref={field}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="share-copy" data-testid="copy-link" onClick={copy}>
          Copy
        </button>
      </div>
      {/* A status region: the outcome is announced, not only shown. */}
      <p className="share-status" role="status" data-testid="copy-status">
        {outcome === "copied" && "Copied"}
        {outcome === "refused" &&
          "This browser did not allow copying: the link is selected, copy it with Ctrl+C (or ⌘C)."}
      </p>
    </div>
  );
}
