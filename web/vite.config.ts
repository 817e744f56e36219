import { defineConfig } from "vite";

/**
 * Builds the web client into dist/web, beside the compiled server, which serves it at `/`
 * (src/graphql/http/web-client.ts). Run from the repository root (`npm run build:web`): paths are
 * relative to it, so this file needs no Node types in a browser project.
 */
export default defineConfig({
  root: "web",
  base: "/",
  // No public/ folder: everything the page needs is imported, so Vite hashes it.
  publicDir: false,
  oxc: { jsx: { runtime: "automatic" } },
  build: {
    // Relative to `root`.
    outDir: "../dist/web",
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // `npx vite --config web/vite.config.ts` for hot reload, against `npm start` on port 4000.
    proxy: { "/graphql": { target: "http://localhost:4000", ws: true } },
  },
});
