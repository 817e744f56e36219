import { EXAMPLE_TABS } from "../../ide/src/example-tabs";
import { httpClient } from "./support/clients";
import { startServerProcess, type ServerProcess } from "./support/server-process";

type Started = { startGame: { playerToken: string; game: { id: string } } };
type Attacked = { attack: { game: { status: string; turn: number; rabbit: { alive: boolean } } } };

/** The preloaded tab whose operation is `name`. */
function tab(name: string): string {
  const found = EXAMPLE_TABS.find((t) => t.query?.includes(` ${name}`));
  if (!found?.query) throw new Error(`no example tab runs ${name}`);
  return found.query;
}

describe("the IDE's preloaded battle, as its tabs say to play it", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess();
  });
  afterAll(() => server?.stop());

  it("is won by running Start once, then Attack eight times, as the tabs' comments promise", async () => {
    expect(tab("Start")).toContain("with seed 3,\n# eight BOOMERANG attacks win");
    const started = await httpClient(server.url).mutate<Started>(tab("Start"));
    expect(started.errors).toEqual([]);
    const { playerToken, game } = started.data!.startGame;

    const player = httpClient(server.url, playerToken);
    const seen: { turn: number; status: string; alive: boolean }[] = [];
    for (let i = 0; i < 8; i++) {
      const attacked = await player.mutate<Attacked>(tab("Attack"), { gameId: game.id });
      expect(attacked.errors).toEqual([]);
      const after = attacked.data!.attack.game;
      seen.push({ turn: after.turn, status: after.status, alive: after.rabbit.alive });
    }
    expect(seen.map((s) => s.turn)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(seen.map((s) => s.status)).toEqual([...Array(7).fill("IN_PROGRESS"), "VICTORY"]);
    // The rabbit never dies on the way: every attack is a hit, none "too dead to fight".
    expect(seen.every((s) => s.alive)).toBe(true);
  });
});
