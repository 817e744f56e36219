import { useCallback, useRef } from "react";
import { useQuery } from "urql";
import { describeError, type ErrorReport } from "./describe-error";
import type { GameFieldsFragment } from "./gql/graphql";
import { GameQuery } from "./operations";

/** The game as last read: undefined while loading, null when the server has no such game. */
export type GameSnapshot = GameFieldsFragment | null | undefined;

/**
 * The game as the page's cache holds it. The cache is fed by everything that carries the game (the
 * start's payload, this read, every attack's reply and every turn of the live feed), so this one
 * query follows the battle without reading it again; a game this tab just started is not read at
 * all. `refresh` reads it from the server, for when the tab learns it is behind (a CONFLICT).
 */
export function useGame(gameId: string): {
  game: GameSnapshot;
  error: ErrorReport | undefined;
  refresh: () => void;
} {
  const [{ data, error }, reexecute] = useQuery({ query: GameQuery, variables: { id: gameId } });
  // A read that fails (the server gone) comes back without data: the board keeps the game it
  // showed rather than blanking, and the error says why it may be behind.
  const shown = useRef<GameSnapshot>(undefined);
  if (data !== undefined) shown.current = data.game ?? null;
  const refresh = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  return { game: shown.current, error: error && describeError(error), refresh };
}
