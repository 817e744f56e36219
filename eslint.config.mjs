// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * The domain is pure: it may import only its own flat folder, written as "./sibling".
 * Everything else (packages, node:*, other layers, anything that climbs with "..") is refused,
 * so the boundary cannot erode silently. test/lint/domain-purity.test.ts proves it bites.
 */
const domainPurity = {
  files: ["src/domain/**/*.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            regex: "^(?!\\./)|\\.\\.",
            message:
              "src/domain is pure: import only ./siblings inside src/domain (no packages, no node:*, no other layer).",
          },
        ],
      },
    ],
    "no-restricted-syntax": [
      "error",
      {
        selector: "ImportExpression",
        message: "src/domain is pure: no dynamic import().",
      },
      {
        selector: "CallExpression[callee.name='require']",
        message: "src/domain is pure: no require().",
      },
    ],
  },
};

/**
 * The adapters and the API are two sides of the domain that meet only in the composition root
 * (src/compose-application.ts): infrastructure never imports the graphql layer, the graphql layer
 * never imports infrastructure nor talks to Redis, and neither imports the root that wires them.
 * test/lint/layer-boundaries.test.ts proves each zone bites.
 */
const layerZone = (files, forbidden, packages, message) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { regex: `^(\\.\\./)+(src/)?(${forbidden.join("|")})(/|$)`, message },
          { regex: `^(${packages.join("|")})(/|$)`, message },
        ],
      },
    ],
  },
});

const infrastructureZone = layerZone(
  ["src/infrastructure/**/*.ts"],
  ["graphql", "compose-application", "main"],
  ["type-graphql", "@apollo/[^/]+", "@as-integrations/[^/]+", "graphql", "graphql-ws", "express"],
  "src/infrastructure holds adapters: it may not import the graphql layer, its packages, or the composition root.",
);

const graphqlZone = layerZone(
  ["src/graphql/**/*.ts"],
  ["infrastructure", "compose-application", "main"],
  ["ioredis"],
  "src/graphql is the API: it may not import src/infrastructure, Redis, or the composition root (take what it needs through ServerDependencies / ServerOptions).",
);

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "build/", "coverage/"] },
  js.configs.recommended,
  {
    // The server's TypeScript, and the browser TSX of the web client (web/) and the IDE (ide/),
    // each with its own tsconfig; web/src/gql/ is written by `npm run codegen` and checked for
    // drift instead.
    files: ["**/*.ts", "web/**/*.tsx", "ide/**/*.tsx"],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-floating-promises": "error",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: {
      globals: {
        module: "writable",
        require: "readonly",
        process: "readonly",
        console: "readonly",
      },
    },
  },
  {
    // jest's asymmetric matchers (expect.objectContaining, ...) are typed `any`.
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
    },
  },
  { ignores: ["web/src/gql/"] },
  domainPurity,
  infrastructureZone,
  graphqlZone,
);
