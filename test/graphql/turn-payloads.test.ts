import "reflect-metadata";
import {
  getNamedType,
  GraphQLInt,
  GraphQLObjectType,
  GraphQLSchema,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  specifiedRules,
  type GraphQLNamedType,
} from "graphql";
import pino from "pino";
import { composeApplication, type Application } from "../../src/compose-application";
import type { BattleTurn } from "../../src/domain/battle-turn";
import type { GraphQLContext } from "../../src/graphql/context";
import { buildGraphQLSchema } from "../../src/graphql/schema";
import {
  isRefusal,
  OperationPreparer,
  type PreparedOperation,
} from "../../src/graphql/websocket/operation-preparer";
import { TurnPayloads } from "../../src/graphql/websocket/turn-payloads";
import { loadConfig } from "../../src/infrastructure/config";

/**
 * A selection of every field reachable from `type` (fields with required arguments left out),
 * fragments on every implementation of an interface, down to `depth` levels.
 */
function everyField(schema: GraphQLSchema, type: GraphQLNamedType, depth: number): string {
  if (isLeafType(type)) return "";
  if (depth === 0) return "{ __typename }";
  const parts = ["__typename"];
  if (isInterfaceType(type)) {
    for (const impl of schema.getPossibleTypes(type)) {
      parts.push(`... on ${impl.name} ${everyField(schema, impl, depth)}`);
    }
    return `{ ${parts.join(" ")} }`;
  }
  if (!isObjectType(type)) return "{ __typename }";
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    parts.push(`${field.name} ${everyField(schema, getNamedType(field.type), depth - 1)}`);
  }
  return `{ ${parts.join(" ")} }`;
}

describe("TurnPayloads: one execution per selection, with no caller's context", () => {
  let app: Application;
  let schema: GraphQLSchema;
  let turn: BattleTurn;

  beforeAll(async () => {
    app = await composeApplication(loadConfig({}), pino({ level: "silent" }));
    schema = await buildGraphQLSchema(app.container);
    const started = await app.games.startGame({ seed: 3 });
    const attacked = await app.games.attack(started.game.id, "LETTUCE", started.playerToken);
    turn = { turn: 1, events: attacked.events, game: attacked.game };
  });
  afterAll(() => app.close());

  /** A context that records every property any resolver reads from it. */
  function recordingContext(reads: string[]): GraphQLContext {
    return new Proxy(
      { games: app.games },
      {
        get: (target, property, receiver) => {
          reads.push(String(property));
          return Reflect.get(target, property, receiver) as unknown;
        },
      },
    );
  }

  /** The payload TurnPayloads hands a subscriber of `operation` watching game "g". */
  function payloadOf(payloads: TurnPayloads, operation: PreparedOperation): Promise<string> {
    return new Promise((resolve, reject) =>
      payloads.deliver(turn, operation, {
        payload: (json) => resolve(json.toString()),
        failed: reject,
      }),
    );
  }

  function prepare(query: string, variables: Record<string, unknown>): PreparedOperation {
    const preparer = new OperationPreparer(schema, specifiedRules);
    const prepared = preparer.prepare({ query, variables }, { games: app.games });
    if (isRefusal(prepared)) throw new Error(JSON.stringify(prepared.errors));
    return prepared;
  }

  it("no field under battleTurns reads the context: every field of a turn, to depth 4", async () => {
    const selection = everyField(schema, schema.getType("BattleTurn")!, 4);
    const operation = prepare(
      `subscription($gameId: ID!) { battleTurns(gameId: $gameId) ${selection} }`,
      { gameId: "any" },
    );
    const reads: string[] = [];
    const payloads = new TurnPayloads(recordingContext(reads), () => []);
    const payload = JSON.parse(await payloadOf(payloads, operation)) as {
      data: { battleTurns: { turn: number; game: { turn: number } } };
      errors?: unknown;
    };
    expect(payload.errors).toBeUndefined();
    expect(payload.data.battleTurns).toMatchObject({ turn: 1, game: { turn: 1 } });
    // If a field comes to read the context (the caller's token, its address), this fails: the
    // result is shared by every subscriber of the same selection.
    expect(reads.filter((r) => r !== "games")).toEqual([]);
  });

  it("gives subscribers of the same selection the same text, whatever game or fromTurn they watch", async () => {
    const query =
      "subscription($gameId: ID!, $fromTurn: Int) { battleTurns(gameId: $gameId, fromTurn: $fromTurn) { turn events { message } } }";
    const a = prepare(query, { gameId: "a" });
    const b = prepare(query, { gameId: "b", fromTurn: 0 });
    const payloads = new TurnPayloads({ games: app.games }, () => []);
    expect(a.shareKey).toBe(b.shareKey);
    const texts: Buffer[] = [];
    const failures: unknown[] = [];
    const receiver = {
      payload: (json: Buffer) => texts.push(json),
      failed: (error: unknown) => failures.push(error),
    };
    payloads.deliver(turn, a, receiver);
    payloads.deliver(turn, b, receiver);
    await payloadOf(payloads, a);
    expect(failures).toEqual([]);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toBe(texts[0]);
    expect(JSON.parse(texts[0]!.toString())).toEqual({
      data: { battleTurns: { turn: 1, events: turn.events.map((e) => ({ message: e.message })) } },
    });
  });

  it("tells apart selections, and variables used below the root field", async () => {
    const shaped =
      "subscription($gameId: ID!, $withGame: Boolean!) { battleTurns(gameId: $gameId) { turn game @include(if: $withGame) { turn } } }";
    const withGame = prepare(shaped, { gameId: "a", withGame: true });
    const without = prepare(shaped, { gameId: "a", withGame: false });
    const other = prepare("subscription($gameId: ID!) { battleTurns(gameId: $gameId) { turn } }", {
      gameId: "a",
    });
    expect(new Set([withGame.shareKey, without.shareKey, other.shareKey]).size).toBe(3);
    const payloads = new TurnPayloads({ games: app.games }, () => []);
    expect(JSON.parse(await payloadOf(payloads, withGame))).toEqual({
      data: { battleTurns: { turn: 1, game: { turn: 1 } } },
    });
    expect(JSON.parse(await payloadOf(payloads, without))).toEqual({
      data: { battleTurns: { turn: 1 } },
    });
  });
});

describe("TurnPayloads: each receiver in the order it asked, whatever takes longer to make", () => {
  /** A turn whose `slow` field resolves only when the test says (a field that became async). */
  function slowTurn(turn: number) {
    let resolve: (value: number) => void = () => undefined;
    const value = new Promise<number>((r) => (resolve = r));
    return { turn: { turn, events: [] } as BattleTurn, value, resolve };
  }
  const slow = new Map<BattleTurn, Promise<number>>();
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: { n: { type: GraphQLInt } } }),
    subscription: new GraphQLObjectType({
      name: "Subscription",
      fields: {
        watched: {
          type: new GraphQLObjectType({
            name: "Watched",
            fields: {
              turn: { type: GraphQLInt },
              slow: {
                type: GraphQLInt,
                resolve: (turn: BattleTurn) => slow.get(turn) ?? turn.turn,
              },
            },
          }),
          resolve: (turn: BattleTurn) => turn,
        },
      },
    }),
  });
  const operation = (() => {
    const prepared = new OperationPreparer(schema, specifiedRules).prepare(
      { query: "subscription { watched { turn slow } }" },
      { games: undefined as never },
    );
    if (isRefusal(prepared)) throw new Error(JSON.stringify(prepared.errors));
    return prepared;
  })();

  /** A receiver that records what it was handed: the turn of each payload, or "failed". */
  function receiver() {
    const got: (number | "failed")[] = [];
    return {
      got,
      payload: (json: Buffer) =>
        got.push(
          (JSON.parse(json.toString()) as { data: { watched: { turn: number } } }).data.watched
            .turn,
        ),
      failed: () => got.push("failed"),
    };
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it("a payload made at once waits behind the receiver's earlier one still being made", async () => {
    const payloads = new TurnPayloads({ games: undefined as never }, () => []);
    const three = slowTurn(3);
    slow.set(three.turn, three.value);
    const four: BattleTurn = { turn: 4, events: [] };
    const live = receiver();
    const catchingUp = receiver();
    payloads.deliver(four, operation, live);
    expect(live.got).toEqual([4]);
    payloads.deliver(three.turn, operation, catchingUp);
    payloads.deliver(four, operation, catchingUp);
    await settle();
    expect(catchingUp.got).toEqual([]);
    three.resolve(3);
    await settle();
    expect(catchingUp.got).toEqual([3, 4]);
  });

  it("a payload that is never made fails its receivers after the time limit; the next ones follow", async () => {
    const payloads = new TurnPayloads({ games: undefined as never }, () => [], 20);
    const hung = slowTurn(5);
    slow.set(hung.turn, hung.value);
    const r = receiver();
    payloads.deliver(hung.turn, operation, r);
    payloads.deliver({ turn: 6, events: [] }, operation, r);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(r.got).toEqual(["failed", 6]);
  });
});
