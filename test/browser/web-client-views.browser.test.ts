import type { Browser, BrowserContext, Page } from "playwright-core";
import { httpClient } from "../e2e/support/clients";
import { startServerProcess, type ServerProcess } from "../e2e/support/server-process";
import { testRedisUrl, uniquePrefix } from "../support/redis";
import { seriousAxeViolations } from "./support/axe";
import { launchChromium, screenshot } from "./support/chromium";

jest.setTimeout(120_000);

/** The phone sizes every view must fit: the narrowest common one, and the issue's own. */
const PHONES = [
  { width: 360, height: 780 },
  { width: 390, height: 844 },
] as const;

/** The longest names a monster may have (64 characters), with and without spaces. */
const LONG_NAME = "Bartholomew, the Unreasonably Long-Named Lord of Slugs and Doom!";
const LONG_WORD = "A".repeat(64);

const START = `mutation ($input: StartGameInput) {
  startGame(input: $input) { playerToken game { id status } userErrors { code field } }
}`;
const ATTACK = `mutation ($input: AttackInput!) {
  attack(input: $input) { game { turn status rabbit { alive } } userErrors { code } }
}`;
type Started = {
  startGame: {
    playerToken: string | null;
    game: { id: string; status: string } | null;
    userErrors: unknown[];
  };
};
type Attacked = {
  attack: { game: { turn: number; status: string; rabbit: { alive: boolean } } | null };
};
type Weapon = "BOOMERANG" | "BOMB";

/** The page globals the callbacks below use (the tests' tsconfig has no DOM library). */
declare const document: {
  documentElement: { scrollWidth: number };
  querySelector(selector: string): { textContent: string | null } | null;
};
declare const innerWidth: number;
declare const sessionStorage: { setItem(key: string, value: string): void };

describe("every view of the web client fits a phone and passes axe, light and dark", () => {
  let server: ServerProcess;
  let origin: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** What the pages printed as errors on the console, or threw, since the test began. */
  let pageErrors: string[] = [];

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
  beforeEach(() => {
    pageErrors = [];
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  /** A new profile at the narrowest phone size; with a game's token, that game's player tab. */
  async function newPage(player?: { gameId: string; token: string }): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONES[0] });
    contexts.push(context);
    if (player)
      await context.addInitScript(([key, token]) => sessionStorage.setItem(key, token), [
        `dwemthy:playerToken:${player.gameId}`,
        player.token,
      ] as const);
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    return page;
  }

  /** A game started and played over HTTP: its id and token, and the game after the last turn. */
  async function playedGame(
    monsters: readonly Record<string, string | number>[],
    weapons: readonly Weapon[],
  ) {
    const started = await httpClient(server.url).mutate<Started>(START, {
      input: { seed: 7, monsters },
    });
    expect(started.data!.startGame.userErrors).toEqual([]);
    const { game, playerToken } = started.data!.startGame;
    let after: Attacked["attack"]["game"] = null;
    for (const weapon of weapons) {
      const attacked = await httpClient(server.url, playerToken!).mutate<Attacked>(ATTACK, {
        input: { gameId: game!.id, weapon },
      });
      after = attacked.data!.attack.game;
    }
    return { gameId: game!.id, token: playerToken!, after };
  }

  const turnShown = (page: Page, turn: number) =>
    page.waitForFunction(
      (t) => document.querySelector("[data-testid=turn]")?.textContent === String(t),
      turn,
    );
  /** Waits until the live feed has delivered (the server is listening for the game's turns). */
  const feedLive = (page: Page) =>
    page.waitForFunction(
      () => document.querySelector("[data-testid=feed-status]")?.textContent === "live",
    );

  /** Fills the start form's custom array, adding rows as needed. */
  async function fillArray(page: Page, names: readonly string[]) {
    await page.getByTestId("mode-custom").check();
    for (const [i, name] of names.entries()) {
      if ((await page.getByTestId(`monster-${i}-name`).count()) === 0)
        await page.getByTestId("add-monster").click();
      await page.getByTestId(`monster-${i}-name`).fill(name);
    }
  }

  const ARRAY = [
    { name: LONG_NAME, life: 20, strength: 1, charisma: 10, weapon: 1 },
    { name: LONG_WORD, life: 1000000, strength: 3, charisma: 25, weapon: 2 },
    { name: "Snail", life: 20, strength: 1, charisma: 10, weapon: 1 },
  ];

  /** Each view as a player meets it, opened at phone size, with what shows it is that view. */
  const views: [string, () => Promise<Page>][] = [
    [
      "start form, the original six",
      async () => {
        const page = await newPage();
        await page.goto(`${origin}/`);
        await page.getByTestId("mode-bestiary").check();
        await page.getByTestId("bestiary").waitFor();
        expect(await page.locator("[data-testid=bestiary] tbody tr").count()).toBe(6);
        return page;
      },
    ],
    [
      "start form, a custom array of five with long names",
      async () => {
        const page = await newPage();
        await page.goto(`${origin}/`);
        await fillArray(page, [LONG_NAME, LONG_WORD, "Snail", "Giant Slug", "Kobold"]);
        await page.getByTestId("monster-1-life").fill("1000000");
        expect(await page.getByTestId("monster-row").count()).toBe(5);
        // Room to read a name (a six-column row left 30 px: "Sna", "Gia").
        for (let i = 0; i < 5; i++) {
          const box = await page.getByTestId(`monster-${i}-name`).boundingBox();
          expect(box!.width).toBeGreaterThanOrEqual(200);
        }
        return page;
      },
    ],
    [
      "start form, a field refused",
      async () => {
        const page = await newPage();
        await page.goto(`${origin}/`);
        await fillArray(page, [LONG_NAME, LONG_WORD]);
        await page.getByTestId("monster-1-life").fill("0");
        await page.getByTestId("start").click();
        await page.getByTestId("field-problem").waitFor();
        return page;
      },
    ],
    [
      "a game in play, by its player",
      async () => {
        const game = await playedGame(ARRAY, ["BOOMERANG"]);
        const page = await newPage(game);
        await page.goto(`${origin}/?game=${game.gameId}`);
        await turnShown(page, 1);
        expect(await page.getByTestId("weapon-BOOMERANG").isEnabled()).toBe(true);
        return page;
      },
    ],
    [
      "a game watched through its shared link",
      async () => {
        const game = await playedGame(ARRAY, ["BOOMERANG"]);
        const page = await newPage();
        await page.goto(`${origin}/?game=${game.gameId}`);
        await page.getByTestId("watching-note").waitFor();
        await turnShown(page, 1);
        return page;
      },
    ],
    [
      "a won game",
      async () => {
        const flea = [{ name: LONG_NAME, life: 1, strength: 0, charisma: 1, weapon: 0 }];
        const game = await playedGame(flea, ["BOMB"]);
        expect(game.after?.status).toBe("VICTORY");
        const page = await newPage(game);
        await page.goto(`${origin}/?game=${game.gameId}`);
        await page.getByTestId("victory").waitFor();
        // A won game stays: its feed goes on (it ends only when the game is gone).
        await feedLive(page);
        expect(await page.getByTestId("error").count()).toBe(0);
        return page;
      },
    ],
    [
      "a lost fight: the rabbit dead",
      async () => {
        const doom = [
          { name: LONG_WORD, life: 1000000, strength: 1000000, charisma: 1, weapon: 1000000 },
        ];
        const game = await playedGame(doom, ["BOOMERANG"]);
        expect(game.after?.rabbit.alive).toBe(false);
        const page = await newPage(game);
        await page.goto(`${origin}/?game=${game.gameId}`);
        await page.locator(".creature-rabbit .tag-dead").waitFor();
        return page;
      },
    ],
    [
      "a game that does not exist",
      async () => {
        const page = await newPage();
        await page.goto(`${origin}/?game=nope`);
        await page.locator("[data-testid=error][data-code=GAME_NOT_FOUND]").waitFor();
        return page;
      },
    ],
    [
      "a link with no game id",
      async () => {
        const page = await newPage();
        await page.goto(`${origin}/?game=`);
        await page.getByTestId("missing-game-id").waitFor();
        return page;
      },
    ],
    [
      "a game gone while shown (abandoned)",
      async () => {
        const game = await playedGame(ARRAY, ["BOOMERANG"]);
        const page = await newPage(game);
        await page.goto(`${origin}/?game=${game.gameId}`);
        await turnShown(page, 1);
        // The board may show the game before its feed is listening; abandoned before that, the
        // feed would find no game (GAME_NOT_FOUND) rather than see it end.
        await feedLive(page);
        const abandoned = await httpClient(server.url, game.token).mutate<{
          abandonGame: { abandonedGameId: string | null };
        }>(
          `mutation ($input: AbandonGameInput!) { abandonGame(input: $input) { abandonedGameId } }`,
          {
            input: { gameId: game.gameId },
          },
        );
        expect(abandoned.data!.abandonGame.abandonedGameId).toBe(game.gameId);
        await page.locator("[data-testid=error][data-code=GAME_GONE]").waitFor();
        return page;
      },
    ],
    [
      "a network error during a game",
      async () => {
        const game = await playedGame(ARRAY, ["BOOMERANG"]);
        const page = await newPage(game);
        await page.goto(`${origin}/?game=${game.gameId}`);
        await turnShown(page, 1);
        // The server out of reach for HTTP from now on, as when it is stopped.
        await page.route("**/graphql", (route) => route.abort("connectionrefused"));
        await page.getByTestId("weapon-BOOMERANG").click();
        await page.locator("[data-testid=error][data-code=NETWORK_ERROR]").waitFor();
        return page;
      },
    ],
  ];

  it.each(views)("%s", async (name, open) => {
    const page = await open();
    // Nothing on the console (a missing favicon, a React warning, an uncaught error), except
    // Chromium's own line for each request the network-error view makes fail on purpose.
    const expected = name.includes("network error") ? /^Failed to load resource/ : /^$/;
    expect(pageErrors.filter((text) => !expected.test(text))).toEqual([]);
    // (The listener works: those lines are there.)
    if (name.includes("network error")) expect(pageErrors).not.toEqual([]);
    const file = name
      .replace(/[^a-z0-9]+/gi, "-")
      .replace(/^-|-$/g, "")
      .toLowerCase();
    for (const [i, size] of PHONES.entries()) {
      await page.setViewportSize(size);
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        screen: innerWidth,
      }));
      // No horizontal scroll: the page is no wider than the screen.
      expect(widths.screen).toBe(size.width);
      expect(widths.page).toBeLessThanOrEqual(widths.screen);
      if (i > 0) continue;
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        expect(await seriousAxeViolations(page)).toEqual([]);
        await screenshot(page, `web-client-phone-${file}-${colorScheme}`);
      }
    }
  });
});
