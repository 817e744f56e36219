import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { DomainError } from "../domain/domain-error";
import { PUBLIC_CODES } from "./error-codes";

/** The extensions a client sees for a domain failure: its code, and the input field at fault. */
function domainExtensions(error: DomainError): Record<string, string> {
  return { code: error.code, ...(error.field ? { field: error.field } : {}) };
}

/** A refused argument, for checks that belong to the API rather than the game. */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", field } });
}

// graphql's suggestions, e.g. ` Did you mean "game"?` or ` Did you mean the enum value "BOMB"?`.
const SCHEMA_HINT = /\s*Did you mean [^?]*\?/g;

function withoutSchemaHints(message: string): string {
  return message.replace(SCHEMA_HINT, "");
}

/** Options of {@link formatError}. */
export interface ErrorFormatting {
  /** Show internal errors as they are, with stack (NODE_ENV=development only). */
  exposeInternals: boolean;
  /** Drop graphql's "Did you mean ...?" hints, which reveal the schema (NODE_ENV=production). */
  hideSchemaHints: boolean;
  logger: Logger;
}

/**
 * The one place errors leave the server, over HTTP (Apollo's formatError) and WebSocket
 * (graphql-ws's onNext and onError) alike, and the one place a DomainError becomes a GraphQL
 * error. Resolvers let domain errors through as they are, so this sees the original with its
 * cause: a store failure or a corrupt game is logged here with what lay beneath it. Expected
 * refusals keep their code and message; anything else is logged and masked as
 * INTERNAL_SERVER_ERROR, without stack or internals unless `exposeInternals`.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: ErrorFormatting,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    logDomainError(original, formatted, options.logger);
    // The domain's message is written for the client; Apollo's stack and code are not.
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: domainExtensions(original),
    };
  }
  if (options.hideSchemaHints)
    formatted = { ...formatted, message: withoutSchemaHints(formatted.message) };
  const code = formatted.extensions?.code;
  if (typeof code === "string" && PUBLIC_CODES.has(code)) {
    // An expected refusal is the client's to read: its message says it all, a stack adds nothing.
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const status = (formatted.extensions?.http as { status?: number } | undefined)?.status;
  if (code === undefined && status !== undefined && status >= 400 && status < 500) {
    // Apollo's own refusals of a malformed request sometimes carry no code: they are the client's.
    return { message: formatted.message, extensions: { code: "BAD_REQUEST" } };
  }
  options.logger.error(
    { err: original, path: formatted.path },
    "internal error in a GraphQL operation",
  );
  if (options.exposeInternals) return formatted;
  return {
    message: "Internal server error",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}

/**
 * Refusals are the client's business and are not logged, except those an operator must hear of:
 * the store failing or full (with the driver's words, never shown to the client), a damaged stored game,
 * and any other domain error that carries a cause.
 */
function logDomainError(
  error: DomainError,
  formatted: GraphQLFormattedError,
  logger: Logger,
): void {
  const context = { code: error.code, path: formatted.path, err: error.cause };
  if (error.code === "STORE_UNAVAILABLE") logger.warn(context, "the game store is unavailable");
  else if (error.code === "STORE_FULL")
    // Every write is refused alike while it lasts: Redis's reply says it all, the command adds noise.
    logger.warn(
      { ...context, err: { message: (error.cause as Error | undefined)?.message } },
      "the game store is full and refuses writes (maxmemory reached)",
    );
  else if (error.code === "CORRUPT_GAME")
    logger.warn({ ...context, detail: error.message }, "a stored game is corrupt");
  else if (error.cause !== undefined) logger.warn(context, `refused with ${error.code}`);
}
