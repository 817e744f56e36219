import { useEffect, useRef } from "react";
import type { FeedStatus, LogEntry } from "./use-battle-log";

const STATUS_TEXT: Record<FeedStatus, string> = {
  connecting: "connecting…",
  live: "live",
  reconnecting: "reconnecting…",
  ended: "ended",
};

/** The kind of line, for its colour: the rabbit's doing, the monsters', or the array's. */
function tone(entry: LogEntry): string {
  switch (entry.kind) {
    case "RabbitHitMonsterEvent":
    case "LettuceEatenEvent":
    case "ArrayDecimatedEvent":
      return "good";
    case "MonsterHitRabbitEvent":
    case "RabbitWasTooDeadToFightEvent":
    case "BombsRanOutEvent":
      return "bad";
    case "CreatureDiedEvent":
      return entry.role === "RABBIT" ? "bad" : "good";
    case "MagickPoweredUpEvent":
      return "magick";
    case "MonsterEmergedEvent":
      return "info";
  }
}

/** The battle log as the subscription delivers it, newest at the bottom, kept in view. */
export function BattleLog({ log, status }: { log: LogEntry[]; status: FeedStatus }) {
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" });
  }, [log.length]);

  return (
    <section className="card log">
      <header className="log-head">
        <h2>Battle log</h2>
        <span className={`feed feed-${status}`} data-testid="feed-status">
          {STATUS_TEXT[status]}
        </span>
      </header>
      {/* The scrolling box is focusable so keyboard users can scroll it (axe
          scrollable-region-focusable), and a polite live region (role="log"), so screen readers
          hear each new turn; the list inside keeps its list role (a role on the <ol> itself
          would leave its items outside any list: axe listitem). */}
      <div
        className="log-lines"
        data-testid="log"
        tabIndex={0}
        role="log"
        aria-live="polite"
        aria-label="Battle log"
      >
        <ol className="log-list">
          {log.map((entry, index) => (
            <li
              key={entry.key}
              ref={index === log.length - 1 ? end : undefined}
              className={`log-line log-${tone(entry)}${entry.turn % 2 === 1 ? " log-odd-turn" : ""}`}
              data-turn={entry.turn}
            >
              <span className="log-turn">{entry.turn}</span>
              <span className="log-message" data-testid="log-line">
                {entry.message}
              </span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
