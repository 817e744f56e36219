import { GraphQLError, locatedError } from "graphql";
import { pino } from "pino";
import { DomainError } from "../../src/domain/domain-error";
import { formatError } from "../../src/graphql/error-mapping";
import { bearerToken } from "../../src/graphql/context";

/**
 * A domain error as it reaches formatError in production, over HTTP and WebSocket alike: thrown
 * by a resolver (or a subscribe function) and wrapped by graphql-js's execution with its path.
 */
function thrownByResolver(error: DomainError, path: string[] = ["attack"]): GraphQLError {
  return locatedError(error, undefined, path);
}

function capturingLogger(level: "error" | "warn" = "error") {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}

describe("formatError, the one place errors leave the server", () => {
  it("masks an unexpected error as INTERNAL_SERVER_ERROR, with no message, stack or internals, and logs it", () => {
    const { logger, lines } = capturingLogger();
    const bug = new TypeError(
      "Cannot read properties of undefined (reading 'life') at secret/path.ts",
    );
    const error = new GraphQLError(bug.message, { path: ["attack"], originalError: bug });
    const formatted = formatError(
      {
        ...error.toJSON(),
        extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["at secret/path.ts:1"] },
      },
      error,
      { exposeInternals: false, hideSchemaHints: false, logger },
    );
    expect(formatted).toEqual({
      message: "Internal server error",
      path: ["attack"],
      locations: undefined,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: "internal error in a GraphQL operation",
      err: { message: bug.message },
    });
  });

  it("shows the unexpected error as it is in development", () => {
    const { logger } = capturingLogger();
    const error = new GraphQLError("boom", { originalError: new Error("boom") });
    const formatted = formatError(
      { message: "boom", extensions: { code: "INTERNAL_SERVER_ERROR" } },
      error,
      {
        exposeInternals: true,
        hideSchemaHints: false,
        logger,
      },
    );
    expect(formatted).toEqual({ message: "boom", extensions: { code: "INTERNAL_SERVER_ERROR" } });
  });

  it.each([
    ["GAME_NOT_FOUND", "gameId"],
    ["UNAUTHENTICATED", undefined],
    ["FORBIDDEN", undefined],
    ["STORE_UNAVAILABLE", undefined],
    ["STORE_FULL", undefined],
    ["CORRUPT_GAME", undefined],
  ] as const)(
    "a domain %s outside a payload keeps its code and the field at fault",
    (code, field) => {
      const { logger } = capturingLogger();
      const error = thrownByResolver(new DomainError(code, "what was wrong", field));
      // Apollo's own formatting of a resolver's error: code INTERNAL_SERVER_ERROR, and a stack.
      const apollo = {
        ...error.toJSON(),
        extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["at x"] },
      };
      const formatted = formatError(apollo, error, {
        exposeInternals: true,
        hideSchemaHints: false,
        logger,
      });
      expect(formatted).toEqual({
        message: "what was wrong",
        path: ["attack"],
        locations: undefined,
        extensions: { code, ...(field ? { field } : {}) },
      });
    },
  );

  it("logs nothing for a refusal that is the client's business", () => {
    const { logger, lines } = capturingLogger("warn");
    const error = thrownByResolver(new DomainError("FORBIDDEN", "not your game"));
    formatError(error.toJSON(), error, { exposeInternals: false, hideSchemaHints: false, logger });
    expect(lines).toEqual([]);
  });

  it("logs a corrupt game and any other domain error with a cause, at warn", () => {
    const { logger, lines } = capturingLogger("warn");
    const corrupt = thrownByResolver(
      new DomainError("CORRUPT_GAME", "Game g is corrupt in the store: rabbit.life is missing."),
    );
    const cause = new Error("underneath");
    const conflict = thrownByResolver(
      new DomainError("CONFLICT", "changed 9 times", undefined, cause),
      ["updateMonster"],
    );
    for (const error of [corrupt, conflict]) {
      formatError(error.toJSON(), error, {
        exposeInternals: false,
        hideSchemaHints: false,
        logger,
      });
    }
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: "a stored game is corrupt",
        code: "CORRUPT_GAME",
        path: ["attack"],
        detail: "Game g is corrupt in the store: rabbit.life is missing.",
      }),
      expect.objectContaining({
        level: 40,
        msg: "refused with CONFLICT",
        code: "CONFLICT",
        path: ["updateMonster"],
        err: expect.objectContaining({ message: "underneath" }),
      }),
    ]);
  });

  it("keeps an expected refusal's code and message, never a stack, even in development", () => {
    const { logger, lines } = capturingLogger();
    const error = new GraphQLError("The game is over.", {
      extensions: { code: "GAME_OVER", stacktrace: ["at x"] },
    });
    const formatted = formatError(error.toJSON(), error, {
      exposeInternals: true,
      hideSchemaHints: false,
      logger,
    });
    expect(formatted).toEqual({ message: "The game is over.", extensions: { code: "GAME_OVER" } });
    expect(lines).toEqual([]);
  });
});

describe("formatError on a refusal Apollo made without a code", () => {
  it("answers BAD_REQUEST for a 4xx, logging nothing", () => {
    const { logger, lines } = capturingLogger();
    const error = new GraphQLError("provided sha does not match query", {
      extensions: { http: { status: 400 } },
    });
    expect(
      formatError(error.toJSON(), error, {
        exposeInternals: false,
        hideSchemaHints: false,
        logger,
      }),
    ).toEqual({
      message: "provided sha does not match query",
      extensions: { code: "BAD_REQUEST" },
    });
    expect(lines).toEqual([]);
  });
});

describe("bearerToken", () => {
  it.each([
    ["Bearer abc123", "abc123"],
    ["bearer abc123", "abc123"],
    ["Bearer   abc123  ", "abc123"],
    ["Bearer", undefined],
    ["Token abc123", undefined],
    ["abc123", undefined],
    ["Bearer a b", undefined],
    [undefined, undefined],
    [42, undefined],
    [`Bearer ${"x".repeat(513)}`, undefined],
  ])("reads %p as %p", (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe("formatError in production", () => {
  it.each([
    [
      'Cannot query field "gamee" on type "Query". Did you mean "game"?',
      'Cannot query field "gamee" on type "Query".',
    ],
    [
      'Variable "$w" got invalid value "BOOMERAN"; Value "BOOMERAN" does not exist in "Weapon" enum. Did you mean the enum value "BOOMERANG"?',
      'Variable "$w" got invalid value "BOOMERAN"; Value "BOOMERAN" does not exist in "Weapon" enum.',
    ],
    [
      'Unknown argument "idd" on field "Query.game". Did you mean "id"?',
      'Unknown argument "idd" on field "Query.game".',
    ],
  ])("drops the schema hint from %p", (message, expected) => {
    const { logger } = capturingLogger();
    const error = new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    const formatted = formatError(error.toJSON(), error, {
      exposeInternals: false,
      hideSchemaHints: true,
      logger,
    });
    expect(formatted.message).toBe(expected);
    expect(formatted.extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
  });

  it("tells the client only that the store is unavailable, and logs the driver's words", () => {
    const { logger, lines } = capturingLogger("warn");
    const cause = new Error(
      "Stream isn't writeable and enableOfflineQueue options is false (10.0.0.7:6379)",
    );
    const domain = new DomainError(
      "STORE_UNAVAILABLE",
      "The game store is unavailable right now; try again shortly.",
      undefined,
      cause,
    );
    const error = thrownByResolver(domain);
    const formatted = formatError(error.toJSON(), error, {
      exposeInternals: false,
      hideSchemaHints: true,
      logger,
    });
    expect(formatted).toEqual({
      message: "The game store is unavailable right now; try again shortly.",
      path: ["attack"],
      locations: undefined,
      extensions: { code: "STORE_UNAVAILABLE" },
    });
    expect(JSON.stringify(formatted)).not.toContain("10.0.0.7");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      msg: "the game store is unavailable",
      code: "STORE_UNAVAILABLE",
      path: ["attack"],
      err: { message: cause.message },
    });
  });

  it("tells the client the store is full, and logs Redis's reply at warn without the command", () => {
    const { logger, lines } = capturingLogger("warn");
    const cause = Object.assign(
      new Error("OOM command not allowed when used memory > 'maxmemory'. script: 5705fcf9"),
      { command: { name: "evalsha", args: ["5705fcf9", "dwemthy:{g}:g", "tokenHash"] } },
    );
    const message = "The game store is full: it refuses new games and moves.";
    const error = thrownByResolver(new DomainError("STORE_FULL", message, undefined, cause));
    const formatted = formatError(error.toJSON(), error, {
      exposeInternals: false,
      hideSchemaHints: true,
      logger,
    });
    expect(formatted).toEqual({
      message,
      path: ["attack"],
      locations: undefined,
      extensions: { code: "STORE_FULL" },
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: "the game store is full and refuses writes (maxmemory reached)",
        code: "STORE_FULL",
        err: expect.objectContaining({ message: cause.message }) as unknown,
      }),
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/evalsha|tokenHash/);
  });

  it("lets TOO_MANY_SUBSCRIPTIONS through as it is, logging nothing", () => {
    const { logger, lines } = capturingLogger("warn");
    const error = new GraphQLError("This connection already runs 20 operations.", {
      extensions: { code: "TOO_MANY_SUBSCRIPTIONS" },
    });
    const formatted = formatError(error.toJSON(), error, {
      exposeInternals: false,
      hideSchemaHints: true,
      logger,
    });
    expect(formatted).toEqual({
      message: "This connection already runs 20 operations.",
      extensions: { code: "TOO_MANY_SUBSCRIPTIONS" },
    });
    expect(lines).toEqual([]);
  });
});
