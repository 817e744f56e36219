import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ERROR_CODES, PUBLIC_CODES } from "../../src/graphql/error-codes";
import { KNOWN_CODES } from "../../src/graphql/server-metrics";

const root = path.resolve(__dirname, "..", "..");

/** The text of every `.ts` file under src/graphql. */
function graphqlSources(): string[] {
  const dir = path.join(root, "src", "graphql");
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => readFileSync(path.join(dir, file), "utf8"));
}

describe("the error codes", () => {
  it("every code the API layer writes as a literal is one of ERROR_CODES", () => {
    // `code: "X"` on a GraphQLError's extensions (typed calls such as sendRefusal are checked by tsc).
    const literal = /code:\s*"([A-Z][A-Z_]+)"/g;
    const written = new Set(
      graphqlSources().flatMap((text) => [...text.matchAll(literal)].map((m) => m[1]!)),
    );

    expect(written.size).toBeGreaterThan(3);
    expect([...written].filter((code) => !(code in ERROR_CODES))).toEqual([]);
  });

  it("each has its own metrics label; every one but a masked bug is shown as it is", () => {
    expect(KNOWN_CODES).toEqual(["OK", ...Object.keys(ERROR_CODES)]);
    expect([...PUBLIC_CODES].sort()).toEqual(
      Object.keys(ERROR_CODES)
        .filter((code) => code !== "INTERNAL_SERVER_ERROR")
        .sort(),
    );
  });
});
