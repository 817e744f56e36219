import { execFile } from "node:child_process";
import { promisify } from "node:util";
import path from "node:path";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");

interface LintMessage {
  line: number;
  ruleId: string | null;
  message: string;
}

/**
 * Lints `source` as if it were a file of src/domain (the real eslint.config.mjs, the real CLI),
 * and returns the purity findings by line. An existing file name is used so that typed linting
 * accepts it; the text linted is `source`, not that file.
 */
async function lintAsDomainFile(source: string): Promise<Map<number, string[]>> {
  const child = run(
    process.execPath,
    [
      path.join(root, "node_modules/eslint/bin/eslint.js"),
      "--format",
      "json",
      "--stdin",
      "--stdin-filename",
      "src/domain/bestiary.ts",
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
    if (m.ruleId !== "no-restricted-imports" && m.ruleId !== "no-restricted-syntax") continue;
    byLine.set(m.line, [...(byLine.get(m.line) ?? []), m.ruleId]);
  }
  return byLine;
}

describe("the domain-purity lint rule", () => {
  it("refuses every import from outside src/domain and allows ./siblings", async () => {
    const source = [
      /* 1 */ 'import { Game } from "./game";',
      /* 2 */ 'import Redis from "ioredis";',
      /* 3 */ 'import { PureRandDiceFactory } from "../infrastructure/pure-rand-dice-factory";',
      /* 4 */ 'import { readFileSync } from "node:fs";',
      /* 5 */ 'import type { Dice } from "./../domain/dice";',
      /* 6 */ 'export { container } from "tsyringe";',
      /* 7 */ 'const later = import("./weapon");',
      /* 8 */ 'const fs = require("fs");',
      /* 9 */ 'import { BESTIARY } from "./bestiary";',
      /* 10 */ 'import "reflect-metadata";',
      /* 11 */ "export const all = [Game, Redis, PureRandDiceFactory, readFileSync, later, fs, BESTIARY];",
      /* 12 */ "export type D = Dice;",
      "",
    ].join("\n");

    const findings = await lintAsDomainFile(source);

    expect(Object.fromEntries(findings)).toEqual({
      2: ["no-restricted-imports"],
      3: ["no-restricted-imports"],
      4: ["no-restricted-imports"],
      5: ["no-restricted-imports"],
      6: ["no-restricted-imports"],
      7: ["no-restricted-syntax"],
      8: ["no-restricted-syntax"],
      10: ["no-restricted-imports"],
    });
  }, 60_000);
});
