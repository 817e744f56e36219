import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");

/** One ESLint finding, as its JSON formatter writes it. */
export interface LintMessage {
  line: number;
  ruleId: string | null;
  message: string;
}

/** The rules that guard the layers' boundaries. */
const BOUNDARY_RULES = new Set(["no-restricted-imports", "no-restricted-syntax"]);

/**
 * Lints `source` as if it were the file `asFile` (the real eslint.config.mjs, the real CLI), and
 * returns every message. `asFile` must exist so that typed linting accepts it; the text linted is
 * `source`, not that file (rules that read the whole schema, for a .graphql file, still load the
 * schema from disk).
 */
export async function lintMessages(asFile: string, source: string): Promise<LintMessage[]> {
  const child = run(
    process.execPath,
    [
      path.join(root, "node_modules/eslint/bin/eslint.js"),
      "--format",
      "json",
      "--stdin",
      "--stdin-filename",
      asFile,
    ],
    { cwd: root },
  );
  child.child.stdin?.end(source);
  const output = await child.then(
    (r) => r.stdout,
    (e: { stdout?: string }) => e.stdout ?? "",
  );
  const [result] = JSON.parse(output) as [{ messages: LintMessage[] }];
  return result.messages;
}

/** Like {@link lintMessages}, keeping only the boundary findings, by line. */
export async function lintAs(asFile: string, source: string): Promise<Map<number, string[]>> {
  const byLine = new Map<number, string[]>();
  for (const m of await lintMessages(asFile, source)) {
    if (m.ruleId === null || !BOUNDARY_RULES.has(m.ruleId)) continue;
    byLine.set(m.line, [...(byLine.get(m.line) ?? []), m.ruleId]);
  }
  return byLine;
}
