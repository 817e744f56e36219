import type { GameService } from "../domain/game-service";

/** What every resolver gets, over HTTP and WebSocket alike. */
export interface GraphQLContext {
  /** The bearer token sent, if any: proof of owning a game. */
  playerToken?: string;
  /** The use cases (subscriptions reach them here: type-graphql's `subscribe` has no resolver instance). */
  games: GameService;
  /** Who is calling, for per-client rate limits: `req.ip` (TRUST_PROXY decides what it believes). */
  clientAddress?: string;
}

/**
 * The token of an `Authorization: Bearer <token>` value; undefined for anything else, which the
 * use cases then refuse with UNAUTHENTICATED.
 */
export function bearerToken(authorization: unknown): string | undefined {
  if (typeof authorization !== "string") return undefined;
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(authorization);
  return match?.[1];
}
