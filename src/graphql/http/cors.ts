import type { IncomingMessage } from "node:http";
import cors from "cors";
import express, { type Router } from "express";
import type { VerifyClientCallbackAsync } from "ws";
import type { CorsOrigins } from "../server-options";

/** The headers a browser may send cross-origin: JSON bodies, the player token, Apollo's CSRF one. */
const ALLOWED_HEADERS = [
  "content-type",
  "authorization",
  "apollo-require-preflight",
  "x-apollo-operation-name",
];

/** How long a browser may reuse a preflight's answer, in seconds (Chromium caps it at 2 hours). */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** A front end served by a developer's machine, on any port: the development default. */
const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/**
 * Whether a browser page from `origin` may call the API. A page from the server itself (the IDE,
 * the web client) always may: its `Origin` names the host it asked (`host` header), which covers a
 * proxy in front that keeps the Host header too.
 */
export function originAllowed(
  origin: string,
  allowed: CorsOrigins,
  host: string | undefined,
): boolean {
  if (allowed === "*") return true;
  try {
    if (host !== undefined && new URL(origin).host === host.toLowerCase()) return true;
  } catch {
    // Not a URL ("null" from a sandboxed frame or a file): only "*" lets it in.
    return false;
  }
  return allowed === "loopback" ? LOOPBACK_ORIGIN.test(origin) : allowed.includes(origin);
}

/**
 * CORS for /graphql with the `cors` package: an allowed origin gets its preflight answered 204
 * (POST and GET with the headers above) and `Access-Control-Allow-Origin` on every answer. A
 * refused origin gets no CORS header, so its browser withholds the answer; its preflight is
 * answered 403 with the reason, rather than reaching the API (which would answer 400). Requests
 * without `Origin` (curl, servers) are not CORS and pass through untouched.
 */
export function graphqlCors(allowed: CorsOrigins): Router {
  const router = express.Router();
  router.use(
    cors((req, callback) => {
      const origin = req.headers.origin;
      callback(null, {
        origin:
          allowed === "*"
            ? "*"
            : origin !== undefined && originAllowed(origin, allowed, req.headers.host),
        methods: ["GET", "POST"],
        allowedHeaders: ALLOWED_HEADERS,
        maxAge: PREFLIGHT_MAX_AGE_SECONDS,
        optionsSuccessStatus: 204,
      });
    }),
  );
  // Reached only when cors() let the request by: an OPTIONS here is a refused origin's preflight.
  router.use((req, res, next) => {
    const origin = req.headers.origin;
    if (
      req.method !== "OPTIONS" ||
      origin === undefined ||
      req.headers["access-control-request-method"] === undefined
    ) {
      next();
      return;
    }
    res
      .status(403)
      .type("text/plain")
      .send(`Origin ${origin} may not call this API: it is not in CORS_ORIGINS.\n`);
  });
  return router;
}

/**
 * The WebSocket upgrade's check of `Origin` against the same list, for `ws`'s `verifyClient`: a
 * refused page gets an HTTP 403 before the upgrade (its browser sees the socket fail at once, close
 * code 1006), never a socket that hangs. Browsers always send `Origin` on a WebSocket; clients
 * without one (Node, curl) are let through, as on HTTP.
 */
export function websocketOriginCheck(
  allowed: CorsOrigins,
): VerifyClientCallbackAsync<IncomingMessage> {
  return ({ req }, callback) => {
    const origin = req.headers.origin;
    if (origin === undefined || originAllowed(origin, allowed, req.headers.host)) {
      callback(true);
      return;
    }
    callback(
      false,
      403,
      `Origin ${origin} may not open a WebSocket here: it is not in CORS_ORIGINS.`,
    );
  };
}
