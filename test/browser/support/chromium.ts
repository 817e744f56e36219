import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's Chromium (`.ci/run` installs it); no Playwright browser download is possible here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where the browser tests leave their screenshots (git-ignored; the docs' copies are in docs/images/). */
export const SCREENSHOT_DIR = path.resolve(__dirname, "../../../build/screenshots");

/** What a browser test says when there is no Chromium to drive. */
export function chromiumMissing(executablePath: string): string {
  return `The browser tests need Chromium, and there is none at ${executablePath}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.`;
}

/**
 * Headless Chromium as this machine allows it: no sandbox (root), no GPU, and none of the
 * background traffic (updates, sync, safe browsing) that a closed network refuses.
 * @throws with {@link chromiumMissing}'s message when there is no Chromium at `executablePath`.
 */
export async function launchChromium(executablePath = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(executablePath)) throw new Error(chromiumMissing(executablePath));
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

/** Every URL the page asks for, in order (documents, scripts, styles, fonts, XHR, WebSocket). */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  page.on("websocket", (socket) => urls.push(socket.url()));
  return urls;
}

/** Saves a full-page screenshot as build/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
