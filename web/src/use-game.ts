import type { Client } from "@urql/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { describeError, type ErrorReport } from "./describe-error";
import type { GameFieldsFragment } from "./gql/graphql";
import { GameQuery } from "./operations";

/** The game as last read: undefined while loading, null when the server has no such game. */
export type GameSnapshot = GameFieldsFragment | null | undefined;

/**
 * The game's state, from the `game` query, every attack's reply and every turn of the live feed
 * (`offer`), whichever is newest (`version` grows with every change): replies, reads and turns can
 * arrive out of order, and an older one must never undo a newer one.
 */
export function useGame(
  client: Client,
  gameId: string,
): {
  game: GameSnapshot;
  error: ErrorReport | undefined;
  offer: (game: GameFieldsFragment | null) => void;
  refresh: () => void;
} {
  const [game, setGame] = useState<GameSnapshot>();
  const [error, setError] = useState<ErrorReport>();
  const mounted = useRef(true);

  const offer = useCallback((next: GameFieldsFragment | null) => {
    setGame((current) => (!current || !next || next.version >= current.version ? next : current));
  }, []);

  const refresh = useCallback(() => {
    void client
      .query(GameQuery, { id: gameId })
      .toPromise()
      .then((result) => {
        if (!mounted.current) return;
        if (result.error) {
          setError(describeError(result.error));
          return;
        }
        setError(undefined);
        if (result.data) offer(result.data.game ?? null);
      });
  }, [client, gameId, offer]);

  useEffect(() => {
    mounted.current = true;
    refresh();
    return () => {
      mounted.current = false;
    };
  }, [refresh]);

  return { game, error, offer, refresh };
}
