import { readFileSync } from "node:fs";
import path from "node:path";
import { ERROR_CODES } from "../../src/graphql/error-codes";
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

  it("names in its Errors section every error code a client can meet, and no other", () => {
    const documented = new Set(
      [...section("Errors").matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1]),
    );

    expect(Object.keys(ERROR_CODES).filter((code) => !documented.has(code))).toEqual([]);
  });
});
