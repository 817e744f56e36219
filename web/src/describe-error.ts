import type { CombinedError } from "@urql/core";

/**
 * An error as the page shows it: what happened and what to do, in the page's own words (never
 * GraphQL's), and the code it came with.
 */
export interface ErrorReport {
  /**
   * A mutation's `userErrors[].code`, a top-level `extensions.code`, or one of the page's own:
   * NETWORK_ERROR when no GraphQL answer came back, GAME_GONE when the live feed ended.
   */
  code: string;
  title: string;
  detail: string;
}

/** One of a payload's `userErrors`, as every mutation's own kind has it. */
export interface UserError {
  code: string;
  /** The path to the input at fault, e.g. ["input", "monsters", "1", "life"]; null for none. */
  field?: readonly string[] | null;
  message: string;
}

const TRY_AGAIN = "Try again in a moment.";

const advice: Record<string, (retryAfterSeconds?: number) => Omit<ErrorReport, "code">> = {
  // The expected outcomes of a mutation, from its payload's userErrors.
  GAME_NOT_FOUND: () => ({
    title: "No such game",
    detail:
      "This game does not exist: the link may be mistyped, the game was abandoned, or it expired after a long time without a move. Start a new one.",
  }),
  MONSTER_NOT_FOUND: () => ({
    title: "No such monster",
    detail: "That monster is no longer in the array: it died, or never was. Nothing was changed.",
  }),
  GAME_OVER: () => ({
    title: "The battle is over",
    detail: "Dwemthy's Array is already decimated: no weapon can be used any more.",
  }),
  CONFLICT: () => ({
    title: "The game moved on",
    detail:
      "Another turn was played before this one reached the server, so nothing was applied. The board now shows the latest turn: choose again.",
  }),
  INVALID_MONSTER: () => ({
    title: "A monster is out of bounds",
    detail:
      "A custom array holds 1 to 100 monsters, each named with 1 to 64 printable characters, with life from 1 to 1000000 and the other stats from 0 to 1000000.",
  }),
  INVALID_SEED: () => ({
    title: "That seed cannot be used",
    detail: "The seed must be a whole number from -2147483648 to 2147483647, or left empty.",
  }),
  // Top-level errors: not the operation's business.
  BAD_USER_INPUT: () => ({
    title: "The server refused this page's request",
    detail: "A value the page sent was refused. Reload the page and try again.",
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
  RATE_LIMITED: (retryAfterSeconds) => ({
    title: "Too many requests",
    detail:
      retryAfterSeconds === undefined
        ? `The server is limiting this browser for a while. ${TRY_AGAIN}`
        : `The server is limiting this browser for a while: try again in ${retryAfterSeconds} s.`,
  }),
  TOO_MANY_SUBSCRIPTIONS: () => ({
    title: "Too many live feeds",
    detail: "This page watches more games at once than the server allows. Reload the page.",
  }),
  STORE_UNAVAILABLE: () => ({
    title: "The game store did not answer",
    detail:
      "The server could not reach its store in time. The turn may or may not have been played; trying again is safe, since an attack is sent with the turn you saw and can never play twice.",
  }),
  STORE_FULL: () => ({
    title: "The server is full",
    detail: "The game store takes no new games or turns for now; games can still be watched.",
  }),
  CORRUPT_GAME: () => ({
    title: "This game is damaged",
    detail: "The server holds this game in a state no game can have, so it cannot be played.",
  }),
  GRAPHQL_VALIDATION_FAILED: () => ({
    title: "This page does not match the server",
    detail:
      "The server refused the page's request as invalid: the page is probably out of date. Reload it.",
  }),
  GRAPHQL_PARSE_FAILED: () => ({
    title: "This page does not match the server",
    detail: "The server could not read the page's request. Reload the page.",
  }),
  INTERNAL_SERVER_ERROR: () => ({
    title: "The server hit a bug",
    detail: `Something went wrong on the server; it has been logged. ${TRY_AGAIN}`,
  }),
  // The page's own: the server completed the live feed, which it does only for a game that is gone.
  GAME_GONE: () => ({
    title: "This game is gone",
    detail:
      "Its live feed has ended: the game was abandoned, or it expired after a long time without a move. The board shows it as it last stood. Start a new one.",
  }),
  NETWORK_ERROR: () => ({
    title: "Cannot reach the server",
    detail: "The request did not get through. Check that the server is running, then try again.",
  }),
};

/**
 * A readable report for any code. An unknown code gets a general sentence, not the server's
 * message: that is written for developers, and a top-level one may be GraphQL's own wording.
 */
export function reportFor(code: string, retryAfterSeconds?: number): ErrorReport {
  const known = advice[code];
  const text = known
    ? known(retryAfterSeconds)
    : {
        title: "The request was refused",
        detail: `The server gave no usable reason. ${TRY_AGAIN}`,
      };
  return { code, ...text };
}

/**
 * The report of a mutation's refusal, from its payload's `userErrors`: by its code, in the page's
 * words. Its `message` is not shown: it names the input a developer's way (`monsters[1].life`);
 * the start form says which input from `field` instead.
 */
export function describeUserError(userError: UserError): ErrorReport {
  return reportFor(userError.code);
}

/**
 * Reads the first error of an urql result: the server's `extensions.code` for a GraphQL error,
 * NETWORK_ERROR when no answer came (a refusal before GraphQL, such as a 413, still carries a
 * GraphQL-shaped body and a code, which urql reads as a GraphQL error).
 */
export function describeError(error: CombinedError): ErrorReport {
  const first = error.graphQLErrors[0];
  if (!first) return reportFor("NETWORK_ERROR");
  const { code, retryAfterSeconds } = first.extensions;
  return reportFor(
    typeof code === "string" ? code : "UNKNOWN",
    typeof retryAfterSeconds === "number" ? retryAfterSeconds : undefined,
  );
}
