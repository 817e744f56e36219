import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");

interface LintMessage {
  line: number;
  ruleId: string | null;
  message: string;
}

/** The rules that guard the layers' boundaries. */
const BOUNDARY_RULES = new Set(["no-restricted-imports", "no-restricted-syntax"]);

/**
 * Lints `source` as if it were the file `asFile` (the real eslint.config.mjs, the real CLI), and
 * returns the boundary findings by line. `asFile` must exist so that typed linting accepts it; the
 * text linted is `source`, not that file.
 */
export async function lintAs(asFile: string, source: string): Promise<Map<number, string[]>> {
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
  const byLine = new Map<number, string[]>();
  for (const m of result.messages) {
    if (m.ruleId === null || !BOUNDARY_RULES.has(m.ruleId)) continue;
    byLine.set(m.line, [...(byLine.get(m.line) ?? []), m.ruleId]);
  }
  return byLine;
}
