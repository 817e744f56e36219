import { existsSync } from "node:fs";
import path from "node:path";
import express, { type Request, type Router } from "express";

/** Where the IDE's assets are served; ide/vite.config.ts builds with this same `base`. */
export const IDE_ASSETS_PATH = "/ide";

/** Vite names every asset by its content hash, so a file under /ide/assets never changes. */
const ASSET_MAX_AGE = "1y";

/**
 * A browser opening the URL: its navigation asks for HTML first. GraphQL clients ask for JSON or accept
 * any type, and a GET query from them must still reach Apollo.
 */
function prefersHtml(req: Request): boolean {
  return (
    req.accepts(["application/json", "application/graphql-response+json", "text/html"]) ===
    "text/html"
  );
}

/**
 * Serves the built GraphiQL (Vite's `dist/ide`, from `directory`) on the API's own origin, so it
 * needs no CDN: its `index.html` for a browser opening `GET /graphql`, its hashed assets under
 * `/ide/`. Every other request to /graphql goes on to the API. Without a build, a browser gets 503
 * with a note to run `npm run build`. Mount it before /graphql, and never in production.
 */
export function idePage(directory: string): Router {
  const root = path.resolve(directory);
  const index = path.join(root, "index.html");
  const router = express.Router();

  router.use(
    `${IDE_ASSETS_PATH}/assets`,
    express.static(path.join(root, "assets"), {
      immutable: true,
      maxAge: ASSET_MAX_AGE,
      index: false,
    }),
  );
  // A missing asset is a plain 404 (an old page after a rebuild asks for old hashes).
  router.use(IDE_ASSETS_PATH, (_req, res) => {
    res.status(404).type("text/plain").send("No such IDE asset: reload the page.\n");
  });

  router.get("/graphql", (req, res, next) => {
    if (!prefersHtml(req)) {
      next();
      return;
    }
    // Checked per request: a build made while the server runs is served without a restart.
    if (!existsSync(index)) {
      res
        .status(503)
        .type("text/plain")
        .send("The GraphiQL IDE is not built yet: run `npm run build`, then reload this page.\n");
      return;
    }
    res.sendFile(index, { headers: { "Cache-Control": "no-cache" } }, (error) => {
      if (error) next(error);
    });
  });
  return router;
}
