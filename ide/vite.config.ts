import { defineConfig } from "vite";

/**
 * Builds GraphiQL into dist/ide, beside the compiled server, which serves its index.html for a
 * browser opening GET /graphql and its assets under /ide/ (src/graphql/http/ide-page.ts; the two
 * paths must agree). Run from the repository root (`npm run build:ide`): paths are relative to it,
 * so this file needs no Node types in a browser project.
 */
export default defineConfig({
  root: "ide",
  base: "/ide/",
  // Nothing outside the bundle: every script, style, font and worker is imported, so Vite hashes it.
  publicDir: false,
  oxc: { jsx: { runtime: "automatic" } },
  // Monaco's workers import ES modules of their own.
  worker: { format: "es" },
  build: {
    // Relative to `root`.
    outDir: "../dist/ide",
    emptyOutDir: true,
    // GraphiQL with Monaco is large by nature; it is a development tool loaded once.
    chunkSizeWarningLimit: 8_000,
    rolldownOptions: {
      // GraphiQL's UI libraries mark modules "use client" (for React Server Components), which a
      // single-page bundle ignores by design: hundreds of lines of noise per build.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
    },
  },
  server: {
    // `npx vite --config ide/vite.config.ts` for hot reload, against `npm start` on port 4000.
    proxy: { "/graphql": { target: "http://localhost:4000", ws: true } },
  },
});
