/**
 * Jest runs TypeScript through ts-jest in transpile-only mode (tsconfig has isolatedModules);
 * `npm run typecheck` does the type checking. ts-jest is plain JavaScript: no native binary that a
 * registry might not carry for some platform (which broke `npm ci` with @swc/core).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
};
