import type { Redis } from "ioredis";
import type { Browser, Page } from "playwright-core";
import WebSocket from "ws";
import { clearAndQuit } from "../e2e/support/bad-input-cases";
import { ATTACK, BATTLE_TURNS, START_GAME, type ApiTurn } from "../e2e/support/operations";
import { startServerProcess, type ServerProcess } from "../e2e/support/server-process";
import { rawClient, testRedisUrl, uniquePrefix } from "../support/redis";
import { launchChromium } from "./support/chromium";
import { serveForeignPage, type ForeignPage } from "./support/foreign-page";

jest.setTimeout(60_000);

/** What the foreign page's fetch saw. */
type Called =
  | {
      ok: true;
      status: number;
      body: { data?: Record<string, unknown> | null; errors?: unknown[] };
    }
  | { ok: false; error: string };

/** What the foreign page's WebSocket saw. */
interface Watched {
  seen: string[];
  payload?: { data?: { battleTurns?: ApiTurn } };
  code?: number;
  wasClean?: boolean;
}

interface StartedData {
  startGame: { playerToken: string; game: { id: string } };
}

function callApi(page: Page, url: string, query: string, variables: object, token: string) {
  return page.evaluate(
    ([u, q, v, t]) =>
      (
        globalThis as unknown as {
          callApi(u: string, q: string, v: object, t: string): Promise<Called>;
        }
      ).callApi(u, q, v, t),
    [url, query, variables, token] as const,
  );
}

function watch(page: Page, url: string, query: string, variables: object) {
  return page.evaluate(
    ([u, q, v]) =>
      (globalThis as unknown as { watch(u: string, q: string, v: object): Promise<Watched> }).watch(
        u,
        q,
        v,
      ),
    [url, query, variables] as const,
  );
}

/** A preflight as a browser sends it before a cross-origin POST of JSON with a token. */
function preflight(url: string, origin: string) {
  return fetch(url, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type,authorization",
    },
  });
}

/** Opens a WebSocket with this Origin from Node; resolves with the handshake's outcome. */
function upgrade(url: string, origin: string | undefined) {
  return new Promise<{ opened: true } | { opened: false; status?: number; body: string }>(
    (resolve) => {
      const socket = new WebSocket(url, "graphql-transport-ws", origin ? { origin } : {});
      socket.on("open", () => {
        socket.close();
        resolve({ opened: true });
      });
      socket.on("unexpected-response", (_req, res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ opened: false, status: res.statusCode, body }));
      });
      socket.on("error", (error) => resolve({ opened: false, body: error.message }));
    },
  );
}

describe("CORS from a page on another origin, in Chromium (Redis)", () => {
  const prefix = uniquePrefix();
  let allowedPage: ForeignPage;
  let refusedPage: ForeignPage;
  let server: ServerProcess;
  let redis: Redis;
  let browser: Browser;

  beforeAll(async () => {
    // The browser first: without it nothing else starts, so nothing is left running.
    browser = await launchChromium();
    redis = rawClient();
    [allowedPage, refusedPage] = await Promise.all([serveForeignPage(), serveForeignPage()]);
    // A list replaces the loopback default, so the second page (also 127.0.0.1) is refused.
    server = await startServerProcess({
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: prefix,
      CORS_ORIGINS: `https://play.example.com,${allowedPage.origin}`,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await allowedPage?.close();
    await refusedPage?.close();
    if (redis) await clearAndQuit(redis, prefix);
  });

  it("an allowed origin calls the API with a token (after a preflight) and subscribes", async () => {
    const page = await browser.newPage();
    await page.goto(allowedPage.url);

    const started = await callApi(page, server.url, START_GAME, { input: { seed: 7 } }, "none");
    expect(started).toMatchObject({ ok: true, status: 200 });
    const { playerToken, game } = (started as Extract<Called, { ok: true }>).body.data!
      .startGame as StartedData["startGame"];
    expect(game.id).toEqual(expect.any(String));

    // The token reaches the server: the attack is played, not refused as UNAUTHENTICATED.
    const attacked = await callApi(
      page,
      server.url,
      ATTACK,
      { gameId: game.id, weapon: "BOOMERANG" },
      playerToken,
    );
    expect(attacked).toMatchObject({ ok: true, status: 200, body: { data: { attack: {} } } });
    expect((attacked as Extract<Called, { ok: true }>).body.errors).toBeUndefined();

    const watched = await watch(page, server.wsUrl, BATTLE_TURNS, {
      gameId: game.id,
      fromTurn: 0,
    });
    expect(watched.seen).toEqual(["open", "connection_ack", "next"]);
    // The first message is the whole of turn 0: the first monster emerging.
    expect(watched.payload?.data?.battleTurns).toMatchObject({
      turn: 0,
      events: [
        {
          __typename: "MonsterEmergedEvent",
          turn: 0,
          message: expect.stringContaining("has emerged"),
        },
      ],
    });
    await page.close();
  });

  it("a refused origin cannot read the API's answers, and its WebSocket is refused at once", async () => {
    const page = await browser.newPage();
    await page.goto(refusedPage.url);

    // Chromium says why on the console; the page itself only sees the fetch fail.
    const corsError = page.waitForEvent("console", {
      predicate: (message) => /blocked by CORS policy/.test(message.text()),
    });
    const called = await callApi(page, server.url, START_GAME, { input: { seed: 7 } }, "none");
    expect(called).toEqual({ ok: false, error: "TypeError: Failed to fetch" });
    expect((await corsError).text()).toMatch(/preflight/);

    const watched = await watch(page, server.wsUrl, BATTLE_TURNS, { gameId: "x", fromTurn: 0 });
    // The handshake got a 403: the socket never opened, and closed abnormally (1006).
    expect(watched).toEqual({ seen: ["error", "close"], code: 1006, wasClean: false });
    await page.close();
  });

  it("answers an allowed origin's preflight 204 with the Access-Control headers", async () => {
    const response = await preflight(server.url, allowedPage.origin);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(allowedPage.origin);
    expect(response.headers.get("access-control-allow-methods")).toMatch(/\bPOST\b/);
    const allowedHeaders = response.headers.get("access-control-allow-headers")!.split(",");
    expect(allowedHeaders).toEqual(expect.arrayContaining(["content-type", "authorization"]));
    expect(response.headers.get("vary")).toMatch(/Origin/);

    const listed = await preflight(server.url, "https://play.example.com");
    expect(listed.headers.get("access-control-allow-origin")).toBe("https://play.example.com");
  });

  it("refuses another origin's preflight with 403 and no Access-Control headers", async () => {
    const response = await preflight(server.url, refusedPage.origin);
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    await expect(response.text()).resolves.toContain("not in CORS_ORIGINS");

    // An actual request from it still runs (CORS is the browser's to enforce) but is not shared.
    const post = await fetch(server.url, {
      method: "POST",
      headers: { origin: refusedPage.origin, "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(post.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("checks the WebSocket upgrade's Origin: 403 with a reason for a refused one", async () => {
    await expect(upgrade(server.wsUrl, allowedPage.origin)).resolves.toEqual({ opened: true });
    await expect(upgrade(server.wsUrl, refusedPage.origin)).resolves.toEqual({
      opened: false,
      status: 403,
      body: expect.stringContaining("not in CORS_ORIGINS"),
    });
    // No Origin (a Node client, like the rest of the suite) and the server's own origin pass.
    await expect(upgrade(server.wsUrl, undefined)).resolves.toEqual({ opened: true });
    await expect(upgrade(server.wsUrl, new URL(server.url).origin)).resolves.toEqual({
      opened: true,
    });
  });
});

describe("CORS defaults and CORS_ORIGINS=*, over plain HTTP", () => {
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });
  const start = async (env: Record<string, string>) => {
    const server = await startServerProcess(env);
    servers.push(server);
    return server;
  };

  it("in development, allows any loopback origin and no other", async () => {
    const server = await start({ NODE_ENV: "development", LOG_LEVEL: "warn" });
    for (const origin of ["http://localhost:5173", "http://127.0.0.1:8080", "http://[::1]:3000"]) {
      const response = await preflight(server.url, origin);
      expect([origin, response.status]).toEqual([origin, 204]);
      expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    }
    for (const origin of [
      "http://evil.example",
      "https://localhost:5173",
      "http://localhost.evil",
    ]) {
      const response = await preflight(server.url, origin);
      expect([origin, response.status]).toEqual([origin, 403]);
    }
    await expect(upgrade(server.wsUrl, "http://localhost:5173")).resolves.toEqual({ opened: true });
    await expect(upgrade(server.wsUrl, "http://evil.example")).resolves.toMatchObject({
      status: 403,
    });
  });

  it("in production, allows no other origin by default, but its own", async () => {
    const server = await start({ NODE_ENV: "production" });
    const response = await preflight(server.url, "http://localhost:5173");
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    await expect(upgrade(server.wsUrl, "http://localhost:5173")).resolves.toMatchObject({
      status: 403,
    });
    await expect(upgrade(server.wsUrl, new URL(server.url).origin)).resolves.toEqual({
      opened: true,
    });
  });

  it('with "*", allows every origin, over HTTP and WebSocket', async () => {
    const server = await start({ NODE_ENV: "production", CORS_ORIGINS: "*" });
    const response = await preflight(server.url, "https://anywhere.example");
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toMatch(/authorization/);
    const post = await fetch(server.url, {
      method: "POST",
      headers: { origin: "https://anywhere.example", "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(post.headers.get("access-control-allow-origin")).toBe("*");
    await expect(upgrade(server.wsUrl, "https://anywhere.example")).resolves.toEqual({
      opened: true,
    });
  });

  it("leaves requests without Origin alone: no CORS headers, answered as before", async () => {
    const server = await start({});
    const post = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(post.status).toBe(200);
    expect(post.headers.get("access-control-allow-origin")).toBeNull();
    await expect(post.json()).resolves.toEqual({ data: { __typename: "Query" } });
  });
});
