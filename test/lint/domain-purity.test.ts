import { lintAs } from "./lint-as";

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

    const findings = await lintAs("src/domain/bestiary.ts", source);

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
