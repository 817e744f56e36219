/**
 * v1's global ids against the real server (`node dist/main.js`), over HTTP: a monster's id is
 * unique among every game's monsters, `node(id)` reads a monster by it (as a client cache
 * refetches), and the events that name a monster carry that same id. (game-flow reads a Game
 * through node.)
 */
import { httpClient } from "./support/clients";
import { START_GAME, type ApiEvent, type ApiGame } from "./support/operations";
import { startServerProcess, type ServerProcess } from "./support/server-process";

jest.setTimeout(30_000);

const NODE = `query Node($id: ID!) {
  node(id: $id) { __typename id ... on Monster { name life strength charisma weapon } }
}`;

/** A monster of a custom array, `n` telling them apart. */
function monster(n: number) {
  return { name: `Imp${n}`, life: 10 + n, strength: n, charisma: n, weapon: n };
}

describe("global ids: monsters of every game, read back through node(id:)", () => {
  let server: ServerProcess;
  let http: ReturnType<typeof httpClient>;

  beforeAll(async () => {
    server = await startServerProcess();
    http = httpClient(server.url);
  }, 60_000);
  afterAll(() => server?.stop());

  async function start(monsters = [monster(1), monster(2), monster(3)]) {
    const started = await http.mutate<{ startGame: { game: ApiGame; events: ApiEvent[] } }>(
      START_GAME,
      { input: { seed: 1, monsters } },
    );
    expect(started.errors).toEqual([]);
    return started.data!.startGame;
  }

  const monsterIds = (game: ApiGame) =>
    [game.currentMonster!, ...game.waitingMonsters].map((m) => m.id);

  it("reads a monster by its global id, as the game shows it; the opening event carries the same id", async () => {
    const { game, events } = await start();
    const front = game.currentMonster!;
    expect(events).toMatchObject([{ __typename: "MonsterEmergedEvent", monsterId: front.id }]);
    for (const [i, id] of monsterIds(game).entries()) {
      const read = await http.query<{ node: unknown }>(NODE, { id });
      expect(read).toEqual({
        data: { node: { __typename: "Monster", id, ...monster(i + 1) } },
        errors: [],
      });
    }
  });

  it("gives two games with the same array and seed monster ids that never collide", async () => {
    const [a, b] = [await start(), await start()];
    const ids = [...monsterIds(a.game), ...monsterIds(b.game)];
    expect(new Set(ids).size).toBe(6);
    expect(ids.some((id) => id === a.game.id || id === b.game.id)).toBe(false);
    // Each id reads back as its own game's monster.
    const read = await http.query<{ node: { id: string } }>(NODE, { id: monsterIds(b.game)[0] });
    expect(read.data?.node.id).toBe(b.game.currentMonster!.id);
  });

  it("reads null for a monster id the game does not have, or that names no game", async () => {
    const { game } = await start();
    const [front] = monsterIds(game);
    const gone = [
      front!.replace(game.id, "00000000-0000-4000-8000-000000000000"),
      `${front!.slice(0, front!.lastIndexOf("."))}.99`,
      `${front}.1`,
    ];
    for (const id of gone) {
      expect(await http.query<{ node: unknown }>(NODE, { id })).toEqual({
        data: { node: null },
        errors: [],
      });
    }
  });
});
