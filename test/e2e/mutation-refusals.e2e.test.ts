/**
 * v1's typed refusals against the real server (`node dist/main.js`) on Redis, over HTTP: each
 * mutation's expected outcomes come back as data, in its payload's `userErrors` (code, `field`
 * path from the mutation's arguments, a message a player can read), with the payload's other
 * fields null, no top-level error, and nothing applied. (The bad-input corpus checks the codes
 * and paths of many more inputs; game-flow checks GAME_OVER after a victory and a stale
 * expectedTurn.)
 */
import { testRedisUrl, uniquePrefix } from "../support/redis";
import { httpClient } from "./support/clients";
import {
  ABANDON,
  ATTACK,
  GAME,
  monsterIdIn,
  START_GAME,
  UPDATE_MONSTER,
  type ApiGame,
  type ApiUserError,
} from "./support/operations";
import { startServerProcess, type ServerProcess } from "./support/server-process";

jest.setTimeout(30_000);

/** A custom monster: harmless unless told otherwise, so a test decides who wins. */
function monster(
  name: string,
  stats: Partial<Record<"life" | "strength" | "charisma" | "weapon", number>> = {},
) {
  return { name, life: 30, strength: 0, charisma: 0, weapon: 0, ...stats };
}

/** A game a test plays: its id and a client holding its player token. */
interface Played {
  game: ApiGame;
  player: ReturnType<typeof httpClient>;
}

/** The one refusal a payload holds, as the API writes it. */
function refusal(code: string, field: string[] | null, message: string): ApiUserError[] {
  return [{ code, field, message }];
}

const UNKNOWN_GAME = "00000000-0000-4000-8000-000000000000";

describe("each mutation's expected outcomes are data in its payload's userErrors", () => {
  let server: ServerProcess;
  let reader: ReturnType<typeof httpClient>;

  beforeAll(async () => {
    server = await startServerProcess({
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: uniquePrefix(),
    });
    reader = httpClient(server.url);
  }, 60_000);
  afterAll(() => server?.stop());

  /** Starts a game (seeded) with `monsters`, or the bestiary. */
  async function start(monsters?: ReturnType<typeof monster>[]): Promise<Played> {
    const started = await reader.mutate<{ startGame: { playerToken: string; game: ApiGame } }>(
      START_GAME,
      { input: { seed: 7, monsters } },
    );
    expect(started.errors).toEqual([]);
    const { playerToken, game } = started.data!.startGame;
    return { game, player: httpClient(server.url, playerToken) };
  }

  async function read(gameId: string): Promise<ApiGame | null | undefined> {
    return (await reader.query<{ game: ApiGame | null }>(GAME, { id: gameId })).data?.game;
  }

  it("startGame: INVALID_MONSTER names the monster and stat at fault; no game, no token", async () => {
    const outcome = await reader.mutate(START_GAME, {
      input: { monsters: [monster("Gnat"), monster("Slug", { life: 0 })] },
    });
    expect(outcome).toEqual({
      data: {
        startGame: {
          playerToken: null,
          game: null,
          events: null,
          userErrors: [
            expect.objectContaining({
              code: "INVALID_MONSTER",
              field: ["input", "monsters", "1", "life"],
            }),
          ],
        },
      },
      errors: [],
    });
  });

  it("updateMonster: INVALID_MONSTER names the patch field at fault; nothing changed", async () => {
    const { game, player } = await start();
    const outcome = await player.mutate(UPDATE_MONSTER, {
      monsterId: monsterIdIn(game.id, 2),
      patch: { name: "Fine", strength: -1 },
    });
    expect(outcome).toEqual({
      data: {
        updateMonster: {
          monster: null,
          game: null,
          userErrors: [
            expect.objectContaining({
              code: "INVALID_MONSTER",
              field: ["input", "patch", "strength"],
            }),
          ],
        },
      },
      errors: [],
    });
    expect(await read(game.id)).toEqual(game);
  });

  it("updateMonster: CONFLICT on a stale expectedVersion, the first change kept", async () => {
    const { game, player } = await start();
    const monsterId = monsterIdIn(game.id, 2);
    const first = await player.mutate(UPDATE_MONSTER, {
      monsterId,
      patch: { name: "First" },
      expectedVersion: 0,
    });
    expect(first.data).toMatchObject({
      updateMonster: {
        monster: { id: monsterId, name: "First" },
        game: { version: 1 },
        userErrors: [],
      },
    });
    const stale = await player.mutate(UPDATE_MONSTER, {
      monsterId,
      patch: { name: "Second" },
      expectedVersion: 0,
    });
    expect(stale).toEqual({
      data: {
        updateMonster: {
          monster: null,
          game: null,
          userErrors: refusal(
            "CONFLICT",
            ["input", "expectedVersion"],
            `Game ${game.id} is at version 1, not at version 0 as expected; nothing was applied.`,
          ),
        },
      },
      errors: [],
    });
    const after = await read(game.id);
    expect(after).toMatchObject({
      version: 1,
      waitingMonsters: [{ id: monsterId, name: "First" }, {}, {}, {}, {}],
    });
  });

  it("updateMonster: MONSTER_NOT_FOUND for a monster that died, and for one the game never had", async () => {
    const { game, player } = await start([monster("Gnat", { life: 1 }), monster("Snail")]);
    // A bomb hits for at least 1: the 1-life Gnat dies and leaves the array.
    const killed = await player.mutate<{ attack: { game: ApiGame } }>(ATTACK, {
      gameId: game.id,
      weapon: "BOMB",
    });
    expect(killed.data?.attack.game.currentMonster).toMatchObject({ name: "Snail" });
    for (const n of [1, 3]) {
      const outcome = await player.mutate(UPDATE_MONSTER, {
        monsterId: monsterIdIn(game.id, n),
        patch: { life: 5 },
      });
      expect(outcome).toEqual({
        data: {
          updateMonster: {
            monster: null,
            game: null,
            userErrors: refusal(
              "MONSTER_NOT_FOUND",
              ["input", "monsterId"],
              `Game ${game.id} has no monster ${n} in its array.`,
            ),
          },
        },
        errors: [],
      });
    }
    expect(await read(game.id)).toEqual(killed.data?.attack.game);
    // The dead monster has left its game: node reads null, as the schema says.
    const node = await reader.query(`query ($id: ID!) { node(id: $id) { id } }`, {
      id: monsterIdIn(game.id, 1),
    });
    expect(node).toEqual({ data: { node: null }, errors: [] });
  });

  it("abandonGame: CONFLICT on a stale expectedVersion leaves the game whole; the current one ends it", async () => {
    const { game, player } = await start();
    const played = await player.mutate<{ attack: { game: ApiGame } }>(ATTACK, {
      gameId: game.id,
      weapon: "BOOMERANG",
    });
    const current = played.data!.attack.game;
    const stale = await player.mutate(ABANDON, { gameId: game.id, expectedVersion: 0 });
    expect(stale).toEqual({
      data: {
        abandonGame: {
          abandonedGameId: null,
          userErrors: refusal(
            "CONFLICT",
            ["input", "expectedVersion"],
            `Game ${game.id} is at version 1, not at version 0 as expected; nothing was applied.`,
          ),
        },
      },
      errors: [],
    });
    expect(await read(game.id)).toEqual(current);
    const ended = await player.mutate(ABANDON, { gameId: game.id, expectedVersion: 1 });
    expect(ended).toEqual({
      data: { abandonGame: { abandonedGameId: game.id, userErrors: [] } },
      errors: [],
    });
    expect(await read(game.id)).toBeNull();
  });

  describe("GAME_NOT_FOUND for a game that is not there", () => {
    const notFound = (field: string) =>
      refusal("GAME_NOT_FOUND", ["input", field], `There is no game "${UNKNOWN_GAME}".`);

    it("attack", async () => {
      const { player } = await start();
      expect(await player.mutate(ATTACK, { gameId: UNKNOWN_GAME, weapon: "BOMB" })).toEqual({
        data: { attack: { game: null, events: null, userErrors: notFound("gameId") } },
        errors: [],
      });
    });

    it("updateMonster, at the monster's id, which names the game", async () => {
      const { player } = await start();
      const outcome = await player.mutate(UPDATE_MONSTER, {
        monsterId: monsterIdIn(UNKNOWN_GAME, 2),
        patch: { life: 5 },
      });
      expect(outcome).toEqual({
        data: { updateMonster: { monster: null, game: null, userErrors: notFound("monsterId") } },
        errors: [],
      });
    });

    it("abandonGame", async () => {
      const { player } = await start();
      expect(await player.mutate(ABANDON, { gameId: UNKNOWN_GAME })).toEqual({
        data: { abandonGame: { abandonedGameId: null, userErrors: notFound("gameId") } },
        errors: [],
      });
    });
  });
});
