import { useRef, useState } from "react";
import { useClient } from "urql";
import { BattleLog } from "./battle-log";
import { CreatureCard } from "./creature-card";
import { describeError, describeUserError, reportFor, type ErrorReport } from "./describe-error";
import { ErrorNotice } from "./error-notice";
import { Icon } from "./icon";
import type { Weapon } from "./gql/graphql";
import { AttackMutation } from "./operations";
import { readPlayerToken } from "./player-token";
import { ShareLink } from "./share-link";
import { useBattleLog } from "./use-battle-log";
import { useGame } from "./use-game";
import { WaitingMonsters } from "./waiting-monsters";
import { WeaponButtons } from "./weapon-buttons";

/** The rabbit's life at the start of every game (docs/rules.md). */
const RABBIT_START_LIFE = 10;

/** Codes after which the board is read again: the game is not what this tab thought. */
const REREAD_AFTER = new Set([
  "CONFLICT",
  "GAME_OVER",
  "GAME_NOT_FOUND",
  "STORE_UNAVAILABLE",
  "NETWORK_ERROR",
]);

/**
 * Remembers the first life seen per monster, as its starting life: the API gives current life
 * only, and a monster's starting life is known from its time in the waiting list (a watcher who
 * arrives mid-fight sees the front monster's life at that moment).
 */
function useStartLife(): (key: string, life: number) => number {
  const seen = useRef(new Map<string, number>());
  return (key, life) => {
    const start = seen.current.get(key) ?? life;
    seen.current.set(key, start);
    return start;
  };
}

/** One game: the fight, the weapons (for the tab holding the token), the live log. */
export function GameView({ gameId }: { gameId: string }) {
  const client = useClient();
  const [token] = useState(() => readPlayerToken(gameId));
  // The game as the cache holds it: each turn of the feed carries the game after it into the
  // cache, so the board follows the battle (played here or elsewhere) with no read per turn.
  const { game, error: readError, refresh } = useGame(gameId);
  const { log, status, error: feedError } = useBattleLog(client, gameId);
  const [attacking, setAttacking] = useState(false);
  const [actionError, setActionError] = useState<ErrorReport>();
  const startLife = useStartLife();

  const attack = (weapon: Weapon) => {
    if (!game || !token || attacking) return;
    setAttacking(true);
    setActionError(undefined);
    void client
      .mutation(
        AttackMutation,
        { input: { gameId, weapon, expectedTurn: game.turn } },
        { fetchOptions: { headers: { authorization: `Bearer ${token}` } } },
      )
      .toPromise()
      .then((result) => {
        setAttacking(false);
        // A played turn needs nothing here: its game is in the cache, and the board with it.
        const refusal = result.data?.attack?.userErrors[0];
        const report = refusal
          ? describeUserError(refusal)
          : result.error && describeError(result.error);
        if (!report) return;
        setActionError(report);
        if (REREAD_AFTER.has(report.code)) refresh();
      });
  };

  // The `game` query answers null for an id with no game: the same outcome as GAME_NOT_FOUND.
  if (game === null) return <ErrorNotice report={reportFor("GAME_NOT_FOUND")} />;
  if (game === undefined) {
    const report = readError ?? feedError;
    return report ? <ErrorNotice report={report} /> : <p className="muted">Loading the game…</p>;
  }

  // A feed that ended means the game is gone: nothing to share or play any more.
  const gone = status === "ended";
  const backgroundError = readError ?? feedError ?? (gone ? reportFor("GAME_GONE") : undefined);
  const won = game.status === "VICTORY";
  const monster = game.currentMonster;
  for (const waiting of game.waitingMonsters) startLife(waiting.id, waiting.life);

  return (
    <div className="game" data-testid="game" data-game-id={game.id}>
      <div className="game-bar">
        <span>
          Turn <strong data-testid="turn">{game.turn}</strong>
        </span>
        <span>
          <strong data-testid="monsters-remaining">{game.monstersRemaining}</strong> monster
          {game.monstersRemaining === 1 ? "" : "s"} left
        </span>
        <span className={`tag tag-${gone ? "gone" : won ? "won" : "on"}`} data-testid="status">
          {gone ? "GONE" : won ? "VICTORY" : "IN PROGRESS"}
        </span>
      </div>

      {!gone && <ShareLink gameId={game.id} />}

      {token === undefined && (
        <div className="notice notice-info" data-testid="watching-note">
          <strong className="notice-title">Watching</strong>
          <p className="notice-detail">
            You are watching this battle live. Only the tab that started it holds the player token
            and can attack.
          </p>
        </div>
      )}

      {won && (
        <div className="notice notice-victory" data-testid="victory">
          <strong className="notice-title">
            <Icon name="trophy" className="victory-icon" /> Victory!
          </strong>
          <p className="notice-detail">
            {token === undefined ? "The rabbit" : "You"} decimated Dwemthy&apos;s Array in{" "}
            {game.turn} turn{game.turn === 1 ? "" : "s"}.
          </p>
        </div>
      )}

      {actionError && <ErrorNotice report={actionError} />}
      {!actionError && backgroundError && <ErrorNotice report={backgroundError} />}

      <div className="arena">
        <CreatureCard
          role="rabbit"
          name="Rabbit"
          stats={game.rabbit}
          startLife={RABBIT_START_LIFE}
          dead={!game.rabbit.alive}
        />
        <span className="versus" aria-hidden="true">
          vs
        </span>
        {monster ? (
          <CreatureCard
            role="monster"
            name={monster.name}
            stats={monster}
            startLife={startLife(monster.id, monster.life)}
            dead={monster.life <= 0}
          />
        ) : (
          <section className="card creature creature-none">
            <p className="muted">Every monster of the array is defeated.</p>
          </section>
        )}
      </div>

      <WeaponButtons
        bombs={game.rabbit.bombs}
        disabled={won || gone || token === undefined || attacking}
        onAttack={attack}
      />

      <div className="columns">
        <BattleLog log={log} status={status} />
        <WaitingMonsters monsters={game.waitingMonsters} />
      </div>
    </div>
  );
}
