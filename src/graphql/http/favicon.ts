import type { RequestHandler } from "express";

/** The rabbit, drawn as the icon of the web client's and the IDE's tabs. */
const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><text x="50%" y="54%" font-size="52" text-anchor="middle" dominant-baseline="middle">🐇</text></svg>`;

/**
 * Answers the icon browsers ask for at /favicon.ico on every page load (an SVG: every current
 * browser takes one there), so that a load leaves no 404 in the console. Cached for a day.
 */
export const faviconRoute: RequestHandler = (_req, res) => {
  res.set("cache-control", "public, max-age=86400").type("image/svg+xml").send(ICON);
};
