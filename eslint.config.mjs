// @ts-check
import path from "node:path";
import js from "@eslint/js";
import graphqlPlugin from "@graphql-eslint/eslint-plugin";
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

/**
 * schema.graphql, the contract, linted with graphql-eslint's schema and Relay rules. Each rule is
 * set here on purpose: on, narrowed with a reason, or off with a reason.
 * test/lint/schema-lint.test.ts proves the rules bite.
 */
const schemaLint = {
  files: ["schema.graphql"],
  languageOptions: {
    parser: graphqlPlugin.parser,
    parserOptions: {
      graphQLConfig: { schema: path.join(import.meta.dirname, "schema.graphql") },
    },
  },
  plugins: { "@graphql-eslint": graphqlPlugin },
  rules: {
    // The SDL validity rules (known types, unique names, ...) and the recommended style.
    ...graphqlPlugin.configs["flat/schema-recommended"].rules,

    // Every type, field, argument and enum value is described (as schema-drift.test.ts checks
    // on the generated schema): the descriptions are the API reference integrators read.
    "@graphql-eslint/require-description": [
      "error",
      {
        types: true,
        rootField: true,
        FieldDefinition: true,
        InputValueDefinition: true,
        EnumValueDefinition: true,
        DirectiveDefinition: true,
      },
    ],
    "@graphql-eslint/naming-convention": [
      "error",
      {
        ...graphqlPlugin.configs["flat/schema-recommended"].rules[
          "@graphql-eslint/naming-convention"
        ][1],
        InputObjectTypeDefinition: { requiredSuffixes: ["Input"] },
      },
    ],
    // Value types have no identity of their own; entities carry one `id: ID!`. The Relay shapes
    // (Connection, Edge, PageInfo) and the root types are not entities either.
    "@graphql-eslint/strict-id-in-types": [
      "error",
      {
        exceptions: {
          types: ["BattleTurn", "MonsterTemplate", "PageInfo", "Rabbit"],
          suffixes: ["Connection", "Edge", "Event", "Payload", "UserError"],
        },
      },
    ],
    // The printer sorts the generated schema (lexicographicSortSchema): keep it sorted, without
    // the preset's "id first" grouping, which would fight the generated file.
    "@graphql-eslint/alphabetize": [
      "error",
      {
        definitions: true,
        fields: ["ObjectTypeDefinition", "InterfaceTypeDefinition", "InputObjectTypeDefinition"],
        values: true,
        arguments: ["FieldDefinition", "DirectiveDefinition"],
      },
    ],
    // Optional @oneOf inputs: every member nullable (applies if v1 uses @oneOf).
    "@graphql-eslint/require-nullable-fields-with-oneof": "error",
    "@graphql-eslint/require-type-pattern-with-oneof": "error",

    // Relay: connections, edges, paging arguments (forward and backward) and PageInfo.
    "@graphql-eslint/relay-connection-types": "error",
    "@graphql-eslint/relay-arguments": ["error", { includeBoth: true }],
    "@graphql-eslint/relay-edge-types": [
      "error",
      {
        withEdgeSuffix: true,
        // Battle events are values inside a game, not objects a client refetches by id.
        shouldImplementNode: false,
        // Bounded lists stay plain lists (a turn's events, the six of the bestiary, at most 100
        // waiting monsters); only an unbounded list (the event log) needs a connection.
        listTypeCanWrapOnlyEdgeType: false,
      },
    ],

    // Every mutation takes one `input: <Mutation>Input` and returns its own payload.
    "@graphql-eslint/input-name": [
      "error",
      { checkInputType: true, caseSensitiveInputType: false },
    ],
    "@graphql-eslint/no-scalar-result-type-on-mutation": "error",
    // Root fields are nullable (as GitHub's and Shopify's): a failure outside a payload's typed
    // errors nulls that one field, not the whole response.
    "@graphql-eslint/require-nullable-result-in-root": "error",
    "@graphql-eslint/relay-page-info": "error",

    // Off for good: the game is played by mutations and watched by a subscription.
    "@graphql-eslint/no-root-type": "off",
    // Off for good: a payload returns what changed (the game), which is what a cache updates; a
    // `query: Query!` field in every payload is a Relay-classic habit we do not adopt.
    "@graphql-eslint/require-field-of-type-query-in-mutation-result": "off",
    // Off for good: the standard @deprecated has no date argument; the policy counts releases,
    // not dates (docs/versioning.md).
    "@graphql-eslint/require-deprecation-date": "off",
  },
};

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "build/", "coverage/"] },
  // The JavaScript rules for code only; schema.graphql has its own parser and rules.
  { files: ["**/*.{js,mjs,cjs,ts,tsx}"], ...js.configs.recommended },
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
  schemaLint,
);
