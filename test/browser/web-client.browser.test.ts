import type { Browser, BrowserContext, Page } from "playwright-core";
import { testRedisUrl, uniquePrefix } from "../support/redis";
import { httpClient } from "../e2e/support/clients";
import { startServerProcess, type ServerProcess } from "../e2e/support/server-process";
import { launchChromium, recordRequests, screenshot } from "./support/chromium";

jest.setTimeout(60_000);

/** A short array the rabbit can beat; with this seed it dies on the way and lettuce revives it. */
const SHORT_ARRAY = [
  { name: "Snail", life: 20, strength: 1, charisma: 10, weapon: 1 },
  { name: "GiantSlug", life: 35, strength: 3, charisma: 25, weapon: 2 },
];
const SEED = 65;
type Weapon = "BOOMERANG" | "SWORD" | "LETTUCE" | "BOMB";
const WEAPONS: Weapon[] = ["BOOMERANG", "SWORD", "LETTUCE", "BOMB"];
/** The strategy of every game here: lettuce when low, else the boomerang. */
const weaponFor = (rabbitLife: number): Weapon => (rabbitLife <= 3 ? "LETTUCE" : "BOOMERANG");
const DECIMATED = "[Whoa.  You decimated Dwemthy's Array!]";

/** Where the page keeps a game's token (web/src/player-token.ts). */
const tokenKey = (gameId: string) => `dwemthy:playerToken:${gameId}`;

const START = `mutation ($input: StartGameInput) {
  startGame(input: $input) {
    playerToken
    game { id turn status rabbit { life } }
    userErrors { code field message }
  }
}`;
const ATTACK = `mutation ($input: AttackInput!) {
  attack(input: $input) { game { turn status rabbit { life } } userErrors { code field message } }
}`;
const STORED_EVENTS = `query ($id: ID!) { game(id: $id) { events(first: 100) { pageInfo { hasNextPage } nodes { message } } } }`;

type GameSummary = { turn: number; status: string; rabbit: { life: number } };
type UserError = { code: string; field: string[] | null; message: string };
type Started = {
  startGame: {
    playerToken: string | null;
    game: (GameSummary & { id: string }) | null;
    userErrors: UserError[];
  };
};

/**
 * The few browser globals the callbacks run inside the page use: the tests' tsconfig has no DOM
 * library (it is Node code), and these stay local to this file.
 */
declare const document: {
  querySelector(selector: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): Iterable<{ textContent: string | null }>;
  activeElement: { id: string; selectionStart: number; selectionEnd: number; value: string } | null;
};
declare const navigator: {
  clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> };
};
declare const sessionStorage: {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
};

describe("the web client at /, in Chromium, against the real server on Redis", () => {
  let server: ServerProcess;
  let origin: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServerProcess({
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: uniquePrefix(),
    });
    origin = new URL(server.url).origin;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  /** A fresh browser profile (its own sessionStorage): a new person, or a new tab without the token. */
  async function newPage(
    init?: { gameId: string; token: string },
    viewport = { width: 1100, height: 900 },
  ): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    if (init) {
      // What the tab that started the game would hold, for tests that need a player's tab
      // without playing the start through the form.
      await context.addInitScript(([key, token]) => sessionStorage.setItem(key, token), [
        tokenKey(init.gameId),
        init.token,
      ] as const);
    }
    return context.newPage();
  }

  const text = async (page: Page, testId: string) =>
    (await page.getByTestId(testId).textContent()) ?? "";
  const logLines = (page: Page) => page.getByTestId("log-line").allTextContents();
  const lastLogLineIs = (page: Page, message: string) =>
    page.waitForFunction(
      (m) => [...document.querySelectorAll("[data-testid=log-line]")].at(-1)?.textContent === m,
      message,
    );
  const weaponsDisabled = (page: Page) =>
    Promise.all(WEAPONS.map((w) => page.getByTestId(`weapon-${w}`).isDisabled()));
  const storedMessages = async (gameId: string) => {
    const result = await httpClient(server.url).query<{
      game: { events: { pageInfo: { hasNextPage: boolean }; nodes: { message: string }[] } };
    }>(STORED_EVENTS, { id: gameId });
    expect(result.errors).toEqual([]);
    // The whole log in one page.
    expect(result.data!.game.events.pageInfo.hasNextPage).toBe(false);
    return result.data!.game.events.nodes.map((e) => e.message);
  };
  /** What the page shows of the game besides the log (null for what it does not show). */
  const board = (page: Page) =>
    Promise.all(
      ["rabbit-life", "monster-name", "monster-life", "monsters-remaining", "status"].map(
        async (testId) =>
          (await page.getByTestId(testId).count()) > 0 ? text(page, testId) : null,
      ),
    );
  /** How many times the page has sent an operation over HTTP, counted from now on. */
  const operationsSent = (page: Page, operationName: string) => {
    const sent = { count: 0 };
    page.on("request", (request) => {
      if (request.method() !== "POST" || !request.url().endsWith("/graphql")) return;
      const body = request.postDataJSON() as { operationName?: string } | null;
      if (body?.operationName === operationName) sent.count += 1;
    });
    return sent;
  };
  /** How many times the page has read the game (its `Game` query), counted from now on. */
  const gameReads = (page: Page) => operationsSent(page, "Game");
  /** Fills the start form's custom array (adding rows as needed) and, if given, the seed. */
  const fillArray = async (page: Page, monsters: readonly Record<string, string | number>[]) => {
    await page.getByTestId("mode-custom").check();
    for (const [i, monster] of monsters.entries()) {
      if ((await page.getByTestId(`monster-${i}-name`).count()) === 0)
        await page.getByTestId("add-monster").click();
      for (const [field, value] of Object.entries(monster))
        await page.getByTestId(`monster-${i}-${field}`).fill(String(value));
    }
  };
  /** The monsters the page shows waiting behind the front one: name and stats line. */
  const waiting = async (page: Page) => {
    const names = await page.locator("[data-testid=waiting] .waiting-name").allTextContents();
    const stats = await page.locator("[data-testid=waiting] .waiting-stats").allTextContents();
    return names.map((name, i) => `${name}: ${stats[i]?.replace(/\s+/g, " ").trim()}`);
  };
  const readError = async (page: Page) => {
    const notice = page.getByTestId("error");
    await notice.waitFor();
    return {
      code: await notice.getAttribute("data-code"),
      text: (await notice.textContent()) ?? "",
    };
  };

  it("plays a seeded custom game to VICTORY by clicking, watched live by a second page that never reads the game again; the logs are the stored events", async () => {
    const player = await newPage();
    const requests = recordRequests(player);
    const playerReads = gameReads(player);
    await player.goto(`${origin}/`);
    await fillArray(player, SHORT_ARRAY);
    await player.getByTestId("seed").fill(String(SEED));
    await player.getByTestId("start").click();
    await player.getByTestId("game").waitFor();

    // The link names the game and nothing else: the token stays in this tab's sessionStorage.
    const url = new URL(player.url());
    const gameId = url.searchParams.get("game")!;
    expect(url.pathname + url.search).toBe(`/?game=${encodeURIComponent(gameId)}`);
    const token = await player.evaluate((key) => sessionStorage.getItem(key), tokenKey(gameId));
    expect(token).toEqual(expect.any(String));
    expect(player.url()).not.toContain(token!);
    expect(await player.getByTestId("watching-note").count()).toBe(0);

    // A second person opens the link: no token, so it watches, weapons off.
    const watcher = await newPage();
    const watcherRequests = recordRequests(watcher);
    const watcherReads = gameReads(watcher);
    await watcher.goto(`${origin}/?game=${gameId}`);
    await watcher.getByTestId("watching-note").waitFor();
    await lastLogLineIs(watcher, "[Get ready. Snail has emerged!]");
    expect(await weaponsDisabled(watcher)).toEqual([true, true, true, true]);

    let turns = 0;
    while ((await text(player, "status")) !== "VICTORY") {
      expect(turns).toBeLessThan(100);
      const life = Number(await text(player, "rabbit-life"));
      await player.getByTestId(`weapon-${weaponFor(life)}`).click();
      turns += 1;
      await player.waitForFunction(
        (t) => document.querySelector("[data-testid=turn]")?.textContent === String(t),
        turns,
      );
      // The watcher gets each turn live, before the player plays the next one, with no reload.
      await watcher.locator(`[data-testid=log] li[data-turn="${turns}"]`).first().waitFor();
      await watcher.waitForFunction(
        (t) => document.querySelector("[data-testid=turn]")?.textContent === String(t),
        turns,
      );
      // The watcher's board is the player's: life bars, current monster, what is left, status.
      expect(await board(watcher)).toEqual(await board(player));
      // docs/images/web-client.png is this one: a game in play at desktop size.
      if (turns === 3) await screenshot(player, "web-client-in-play");
    }

    await lastLogLineIs(player, DECIMATED);
    await lastLogLineIs(watcher, DECIMATED);
    const stored = await storedMessages(gameId);
    expect(stored.at(-1)).toBe(DECIMATED);
    expect(await logLines(player)).toEqual(stored);
    expect(await logLines(watcher)).toEqual(stored);
    for (const [page, who] of [
      [player, "You"],
      [watcher, "The rabbit"],
    ] as const) {
      expect(await text(page, "status")).toBe("VICTORY");
      expect((await text(page, "victory")).trim()).toBe(
        `Victory!${who} decimated Dwemthy's Array in ${turns} turns.`,
      );
      expect(await weaponsDisabled(page)).toEqual([true, true, true, true]);
    }
    // Every turn of the feed brought the game after it into the page's cache, and the board
    // (life bars, current monster, turn, status) with it. The watcher read the game once, when it
    // opened; the player never did: the start's payload had put the game in the cache.
    expect(playerReads.count).toBe(0);
    expect(watcherReads.count).toBe(1);
    await screenshot(player, "web-client-victory");
    await screenshot(watcher, "web-client-watcher");

    // A reload catches up from the stored log: the same lines, each once; the token survives.
    await player.reload();
    await lastLogLineIs(player, DECIMATED);
    expect(await logLines(player)).toEqual(stored);
    expect(await player.getByTestId("watching-note").count()).toBe(0);
    expect(await weaponsDisabled(player)).toEqual([true, true, true, true]);

    // Everything came from the server itself: page, assets, HTTP and the WebSocket.
    for (const list of [requests, watcherRequests]) {
      expect(list.filter((u) => new URL(u).host !== url.host)).toEqual([]);
      expect(list).toContain(`ws://${url.host}/graphql`);
    }
  });

  // Guards Monster's global id in the normalized cache: with ids that collide across games (both
  // have a monster "1"), B's start overwrites A's cached monsters and A, shown again, shows B's.
  it("a second game in the same tab shows its own monsters, and Back shows the first game's own again", async () => {
    const page = await newPage();
    const reads = gameReads(page);
    await page.goto(`${origin}/`);

    // Game A, one turn in, so its cached monsters have moved on from their start.
    await fillArray(page, SHORT_ARRAY);
    await page.getByTestId("seed").fill(String(SEED));
    await page.getByTestId("start").click();
    await page.getByTestId("game").waitFor();
    const gameA = (await page.getByTestId("game").getAttribute("data-game-id"))!;
    expect(await text(page, "monster-name")).toBe("Snail");
    await page.getByTestId("weapon-BOOMERANG").click();
    await page.waitForFunction(
      () => document.querySelector("[data-testid=turn]")?.textContent === "1",
    );
    const boardA = ["9", "Snail", "18", "2", "IN PROGRESS"];
    expect(await board(page)).toEqual(boardA);
    expect(await waiting(page)).toEqual(["GiantSlug: life 35 · str 3 · cha 25 · wpn 2"]);

    // Game B, from the same page (same client, same cache), with other monsters.
    await page.getByTestId("new-game").click();
    await fillArray(page, [
      { name: "Kobold", life: 11, strength: 2, charisma: 3, weapon: 4 },
      { name: "Gnoll", life: 17, strength: 5, charisma: 6, weapon: 7 },
      { name: "Ogre", life: 29, strength: 8, charisma: 9, weapon: 10 },
    ]);
    await page.getByTestId("start").click();
    await page.locator(`[data-testid=game]:not([data-game-id="${gameA}"])`).waitFor();
    const gameB = (await page.getByTestId("game").getAttribute("data-game-id"))!;
    expect(new URL(page.url()).searchParams.get("game")).toBe(gameB);
    await lastLogLineIs(page, "[Get ready. Kobold has emerged!]");

    // B as it started, and nothing of A.
    expect(await board(page)).toEqual(["10", "Kobold", "11", "3", "IN PROGRESS"]);
    expect(await text(page, "turn")).toBe("0");
    expect(await waiting(page)).toEqual([
      "Gnoll: life 17 · str 5 · cha 6 · wpn 7",
      "Ogre: life 29 · str 8 · cha 9 · wpn 10",
    ]);
    expect(await logLines(page)).toEqual(["[Get ready. Kobold has emerged!]"]);
    const shown = (await text(page, "game")) + (await page.title());
    for (const name of ["Snail", "GiantSlug"]) expect(shown).not.toContain(name);
    // Neither game was read: each one's start put it in the cache, under its own global ids.
    expect(reads.count).toBe(0);
    await screenshot(page, "web-client-second-game");

    // Back to A (B's start replaced the start page), in the same tab: A from the cache, not read
    // again, its own monsters as they stood after its turn, and nothing of B.
    await page.goBack();
    await page.locator(`[data-testid=game][data-game-id="${gameA}"]`).waitFor();
    expect(new URL(page.url()).searchParams.get("game")).toBe(gameA);
    expect(await text(page, "turn")).toBe("1");
    expect(await board(page)).toEqual(boardA);
    expect(await text(page, "monster-name")).toBe("Snail");
    expect(await waiting(page)).toEqual(["GiantSlug: life 35 · str 3 · cha 25 · wpn 2"]);
    const shownA = await text(page, "game");
    for (const name of ["Kobold", "Gnoll", "Ogre"]) expect(shownA).not.toContain(name);
    expect(reads.count).toBe(0);
  });

  it("shows a refused custom monster beside its field, in the page's words, on a phone", async () => {
    const page = await newPage(undefined, { width: 390, height: 844 });
    const starts = operationsSent(page, "StartGame");
    await page.goto(`${origin}/`);
    await page.getByTestId("mode-custom").check();
    const problem = async () => {
      await page.getByTestId("field-problem").waitFor();
      return text(page, "field-problem");
    };

    // Out of the server's bounds: refused by the server, as data (a userError), named by path.
    await page.getByTestId("monster-1-life").fill("0");
    await page.getByTestId("start").click();
    expect(await problem()).toBe("Monster 2's life must be a whole number from 1 to 1000000.");
    const shown = await readError(page);
    expect(shown.code).toBe("INVALID_MONSTER");
    expect(shown.text).toBe(
      "A monster is out of boundsFix the field marked above, then start again.INVALID_MONSTER",
    );
    const life = page.getByTestId("monster-1-life");
    expect(await life.getAttribute("aria-invalid")).toBe("true");
    expect(await life.getAttribute("aria-describedby")).toBe("field-problem");
    await screenshot(page, "web-client-refused-start-phone");
    const direct = await httpClient(server.url).mutate<Started>(START, {
      input: { monsters: [SHORT_ARRAY[0], { ...SHORT_ARRAY[1], life: 0 }] },
    });
    expect(direct.errors).toEqual([]);
    expect(direct.data!.startGame).toEqual({
      playerToken: null,
      game: null,
      userErrors: [
        {
          code: "INVALID_MONSTER",
          field: ["input", "monsters", "1", "life"],
          message: expect.any(String),
        },
      ],
    });
    expect(starts.count).toBe(1);

    // Editing the field at fault clears its mark; a blank name is the server's to refuse too.
    await life.fill("35");
    expect(await page.getByTestId("field-problem").count()).toBe(0);
    expect(await life.getAttribute("aria-invalid")).toBeNull();
    await page.getByTestId("monster-0-name").fill("  ");
    await page.getByTestId("start").click();
    expect(await problem()).toBe(
      "Monster 1's name must be 1 to 64 printable characters (letters, numbers, punctuation, symbols, spaces), not blank.",
    );
    expect(starts.count).toBe(2);

    // Text no Int can carry is stopped by the page, sent nowhere, in the same words.
    await page.getByTestId("monster-0-name").fill("Snail");
    await page.getByTestId("monster-0-strength").fill("strong");
    await page.getByTestId("start").click();
    expect(await problem()).toBe("Monster 1's strength must be a whole number from 0 to 1000000.");
    expect((await readError(page)).code).toBe("INVALID_MONSTER");
    await page.getByTestId("monster-0-strength").fill("1");
    await page.getByTestId("seed").fill("99999999999");
    await page.getByTestId("start").click();
    expect(await problem()).toBe(
      "The seed must be a whole number from -2147483648 to 2147483647, or left empty.",
    );
    expect((await readError(page)).code).toBe("INVALID_SEED");
    expect(await page.getByTestId("seed").getAttribute("aria-invalid")).toBe("true");
    expect(starts.count).toBe(2);
    // Still on the start form, nothing started.
    expect(new URL(page.url()).search).toBe("");
  });

  it("shows GAME_NOT_FOUND for a link to a game that does not exist", async () => {
    for (const id of ["nope", "00000000-0000-4000-8000-000000000000"]) {
      const page = await newPage();
      await page.goto(`${origin}/?game=${id}`);
      const shown = await readError(page);
      expect(shown.code).toBe("GAME_NOT_FOUND");
      expect(shown.text).toBe(
        "No such gameThis game does not exist: the link may be mistyped, the game was abandoned, or it expired after a long time without a move. Start a new one.GAME_NOT_FOUND",
      );
      expect(await page.getByTestId("game").count()).toBe(0);
      // Nothing to share: the link would lead to this same notice.
      expect(await page.getByTestId("share").count()).toBe(0);
    }
  });

  /** A game started over HTTP with the seeded short array: its id and player token. */
  const startedGame = async () => {
    const r = await httpClient(server.url).mutate<Started>(START, {
      input: { seed: SEED, monsters: SHORT_ARRAY },
    });
    expect(r.data!.startGame.userErrors).toEqual([]);
    return { gameId: r.data!.startGame.game!.id, token: r.data!.startGame.playerToken! };
  };

  it("offers the game's full link with a Copy button: Copied, or the link selected when the clipboard is refused", async () => {
    const { gameId, token } = await startedGame();
    const link = `${origin}/?game=${gameId}`;

    // The player's tab, where the browser allows the clipboard.
    const player = await newPage({ gameId, token });
    await player.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    await player.goto(link);
    expect(await player.getByTestId("game-link").inputValue()).toBe(link);
    expect(await text(player, "copy-status")).toBe("");
    await player.getByTestId("copy-link").click();
    await player.waitForFunction(
      () => document.querySelector("[data-testid=copy-status]")?.textContent === "Copied",
    );
    expect(await player.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // A watcher whose browser refuses the clipboard: the link is selected to copy by hand.
    const watcher = await newPage();
    await watcher.context().addInitScript(() => {
      navigator.clipboard.writeText = () => Promise.reject(new Error("NotAllowedError"));
    });
    await watcher.goto(link);
    await watcher.getByTestId("watching-note").waitFor();
    expect(await watcher.getByTestId("game-link").inputValue()).toBe(link);
    await watcher.getByTestId("copy-link").click();
    await watcher.waitForFunction(
      () => document.querySelector("[data-testid=copy-status]")?.textContent !== "",
    );
    expect(await text(watcher, "copy-status")).toBe(
      "This browser did not allow copying: the link is selected, copy it with Ctrl+C (or ⌘C).",
    );
    expect(
      await watcher.evaluate(() => {
        const focused = document.activeElement;
        return focused && [focused.id, focused.selectionStart, focused.selectionEnd];
      }),
    ).toEqual(["share-link", 0, link.length]);
  });

  it("says that a link ending in ?game= names no game, and offers to start one", async () => {
    const page = await newPage();
    await page.goto(`${origin}/?game=`);
    const notice = page.getByTestId("missing-game-id");
    await notice.waitFor();
    expect(await notice.getAttribute("role")).toBe("alert");
    expect(await notice.textContent()).toBe(
      "This link has no game idIt ends in ?game= with nothing after it, so it names no game: it was probably cut short. Ask for the whole link, or start a game of your own.Start a game",
    );
    expect(await page.getByTestId("start-form").count()).toBe(0);
    expect(await page.getByTestId("share").count()).toBe(0);
    await page.getByTestId("start-new").click();
    await page.getByTestId("start-form").waitFor();
    expect(new URL(page.url()).search).toBe("");
  });

  it("fills the rabbit's life bar at its starting life (10), or at its life now when higher, in every tab, and says so", async () => {
    const { gameId, token } = await startedGame();
    const page = await newPage();
    await page.goto(`${origin}/?game=${gameId}`);
    await page.getByTestId("watching-note").waitFor();
    const bar = page.getByTestId("rabbit-life-bar");
    expect(await bar.getAttribute("title")).toBe(
      "Full bar: the life Rabbit started with (10), or its life now when higher.",
    );
    expect(await text(page, "monster-life-max")).toBe("20");

    // Played elsewhere; this tab follows the feed. With this seed, lettuce takes the rabbit to
    // 31, and it falls from there: a bar full at the most life seen would read 28 / 31.
    const lives: number[] = [];
    for (let status = "IN_PROGRESS", life = 10; status !== "VICTORY";) {
      expect(lives.length).toBeLessThan(100);
      const r = await httpClient(server.url, token).mutate<{
        attack: { game: GameSummary };
      }>(ATTACK, { input: { gameId, weapon: weaponFor(life) } });
      ({
        status,
        rabbit: { life },
      } = r.data!.attack.game);
      lives.push(life);
      await page.waitForFunction(
        (t) => document.querySelector("[data-testid=turn]")?.textContent === String(t),
        lives.length,
      );
      const max = String(Math.max(10, life));
      expect([await text(page, "rabbit-life"), await text(page, "rabbit-life-max")]).toEqual([
        String(life),
        max,
      ]);
      expect(await bar.getByRole("meter").getAttribute("aria-valuemax")).toBe(max);
    }
    const peak = lives.indexOf(Math.max(...lives));
    expect(lives[peak]).toBeGreaterThan(10);
    expect(lives.slice(peak + 1).some((life) => life < lives[peak]!)).toBe(true);
  });

  it("says the game is gone when the server ends its live feed (the game abandoned), and stops offering it", async () => {
    const { gameId, token } = await startedGame();
    const page = await newPage({ gameId, token });
    await page.goto(`${origin}/?game=${gameId}`);
    await page.waitForFunction(
      () => document.querySelector("[data-testid=feed-status]")?.textContent === "live",
    );
    expect(await page.getByTestId("weapon-BOOMERANG").isEnabled()).toBe(true);
    expect(await page.getByTestId("error").count()).toBe(0);

    const abandoned = await httpClient(server.url, token).mutate<{
      abandonGame: { abandonedGameId: string | null; userErrors: UserError[] };
    }>(
      `mutation ($input: AbandonGameInput!) { abandonGame(input: $input) { abandonedGameId userErrors { code field message } } }`,
      { input: { gameId } },
    );
    expect(abandoned.data!.abandonGame).toEqual({ abandonedGameId: gameId, userErrors: [] });

    await page.waitForFunction(
      () => document.querySelector("[data-testid=feed-status]")?.textContent === "ended",
    );
    const shown = await readError(page);
    expect(shown.code).toBe("GAME_GONE");
    expect(shown.text).toBe(
      "This game is goneIts live feed has ended: the game was abandoned, or it expired after a long time without a move. The board shows it as it last stood. Start a new one.GAME_GONE",
    );
    expect(await weaponsDisabled(page)).toEqual([true, true, true, true]);
    expect(await page.getByTestId("share").count()).toBe(0);
    // The board as it last stood, the turn the page last saw.
    expect(await text(page, "turn")).toBe("0");
    expect(await text(page, "status")).toBe("GONE");
  });

  it("shows CONFLICT, GAME_OVER, FORBIDDEN and UNAUTHENTICATED from a tab that missed the last turn", async () => {
    const http = httpClient(server.url);
    const start = async () => {
      const r = await http.mutate<Started>(START, {
        input: { seed: SEED, monsters: SHORT_ARRAY },
      });
      expect(r.errors).toEqual([]);
      expect(r.data!.startGame.userErrors).toEqual([]);
      const { game, playerToken } = r.data!.startGame;
      return { game: game!, playerToken: playerToken! };
    };
    const attack = async (gameId: string, token: string, weapon: Weapon) => {
      const r = await httpClient(server.url, token).mutate<{
        attack: { game: GameSummary | null; userErrors: UserError[] };
      }>(ATTACK, { input: { gameId, weapon } });
      expect(r.errors).toEqual([]);
      expect(r.data!.attack.userErrors).toEqual([]);
      return r.data!.attack.game!;
    };

    // The seeded battle once through, to know its weapons; then the same battle up to the last turn.
    const rehearsal = await start();
    const weapons: Weapon[] = [];
    for (let game: GameSummary = rehearsal.game; game.status !== "VICTORY";) {
      weapons.push(weaponFor(game.rabbit.life));
      game = await attack(rehearsal.game.id, rehearsal.playerToken, weapons.at(-1)!);
    }
    const { game, playerToken } = await start();
    for (const weapon of weapons.slice(0, -1)) await attack(game.id, playerToken, weapon);
    const lastTurn = weapons.length - 1;

    // Tabs that hold a token (the player's, another game's, a garbled one) but whose live feed is
    // cut, so they still show the turn before the last when it is played elsewhere.
    const tab = async (token: string) => {
      const page = await newPage({ gameId: game.id, token });
      await page.routeWebSocket(/\/graphql$/, () => {
        // Never connected to the server: the socket opens and stays silent.
      });
      await page.goto(`${origin}/?game=${game.id}`);
      await page.waitForFunction(
        (t) => document.querySelector("[data-testid=turn]")?.textContent === String(t),
        lastTurn,
      );
      expect(await page.getByTestId("weapon-BOOMERANG").isEnabled()).toBe(true);
      return page;
    };
    const stale = await tab(playerToken);
    const staleWithoutExpectedTurn = await tab(playerToken);
    const otherGamesToken = await tab(rehearsal.playerToken);
    const garbledToken = await tab("not a token");

    await otherGamesToken.getByTestId("weapon-BOOMERANG").click();
    const forbidden = await readError(otherGamesToken);
    expect(forbidden.code).toBe("FORBIDDEN");
    expect(forbidden.text).toContain("Wrong player token");
    await garbledToken.getByTestId("weapon-BOOMERANG").click();
    const unauthenticated = await readError(garbledToken);
    expect(unauthenticated.code).toBe("UNAUTHENTICATED");
    expect(unauthenticated.text).toContain("Not your game to play");

    expect((await attack(game.id, playerToken, weapons.at(-1)!)).status).toBe("VICTORY");

    // The tab sends the turn it shows: the server refuses it as CONFLICT (a userError of the
    // attack's payload), and nothing is played.
    await stale.getByTestId("weapon-BOOMERANG").click();
    const conflict = await readError(stale);
    expect(conflict.code).toBe("CONFLICT");
    expect(conflict.text).toContain("The game moved on");
    // Then it reads the board again and shows the victory.
    await stale.getByTestId("victory").waitFor();
    expect(await weaponsDisabled(stale)).toEqual([true, true, true, true]);

    // This page never meets GAME_OVER on its own (the stale turn is refused first, as above), so
    // this one request goes out without its expectedTurn, and the server's real answer is shown.
    await staleWithoutExpectedTurn.route("**/graphql", async (route) => {
      const body = route.request().postDataJSON() as {
        variables?: { input?: Record<string, unknown> };
      };
      const input = body.variables?.input;
      if (input && "weapon" in input) delete input.expectedTurn;
      await route.continue({ postData: JSON.stringify(body) });
    });
    await staleWithoutExpectedTurn.getByTestId("weapon-BOOMERANG").click();
    const gameOver = await readError(staleWithoutExpectedTurn);
    expect(gameOver.code).toBe("GAME_OVER");
    expect(gameOver.text).toContain("The battle is over");
    await staleWithoutExpectedTurn.getByTestId("victory").waitFor();

    // Nothing any refused click sent was played: the game ended at the turn the player won.
    const stored = await storedMessages(game.id);
    expect(stored.at(-1)).toBe(DECIMATED);
    const read = await http.query<{ game: GameSummary }>(
      `query ($id: ID!) { game(id: $id) { turn status rabbit { life } } }`,
      { id: game.id },
    );
    expect(read.data?.game.turn).toBe(weapons.length);
  });

  it("shows a network error when the server is gone", async () => {
    const lonely = await startServerProcess({});
    try {
      const started = await httpClient(lonely.url).mutate<Started>(START, {
        input: { seed: SEED, monsters: SHORT_ARRAY },
      });
      const { game, playerToken } = started.data!.startGame;
      const page = await newPage({ gameId: game!.id, token: playerToken! });
      const here = new URL(lonely.url).origin;
      await page.goto(`${here}/?game=${game!.id}`);
      await lastLogLineIs(page, "[Get ready. Snail has emerged!]");
      await lonely.stop();
      await page.getByTestId("weapon-BOOMERANG").click();
      const shown = await readError(page);
      expect(shown.code).toBe("NETWORK_ERROR");
      expect(shown.text).toContain("Cannot reach the server");
      await page.waitForFunction(
        () => document.querySelector("[data-testid=feed-status]")?.textContent === "reconnecting…",
      );
    } finally {
      await lonely.stop();
    }
  });
});
