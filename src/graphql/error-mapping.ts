import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import type { MiddlewareFn } from "type-graphql";
import { DomainError, type DomainErrorCode } from "../domain/domain-error";

/** The `extensions.code` a client sees for each domain failure. */
const GRAPHQL_CODE: Record<DomainErrorCode, string> = {
  INVALID_MONSTER: "BAD_USER_INPUT",
  INVALID_SEED: "BAD_USER_INPUT",
  GAME_OVER: "GAME_OVER",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  CORRUPT_GAME: "CORRUPT_GAME",
  STORE_UNAVAILABLE: "STORE_UNAVAILABLE",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
};

/** Codes whose errors a client may read as they are; anything else is masked. */
const PUBLIC_CODES = new Set([
  ...Object.values(GRAPHQL_CODE),
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/** A domain failure as the GraphQL error a client sees: its code, and the input field at fault. */
export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      code: GRAPHQL_CODE[error.code],
      ...(error.code !== GRAPHQL_CODE[error.code] ? { reason: error.code } : {}),
      ...(error.field ? { field: error.field } : {}),
    },
  });
}

/** A refused argument, for checks that belong to the API rather than the game. */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", field } });
}

/** Turns domain failures thrown by any resolver into their GraphQL errors; lets bugs through. */
export const DomainErrorMiddleware: MiddlewareFn = async (_, next) => {
  try {
    return (await next()) as unknown;
  } catch (error) {
    if (error instanceof DomainError) throw toGraphQLError(error);
    throw error;
  }
};

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
 * The one place errors leave the server, over HTTP and WebSocket: expected ones keep their code
 * and message; anything else is logged and masked as INTERNAL_SERVER_ERROR, without stack or
 * internals unless `exposeInternals`.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: ErrorFormatting,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    if (original.code === "STORE_UNAVAILABLE") {
      options.logger.warn(
        { err: original.cause, path: formatted.path },
        "the game store is unavailable",
      );
    }
    const mapped = toGraphQLError(original);
    return { ...formatted, message: mapped.message, extensions: mapped.extensions };
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
