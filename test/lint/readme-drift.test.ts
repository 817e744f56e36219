import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PUBLIC_CODES } from "../../src/graphql/error-mapping";
import { KNOWN_CODES, OK } from "../../src/graphql/server-metrics";
import { loadConfig } from "../../src/infrastructure/config";

/**
 * The README's configuration and error tables against the code: a variable or an error code added
 * without a line in the README (or a line left behind when one goes) fails here.
 */
const root = path.resolve(__dirname, "..", "..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");

/** The text of the README's `## title` section, up to the next `## ` heading. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** Every `.ts` file under a folder of the repository, with its text. */
function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => ({ file, text: readFileSync(path.join(root, dir, file), "utf8") }));
}

describe("the README", () => {
  it("has a configuration row for every variable loadConfig reads, and none for a variable it does not", () => {
    const read = new Set<string>();
    const env: NodeJS.ProcessEnv = new Proxy(
      {},
      {
        get: (_target, key) => {
          if (typeof key === "string") read.add(key);
          return undefined;
        },
      },
    );
    loadConfig(env);
    const rows = [...section("Configuration").matchAll(/^\| `([A-Z][A-Z0-9_]*)`/gm)].map(
      (m) => m[1],
    );

    expect(rows.length).toBeGreaterThan(20);
    expect([...new Set(rows)].sort()).toEqual([...read].sort());
  });

  it("names in its Errors section every error code the server can answer with", () => {
    // Literal codes the API layer puts on its own errors: `code: "X"`, `httpError(413, "X", ...)`
    // (before GraphQL runs), `withCode(error, "X")` (the WebSocket path's defaults).
    const literal =
      /code:\s*"([A-Z][A-Z_]+)"|httpError\(\s*\d+,\s*"([A-Z][A-Z_]+)"|withCode\([^;]*?"([A-Z][A-Z_]+)"\)/g;
    const inSource = new Set(
      sources("src/graphql").flatMap(({ text }) =>
        [...text.matchAll(literal)].map((m) => m[1] ?? m[2] ?? m[3]!),
      ),
    );
    // Apollo only answers it with a persisted-query cache; persistedQueries is false, so a hash
    // gets PERSISTED_QUERY_NOT_SUPPORTED before any lookup.
    const unreachable = new Set(["PERSISTED_QUERY_NOT_FOUND"]);
    const codes = [...new Set([...PUBLIC_CODES, ...KNOWN_CODES, ...inSource])]
      .filter((code) => code !== OK && !unreachable.has(code))
      .sort();
    const documented = new Set(
      [...section("Errors").matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1]),
    );

    expect(inSource.size).toBeGreaterThan(5);
    expect(codes.filter((code) => !documented.has(code))).toEqual([]);
  });

  it("every code a client can read is one the metrics count under its own label", () => {
    const labelled = new Set(KNOWN_CODES);
    expect([...PUBLIC_CODES].filter((code) => !labelled.has(code))).toEqual([]);
  });
});
