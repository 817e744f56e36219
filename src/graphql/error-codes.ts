import type { DomainErrorCode } from "../domain/domain-error";

/**
 * Every code a client can meet, each said once, with what it means. The codes of a mutation's
 * expected outcomes (a game that is not there, a game over, a conflict, bad monsters) reach the
 * client as data, in the payload's `userErrors`, typed by the mutation's own enum; the rest are
 * not the operation's business and come as top-level `errors` with `extensions.code`.
 */
export const ERROR_CODES = {
  // Expected outcomes of an operation, in the mutations' userErrors.
  GAME_NOT_FOUND:
    "There is no game with this id: never started, abandoned, or expired after a long time without a move.",
  MONSTER_NOT_FOUND: "The game has no such monster in its array (it died, or never was).",
  GAME_OVER: "Dwemthy's Array is decimated: no weapon can be used any more.",
  CONFLICT:
    "The game is not at the turn or version the operation expected (or it changed under the request too often): nothing was applied.",
  INVALID_MONSTER: "A monster's name or stats break the bounds the input's description gives.",
  INVALID_SEED: "The seed is not a 32-bit whole number.",
  // Not the operation's business: top-level errors.
  BAD_USER_INPUT:
    "An argument the schema allows but the operation cannot take (a page size, a cursor, a turn number).",
  GRAPHQL_PARSE_FAILED: "The document is not GraphQL.",
  GRAPHQL_VALIDATION_FAILED:
    "The document does not fit the schema or the server's limits (depth, cost, aliases).",
  BAD_REQUEST: "The HTTP request is malformed (body, variables, headers).",
  UNSUPPORTED_MEDIA_TYPE: "The request's content type is not application/json.",
  PAYLOAD_TOO_LARGE: "The request body is over the size limit.",
  PERSISTED_QUERY_NOT_SUPPORTED: "Automatic persisted queries are turned off.",
  OPERATION_RESOLUTION_FAILURE: "The document has several operations and none was named.",
  UNAUTHENTICATED: "The operation needs the player's token (`Authorization: Bearer <token>`).",
  FORBIDDEN: "The token given is not the player token of this game.",
  RATE_LIMITED: "Over this client's budget: `retryAfterSeconds` says when to try again.",
  TOO_MANY_SUBSCRIPTIONS: "One operation too many on this WebSocket connection.",
  STORE_UNAVAILABLE:
    "The game store did not answer in time: a change may or may not be applied; retrying with the expected turn or version is safe.",
  STORE_FULL: "The game store is full and refuses new writes; reads still work.",
  CORRUPT_GAME: "The stored game holds a value no game can have; nothing was written.",
  INTERNAL_SERVER_ERROR: "A bug: logged on the server, no detail shown.",
} as const satisfies Record<DomainErrorCode, string> & Record<string, string>;

/** A code a client can meet. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Codes whose errors a client reads as they are: every code but a masked bug. */
export const PUBLIC_CODES: ReadonlySet<string> = new Set(
  Object.keys(ERROR_CODES).filter((code) => code !== "INTERNAL_SERVER_ERROR"),
);
