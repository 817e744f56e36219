import { GraphQLError } from "graphql";
import { pino } from "pino";
import { DomainError } from "../../src/domain/domain-error";
import { formatError, toGraphQLError } from "../../src/graphql/error-mapping";
import { bearerToken } from "../../src/graphql/context";

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: "error" },
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
      { exposeInternals: false, logger },
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
        logger,
      },
    );
    expect(formatted).toEqual({ message: "boom", extensions: { code: "INTERNAL_SERVER_ERROR" } });
  });

  it.each([
    ["GAME_OVER", "GAME_OVER", undefined],
    ["NOT_FOUND", "NOT_FOUND", "gameId"],
    ["CONFLICT", "CONFLICT", undefined],
    ["UNAUTHENTICATED", "UNAUTHENTICATED", undefined],
    ["FORBIDDEN", "FORBIDDEN", undefined],
    ["STORE_UNAVAILABLE", "STORE_UNAVAILABLE", undefined],
    ["CORRUPT_GAME", "CORRUPT_GAME", undefined],
    ["INVALID_MONSTER", "BAD_USER_INPUT", "monsters[1].life"],
    ["INVALID_SEED", "BAD_USER_INPUT", "seed"],
  ] as const)("maps the domain's %s to %s, with the field at fault", (domainCode, code, field) => {
    const mapped = toGraphQLError(new DomainError(domainCode, "what was wrong", field));
    expect(mapped.message).toBe("what was wrong");
    expect(mapped.extensions).toEqual({
      code,
      ...(code !== domainCode ? { reason: domainCode } : {}),
      ...(field ? { field } : {}),
    });
  });

  it("keeps an expected refusal's code and message, never a stack, even in development", () => {
    const { logger, lines } = capturingLogger();
    const error = toGraphQLError(new DomainError("GAME_OVER", "Game g is over"));
    const formatted = formatError(
      { message: error.message, extensions: { ...error.extensions, stacktrace: ["at x"] } },
      error,
      { exposeInternals: true, logger },
    );
    expect(formatted).toEqual({ message: "Game g is over", extensions: { code: "GAME_OVER" } });
    expect(lines).toEqual([]);
  });
});

describe("formatError on a refusal Apollo made without a code", () => {
  it("answers BAD_REQUEST for a 4xx, logging nothing", () => {
    const { logger, lines } = capturingLogger();
    const error = new GraphQLError("provided sha does not match query", {
      extensions: { http: { status: 400 } },
    });
    expect(formatError(error.toJSON(), error, { exposeInternals: false, logger })).toEqual({
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
