import { EXAMPLE_TABS } from "../../ide/src/example-tabs";
import { httpClient } from "./support/clients";
import { startServerProcess, type ServerProcess } from "./support/server-process";

type UserErrors = { userErrors: { code: string; message: string }[] };
type Started = { startGame: { playerToken: string; game: { id: string } } & UserErrors };
type Attacked = {
  attack: {
    game: { status: string; turn: number; rabbit: { alive: boolean } } | null;
    events: { message: string }[] | null;
  } & UserErrors;
};

/** The preloaded tab whose operation is `name`. */
function tab(name: string): string {
  const operation = new RegExp(`^(query|mutation|subscription) ${name}\\b`, "m");
  const found = EXAMPLE_TABS.find((t) => operation.test(t.query ?? ""));
  if (!found?.query) throw new Error(`no example tab runs ${name}`);
  return found.query;
}

/** How many times the Start tab's comment says to run Attack to win. */
function promisedAttacks(): number {
  const promise = /run Start once,\n# then run Attack (\d+) times/.exec(tab("Start"));
  if (!promise) throw new Error("the Start tab no longer says how to win its battle");
  return Number(promise[1]);
}

describe("the IDE's preloaded battle, as its tabs say to play it", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess();
  });
  afterAll(() => server?.stop());

  it("is won by running Start once, then Attack as many times as the Start tab promises", async () => {
    const times = promisedAttacks();
    expect(tab("Attack")).toContain(`(${times} times after the seed-3 Start)`);
    const started = await httpClient(server.url).mutate<Started>(tab("Start"));
    expect(started.errors).toEqual([]);
    expect(started.data!.startGame.userErrors).toEqual([]);
    const { playerToken, game } = started.data!.startGame;

    const player = httpClient(server.url, playerToken);
    const seen: { turn: number; status: string; alive: boolean }[] = [];
    for (let i = 0; i < times; i++) {
      const attacked = await player.mutate<Attacked>(tab("Attack"), { gameId: game.id });
      expect(attacked.errors).toEqual([]);
      expect(attacked.data!.attack.userErrors).toEqual([]);
      const after = attacked.data!.attack.game!;
      seen.push({ turn: after.turn, status: after.status, alive: after.rabbit.alive });
    }
    expect(seen.map((s) => s.turn)).toEqual(Array.from({ length: times }, (_, i) => i + 1));
    expect(seen.map((s) => s.status)).toEqual([
      ...Array<string>(times - 1).fill("IN_PROGRESS"),
      "VICTORY",
    ]);
    // The rabbit never dies on the way: every attack is a hit, none "too dead to fight".
    expect(seen.every((s) => s.alive)).toBe(true);

    // One more run of the tab is refused as data, in the payload, as its comment says.
    const over = await player.mutate<Attacked>(tab("Attack"), { gameId: game.id });
    expect(over.errors).toEqual([]);
    expect(over.data!.attack).toMatchObject({ game: null, events: null });
    expect(over.data!.attack.userErrors.map((e) => e.code)).toEqual(["GAME_OVER"]);
  });
});
