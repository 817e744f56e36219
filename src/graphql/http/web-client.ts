import { existsSync } from "node:fs";
import path from "node:path";
import express, { type Router } from "express";

/** Vite names every asset by its content hash, so a file under /assets never changes. */
const ASSET_MAX_AGE = "1y";

/**
 * Serves the built web client from `directory` on the API's own origin: `index.html` at `/`
 * (revalidated on every load, so a new build reaches the next visit), Vite's hashed `/assets/*`
 * cached for a year. Without a build, `/` answers 503 with a note to run `npm run build`, rather
 * than a bare 404 that looks like a broken server. Mount it after `/graphql`.
 */
export function webClient(directory: string): Router {
  const root = path.resolve(directory);
  const index = path.join(root, "index.html");
  const router = express.Router();

  router.use(
    "/assets",
    express.static(path.join(root, "assets"), {
      immutable: true,
      maxAge: ASSET_MAX_AGE,
      index: false,
    }),
  );
  // A missing asset is a plain 404 (an old index.html after a rebuild asks for old hashes), never
  // the page itself served as JavaScript.
  router.use("/assets", (_req, res) => {
    res.status(404).type("text/plain").send("No such asset: reload the page.\n");
  });

  router.get("/", (_req, res, next) => {
    // Checked per request: a build made while the server runs is served without a restart.
    if (!existsSync(index)) {
      res
        .status(503)
        .type("text/plain")
        .send("The web client is not built yet: run `npm run build`, then reload this page.\n");
      return;
    }
    res.sendFile(index, { headers: { "Cache-Control": "no-cache" } }, (error) => {
      if (error) next(error);
    });
  });

  // Anything else Vite may put beside index.html (none today), never cached for long.
  router.use(
    express.static(root, {
      index: false,
      setHeaders: (res) => res.setHeader("Cache-Control", "no-cache"),
    }),
  );
  return router;
}
