import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Redis } from "ioredis";
import type { Browser, Locator, Page } from "playwright-core";
import { httpClient } from "../e2e/support/clients";
import { clearAndQuit } from "../e2e/support/bad-input-cases";
import { ATTACK, START_GAME, type ApiEvent, type ApiGame } from "../e2e/support/operations";
import { startServerProcess, type ServerProcess } from "../e2e/support/server-process";
import { rawClient, testRedisUrl, uniquePrefix } from "../support/redis";
import { EXAMPLE_TABS } from "../../ide/src/example-tabs";
import { launchChromium, recordRequests, screenshot } from "./support/chromium";

jest.setTimeout(60_000);

type Started = { startGame: { playerToken: string; game: ApiGame; events: ApiEvent[] } };
type Attacked = { attack: { game: ApiGame; events: ApiEvent[] } };

const root = path.resolve(__dirname, "../..");
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/** What a Monaco editor shows (it renders spaces as no-break spaces). */
async function editorText(editor: Locator): Promise<string> {
  return (await editor.locator(".view-lines").innerText()).replace(/\u00a0/g, " ");
}

/** Waits until the result pane shows `expected`, and returns what it shows. */
async function resultContaining(page: Page, expected: string): Promise<string> {
  const result = page.locator(".graphiql-response .monaco-editor");
  await result.locator(".view-lines", { hasText: expected }).waitFor();
  return editorText(result);
}

/** Replaces the contents of the editor tools' visible editor (Variables or Headers). */
async function setToolEditor(page: Page, tool: "Variables" | "Headers", text: string) {
  await page.getByRole("button", { name: tool, exact: true }).click();
  const editor = page.locator(".graphiql-editor-tool .monaco-editor:visible");
  // Monaco closes the quotes and braces it sees typed, sometimes a moment later: after the
  // text, drop what follows it, and do it again if a closing pair still arrived.
  for (let attempt = 0; attempt < 3 && (await editorText(editor)) !== text; attempt++) {
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText(text);
    await page.keyboard.press("Shift+ControlOrMeta+End");
    await page.keyboard.press("Delete");
    await page.waitForTimeout(100);
  }
  await expect(editorText(editor)).resolves.toBe(text);
}

async function openTab(page: Page, title: string) {
  await page.locator(".graphiql-tab-button", { hasText: title }).click();
  await page.locator(".graphiql-tab-active", { hasText: title }).waitFor();
}

describe("the GraphiQL IDE at GET /graphql (development), on Redis", () => {
  const prefix = uniquePrefix();
  let server: ServerProcess;
  let redis: Redis;
  let browser: Browser;
  let page: Page;
  let requests: string[];

  beforeAll(async () => {
    // The browser first: without it nothing else starts, so nothing is left running.
    browser = await launchChromium();
    redis = rawClient();
    server = await startServerProcess({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix });
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    requests = recordRequests(page);
    await page.goto(server.url);
    // The schema is loaded (introspection over HTTP) once the docs explorer can show it.
    await page.locator(".graphiql-query-editor .monaco-editor").waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (redis) await clearAndQuit(redis, prefix);
  });

  it("opens with the example operations as tabs: Start, Watch, Attack, Bestiary", async () => {
    await expect(page.locator(".graphiql-tab-button").allInnerTexts()).resolves.toEqual([
      "Start",
      "Watch",
      "Attack",
      "Bestiary",
    ]);
    await expect(
      editorText(page.locator(".graphiql-query-editor .monaco-editor")),
    ).resolves.toMatch(/mutation Start \{\s*startGame\(/);
  });

  it("has the headers editor, preloaded with the Authorization header on the Attack tab", async () => {
    await openTab(page, "Attack");
    await page.getByRole("button", { name: "Headers", exact: true }).click();
    const headers = page.locator(".graphiql-editor-tool .monaco-editor:visible");
    await headers.locator(".view-lines", { hasText: "Authorization" }).waitFor();
    await expect(editorText(headers)).resolves.toContain('"Authorization": "Bearer <playerToken');
    await page.getByRole("button", { name: "Variables", exact: true }).click();
  });

  it("shows the schema's docs from introspection", async () => {
    await page.getByRole("button", { name: "Show Documentation Explorer" }).click();
    const docs = page.locator(".graphiql-doc-explorer");
    await docs.getByText("Subscription", { exact: true }).waitFor();
    await docs.getByText("Query", { exact: true }).click();
    await docs.getByText("bestiary", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Hide Documentation Explorer" }).click();
  });

  it("runs a query over HTTP and shows its result", async () => {
    await openTab(page, "Bestiary");
    // On a busy machine the editor may still show the previous tab: a click then runs nothing.
    await page
      .locator(".graphiql-query-editor .view-lines", { hasText: "query Bestiary" })
      .waitFor();
    const execute = page.getByRole("button", { name: /^Execute query/ });
    await execute.click();
    const result = page.locator(".graphiql-response .monaco-editor .view-lines", {
      hasText: "IndustrialRaverMonkey",
    });
    try {
      await result.waitFor({ timeout: 10_000 });
    } catch {
      // Seen only in the full suite on a loaded 2-core machine: the click ran nothing. Say what
      // the page showed, then run the (read-only) query once more.
      const pane = await page.locator(".graphiql-response").innerText();
      await page.screenshot({ path: path.join(os.tmpdir(), "dwemthy-ide-no-result.png") });
      console.warn(
        `IDE: no result 10 s after Execute; the result pane shows: ${pane.slice(0, 300)}`,
      );
      await execute.click();
    }
    const shown = await resultContaining(page, "IndustrialRaverMonkey");
    expect(shown).toMatch(/"bestiary": \[\s*\{\s*"name": "IndustrialRaverMonkey",\s*"life": 46/);
  });

  it("receives a subscription's turns over graphql-ws, each with its events and the game after it", async () => {
    const started = await httpClient(server.url).mutate<Started>(START_GAME, {
      input: {
        seed: 65,
        monsters: [{ name: "Snail", life: 20, strength: 1, charisma: 10, weapon: 1 }],
      },
    });
    const { playerToken, game } = started.data!.startGame;

    await openTab(page, "Watch");
    await setToolEditor(page, "Variables", JSON.stringify({ gameId: game.id }));
    await page.keyboard.press("ControlOrMeta+Enter");
    // fromTurn: 0 replays the start first: the first monster emerging.
    await resultContaining(page, '"turn": 0');
    expect(requests.some((url) => url === server.wsUrl)).toBe(true);

    const attacked = await httpClient(server.url, playerToken).mutate<Attacked>(ATTACK, {
      gameId: game.id,
      weapon: "BOMB",
    });
    expect(attacked.errors).toEqual([]);
    const { game: after, events } = attacked.data!.attack;
    const last = events[events.length - 1]!;
    // The pane shows the latest message: the attack's whole turn, live, and the game after it.
    const shown = await resultContaining(page, last.message);
    expect(shown).toContain('"turn": 1');
    expect(shown).not.toContain('"turn": 0');
    for (const event of events) expect(shown).toContain(event.message);
    expect(shown).toContain(`"status": "${after.status}"`);
    expect(shown).toContain(`"monstersRemaining": ${after.monstersRemaining}`);

    await screenshot(page, "ide");
  });

  it("plays the preloaded battle from one browser tab while a second one watches it to VICTORY", async () => {
    // The Start tab's own game (seed 3, the short array), started as the first tab would.
    const startTab = EXAMPLE_TABS.find((t) => t.query?.includes("mutation Start"))!.query!;
    const started = await httpClient(server.url).mutate<Started>(startTab);
    const { playerToken, game } = started.data!.startGame;

    // The second browser tab: its Watch tab runs and stays open.
    const watcher = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await watcher.goto(server.url);
    await watcher.locator(".graphiql-query-editor .monaco-editor").waitFor();
    await openTab(watcher, "Watch");
    await setToolEditor(watcher, "Variables", JSON.stringify({ gameId: game.id }));
    await watcher.keyboard.press("ControlOrMeta+Enter");
    await resultContaining(watcher, '"turn": 0');

    // The first browser tab attacks from its Attack tab, as its comment says, eight times.
    await page.bringToFront();
    await openTab(page, "Attack");
    await setToolEditor(
      page,
      "Headers",
      JSON.stringify({ Authorization: `Bearer ${playerToken}` }),
    );
    await setToolEditor(page, "Variables", JSON.stringify({ gameId: game.id }));
    for (let turn = 1; turn <= 8; turn++) {
      await page.keyboard.press("ControlOrMeta+Enter");
      await resultContaining(page, `"turn": ${turn}`);
    }
    await resultContaining(page, '"status": "VICTORY"');

    // The watcher saw the last turn live, whole: the decimation and the game won.
    const shown = await resultContaining(watcher, '"status": "VICTORY"');
    expect(shown).toContain('"turn": 8');
    expect(shown).toContain("You decimated Dwemthy's Array!");
    await watcher.close();
  });

  it("asked for nothing from any other origin: scripts, styles, fonts, workers all came from the server", () => {
    const origin = new URL(server.url).origin;
    const wsOrigin = new URL(server.wsUrl).origin;
    expect(requests.length).toBeGreaterThan(5);
    const foreign = requests.filter(
      (url) => !url.startsWith("data:") && ![origin, wsOrigin].includes(new URL(url).origin),
    );
    expect(foreign).toEqual([]);
    // Monaco's three workers were loaded, and recorded, from the build.
    for (const worker of ["editor.worker", "json.worker", "graphql.worker"]) {
      expect(requests.some((url) => url.startsWith(`${origin}/ide/assets/${worker}-`))).toBe(true);
    }
  });
});

describe("GET /graphql without a browser, beside the IDE", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("serves the IDE page only to a request that prefers HTML", async () => {
    const page = await fetch(server.url, { headers: { accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    await expect(page.text()).resolves.toContain('<div id="ide">');

    const api = await fetch(server.url, { headers: { accept: "application/json" } });
    expect(api.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("still runs a GET query from a non-browser, with Apollo's CSRF prevention as before", async () => {
    const query = `${server.url}?query=${encodeURIComponent("{ bestiary { name } }")}`;
    const allowed = await fetch(query, { headers: { "apollo-require-preflight": "true" } });
    expect(allowed.status).toBe(200);
    await expect(allowed.json()).resolves.toMatchObject({
      data: { bestiary: expect.arrayContaining([{ name: "IndustrialRaverMonkey" }]) },
    });

    const blocked = await fetch(query);
    expect(blocked.status).toBe(400);
    const body = (await blocked.json()) as { errors: { message: string }[] };
    expect(body.errors[0]!.message).toMatch(/Cross-Site Request Forgery/);
  });
});

describe("in production", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ NODE_ENV: "production" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("a browser opening GET /graphql gets no IDE (and no Apollo landing page), nor its assets", async () => {
    const page = await fetch(server.url, { headers: { accept: BROWSER_ACCEPT } });
    const body = await page.text();
    expect(page.status).toBe(400);
    expect(body).not.toContain("<html");
    expect(body).not.toMatch(/graphiql|apollo sandbox/i);

    const built = readFileSync(path.join(root, "dist/ide/index.html"), "utf8");
    const asset = /src="(\/ide\/assets\/[^"]+\.js)"/.exec(built)![1]!;
    const assetResponse = await fetch(new URL(asset, server.url));
    expect(assetResponse.status).toBe(404);
  });
});
