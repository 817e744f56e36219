import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Typed operations for the web client, from the committed contract only (never from src/):
 * `npm run codegen` writes web/src/gql/, and test/web/codegen-drift.test.ts fails when the
 * committed files fall behind schema.graphql or an operation. Paths are relative to the repository
 * root, where npm runs scripts and jest runs tests.
 */
const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["web/src/**/*.{ts,tsx}", "!web/src/gql/**"],
  ignoreNoDocuments: false,
  generates: {
    "web/src/gql/": {
      preset: "client",
      presetConfig: {
        // One `graphql()` function and its typed documents; fragment masking would only add
        // ceremony to a page this small.
        fragmentMasking: false,
      },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { SafeInt: "number", DateTime: "string" },
        strictScalars: true,
      },
    },
    // What the normalized cache (web/src/create-api-client.ts) must know of the schema.
    "web/src/gql/cache-schema.ts": { plugins: ["./web/codegen-cache-schema.mjs"] },
  },
};

export default config;
