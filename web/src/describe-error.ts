import type { CombinedError } from "@urql/core";

/** An error as the page shows it: what happened, what to do, and the code it came with. */
export interface ErrorReport {
  /** `extensions.code`, or NETWORK_ERROR when no GraphQL answer came back. */
  code: string;
  title: string;
  detail: string;
  /** The input the server named (`extensions.field`), for BAD_USER_INPUT and CONFLICT. */
  field?: string;
}

/** The page's own code for "the game is not there": a `game` query answers null, not an error. */
export const NOT_FOUND = "NOT_FOUND";

const advice: Record<string, (message: string) => Omit<ErrorReport, "code" | "field">> = {
  BAD_USER_INPUT: (message) => ({
    title: "That input was refused",
    detail: message,
  }),
  NOT_FOUND: () => ({
    title: "No such game",
    detail:
      "This game does not exist: the link may be mistyped, or the game expired after a long time without a move. Start a new one.",
  }),
  GAME_OVER: () => ({
    title: "The battle is over",
    detail: "Dwemthy's Array is already decimated: no weapon can be used any more.",
  }),
  UNAUTHENTICATED: () => ({
    title: "Not your game to play",
    detail:
      "This tab holds no valid player token for this game, so it can only watch. Only the tab that started the game can attack.",
  }),
  FORBIDDEN: () => ({
    title: "Wrong player token",
    detail:
      "The token this tab holds belongs to another game, so it can only watch. Only the tab that started the game can attack.",
  }),
  CONFLICT: () => ({
    title: "The game moved on",
    detail:
      "Another turn was played before this one reached the server, so nothing was applied. The board now shows the latest turn: choose again.",
  }),
  STORE_UNAVAILABLE: () => ({
    title: "The game store did not answer",
    detail:
      "The server could not reach its store in time. The turn may or may not have been played; trying again is safe, since an attack is sent with the turn you saw and can never play twice.",
  }),
  GRAPHQL_VALIDATION_FAILED: (message) => ({
    title: "This page does not match the server",
    detail: `The server refused the page's request as invalid (${message}). The page is probably out of date: reload it.`,
  }),
  GRAPHQL_PARSE_FAILED: (message) => ({
    title: "This page does not match the server",
    detail: `The server could not read the page's request (${message}). Reload the page.`,
  }),
  INTERNAL_SERVER_ERROR: () => ({
    title: "The server hit a bug",
    detail: "Something went wrong on the server; it has been logged. Try again in a moment.",
  }),
  NETWORK_ERROR: () => ({
    title: "Cannot reach the server",
    detail: "The request did not get through. Check that the server is running, then try again.",
  }),
};

/** A readable report for any code; unknown codes still show the server's own message. */
export function reportFor(code: string, message = "", field?: string): ErrorReport {
  const known = advice[code];
  const text = known
    ? known(message)
    : { title: "The request was refused", detail: message || "No reason was given." };
  return field === undefined ? { code, ...text } : { code, ...text, field };
}

/**
 * Reads the first error of an urql result: the server's `extensions.code` and `field` for a
 * GraphQL error, NETWORK_ERROR when no answer came (a refusal before GraphQL, such as a 413, still
 * carries a GraphQL-shaped body and a code, which urql reads as a GraphQL error).
 */
export function describeError(error: CombinedError): ErrorReport {
  const first = error.graphQLErrors[0];
  if (!first) return reportFor("NETWORK_ERROR", error.networkError?.message ?? error.message);
  const code = typeof first.extensions.code === "string" ? first.extensions.code : "UNKNOWN";
  const field = typeof first.extensions.field === "string" ? first.extensions.field : undefined;
  return reportFor(code, first.message, field);
}
