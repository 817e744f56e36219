import "reflect-metadata";
import { parse, subscribe, type ExecutionResult } from "graphql";
import pino from "pino";
import { composeApplication, type Application } from "../../src/compose-application";
import { buildGraphQLSchema } from "../../src/graphql/schema";
import { loadConfig } from "../../src/infrastructure/config";

/**
 * battleTurns on any executor: graphql-js's own subscribe reads the LiveTurnSource as an async
 * iterable (the server's WebSocket path starts it with a watcher instead).
 */
describe("battleTurns through graphql-js's subscribe", () => {
  let app: Application;
  beforeAll(async () => {
    app = await composeApplication(loadConfig({}), pino({ level: "silent" }));
  });
  afterAll(() => app.close());

  const WATCH = parse(
    "subscription($gameId: ID!, $fromTurn: Int) { battleTurns(gameId: $gameId, fromTurn: $fromTurn) { turn events { message } game { turn } } }",
  );

  async function watch(variableValues: Record<string, unknown>) {
    const schema = await buildGraphQLSchema(app.container);
    return subscribe({
      schema,
      document: WATCH,
      variableValues,
      contextValue: { games: app.games },
    });
  }

  it("gives the stored turns, then live ones, and stops the watch on return()", async () => {
    const { game, playerToken } = await app.games.startGame({ seed: 4 });
    const stream = (await watch({
      gameId: game.id,
      fromTurn: 0,
    })) as AsyncGenerator<ExecutionResult>;
    const first = await stream.next();
    expect(first.value).toEqual({
      data: {
        battleTurns: {
          turn: 0,
          events: [{ message: expect.stringContaining("emerged") }],
          game: { turn: 0 },
        },
      },
    });
    const attacked = await app.games.attack(game.id, "LETTUCE", playerToken);
    const second = await stream.next();
    expect(second.value).toEqual({
      data: {
        battleTurns: {
          turn: 1,
          events: attacked.events.map((e) => ({ message: e.message })),
          game: { turn: 1 },
        },
      },
    });
    expect(app.games.watching(game.id)).toBe(1);
    await stream.return(undefined);
    expect(app.games.watching()).toBe(0);
  });

  it("ends when the game is abandoned", async () => {
    const { game, playerToken } = await app.games.startGame({ seed: 5 });
    const stream = (await watch({ gameId: game.id })) as AsyncGenerator<ExecutionResult>;
    const next = stream.next();
    await app.games.abandonGame(game.id, playerToken);
    expect(await next).toEqual({ done: true, value: undefined });
    expect(app.games.watching()).toBe(0);
  });

  it("fails with NOT_FOUND for an unknown game, holding nothing", async () => {
    const stream = (await watch({ gameId: "nope" })) as AsyncGenerator<ExecutionResult>;
    // graphql-js passes a source's failure on as the rejection of next().
    await expect(stream.next()).rejects.toMatchObject({ code: "GAME_NOT_FOUND" });
    expect(app.games.watching()).toBe(0);
  });
});
