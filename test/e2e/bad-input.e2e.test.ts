/**
 * A corpus of bad inputs against the real server (`node dist/main.js`) on Redis. Each case asserts
 * the exact refusal (HTTP status, `extensions.code` of every error and `extensions.field` where an
 * argument was refused; or, for a mutation's expected outcome, the payload's one userError with its
 * code and `field` path, the payload's other fields null), that nothing changed (the suite's game read through `game` and
 * every key under the server's Redis prefix, before and after), and that the server still answers
 * the next request. The corpus lives in support/bad-input-cases.ts.
 */
import type { Redis } from "ioredis";
import { rawClient, testRedisUrl, uniquePrefix } from "../support/redis";
import {
  ATTACK,
  BAD_INPUT_CASES,
  GAME_STATE,
  START_GAME,
  clearAndQuit,
  postGraphQL,
  redisSnapshot,
  sendHttp,
  wsFrames,
  wsOutcome,
  type BadInputCase,
  type CaseContext,
  type Expected,
  type GraphQLBody,
  type HttpAnswer,
  type RedisSnapshot,
  type WsOutcome,
} from "./support/bad-input-cases";
import { wsClient } from "./support/clients";
import { startServerProcess, type ServerProcess } from "./support/server-process";

jest.setTimeout(30_000);

/** What a client can see of the game, and what Redis holds. */
interface Observation {
  game: unknown;
  redis: RedisSnapshot;
}

/** The comparable part of an answer: every error code (deduplicated) and the first field. */
function summary(errors: GraphQLBody["errors"]) {
  const list = errors ?? [];
  return {
    codes: [...new Set(list.map((e) => e.extensions?.code))],
    field: list[0]?.extensions?.field,
  };
}

function expectedSummary(expected: Expected) {
  return { codes: expected.code === null ? [] : [expected.code], field: expected.field };
}

/**
 * A refusal as data: `data` holds one mutation, whose payload has exactly the expected userError
 * (with a short message a player can read) and null everywhere else.
 */
function expectUserError(data: unknown, expected: Expected): void {
  if (expected.userError === undefined) return;
  const payloads = Object.values((data ?? {}) as Record<string, Record<string, unknown> | null>);
  expect(payloads).toHaveLength(1);
  const { userErrors, ...rest } = payloads[0] ?? {};
  const errors = userErrors as { code: string; field: string[] | null; message: string }[];
  expect(errors.map(({ code, field }) => ({ code, field }))).toEqual([expected.userError]);
  expect(errors[0]!.message).toMatch(/^.{10,300}$/su);
  for (const value of Object.values(rest)) expect(value).toBeNull();
}

/** Every refusal: its code, and no stack or giant echo of the input in what the client reads. */
function expectHttpAnswer(answer: HttpAnswer, expected: Expected): void {
  expect({ status: answer.status, ...summary(answer.body?.errors) }).toEqual({
    status: expected.status,
    ...expectedSummary(expected),
  });
  if (expected.data !== undefined) expect(answer.body?.data).toEqual(expected.data);
  if (expected.code === null) expect(answer.body?.data).toBeTruthy();
  expectUserError(answer.body?.data, expected);
  expectTidyErrors(answer.body?.errors);
}

function expectWsAnswer(outcome: WsOutcome, expected: Expected): void {
  expect({ ...summary(outcome.errors), closed: outcome.closed }).toEqual({
    ...expectedSummary(expected),
    closed: undefined,
  });
  if (expected.code === null) expect(outcome.data).toBeTruthy();
  expectUserError(outcome.data, expected);
  expectTidyErrors(outcome.errors);
}

function expectTidyErrors(errors: GraphQLBody["errors"]): void {
  for (const error of errors ?? []) {
    expect(error.extensions?.stacktrace).toBeUndefined();
    expect(error.message.length).toBeLessThan(1_000);
  }
}

describe("bad input: an exact refusal, nothing changed, the server still up", () => {
  const prefix = uniquePrefix();
  let server: ServerProcess;
  let redis: Redis;
  let ctx: CaseContext;
  let baseline: Observation;

  async function observe(): Promise<Observation> {
    const read = await postGraphQL(ctx.url, { query: GAME_STATE, variables: { id: ctx.gameId } });
    expect(read.status).toBe(200);
    expect(read.body?.errors).toBeUndefined();
    return { game: read.body?.data, redis: await redisSnapshot(redis, prefix) };
  }

  /** The process is alive and answers `{ __typename }` (over WebSocket too, after a WS case). */
  async function expectStillServing(overWebSocket: boolean): Promise<void> {
    expect(server.child.exitCode).toBeNull();
    const next = await postGraphQL(ctx.url, { query: "{ __typename }" });
    expect({ status: next.status, body: next.body }).toEqual({
      status: 200,
      body: { data: { __typename: "Query" } },
    });
    if (overWebSocket) {
      const ws = await wsOutcome(wsClient(ctx.wsUrl), { query: "{ __typename }" });
      expect(ws).toEqual({ data: { __typename: "Query" }, errors: [] });
    }
  }

  /** Sends the case; returns the assertions on its answer, to run once state is checked. */
  async function send(c: BadInputCase): Promise<() => void> {
    switch (c.kind) {
      case "http-op": {
        const answer = await postGraphQL(ctx.url, c.build(ctx), `Bearer ${ctx.token}`);
        return () => expectHttpAnswer(answer, c.expected);
      }
      case "http-raw": {
        const answer = await sendHttp(ctx.url, c.build(ctx));
        return () => expectHttpAnswer(answer, c.expected);
      }
      case "ws-op": {
        const outcome = await wsOutcome(wsClient(ctx.wsUrl, ctx.token), c.build(ctx));
        return () => expectWsAnswer(outcome, c.expected);
      }
      case "ws-frames": {
        const result = await wsFrames(ctx.wsUrl, c.build(ctx), c.options);
        return () => expect({ close: result.close?.code }).toEqual({ close: c.closeCode });
      }
    }
  }

  beforeAll(async () => {
    redis = rawClient();
    server = await startServerProcess({
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: prefix,
      // The corpus is a flood by design (every case from one client in seconds): budgets it never
      // meets, so each case gets its own refusal (rate limits are tested in rate-limits.e2e).
      RATE_LIMIT_START_GAME: "100000",
      RATE_LIMIT_MUTATIONS: "100000",
      RATE_LIMIT_QUERIES: "100000",
      RATE_LIMIT_SUBSCRIPTIONS: "100000",
      // The corpus's silent connection waits 6 s for its 4408.
      WS_CONNECTION_INIT_TIMEOUT_MS: "3000",
    });
    const started = await postGraphQL(server.url, {
      query: START_GAME,
      variables: { input: { seed: 20_240_601 } },
    });
    const payload = (
      started.body?.data as { startGame: { playerToken: string; game: { id: string } } }
    ).startGame;
    ctx = {
      url: server.url,
      wsUrl: server.wsUrl,
      gameId: payload.game.id,
      token: payload.playerToken,
    };
    // One turn played, so the game has a history and a changed rabbit to compare.
    const turn = await postGraphQL(
      ctx.url,
      { query: ATTACK, variables: { gameId: ctx.gameId, weapon: "BOOMERANG" } },
      `Bearer ${ctx.token}`,
    );
    expect(turn.body?.errors).toBeUndefined();
    expect(turn.body?.data).toMatchObject({ attack: { game: { turn: 1 }, userErrors: [] } });
    baseline = await observe();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    if (redis) await clearAndQuit(redis, prefix);
  });

  it("has at least 40 cases", () => {
    expect(BAD_INPUT_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(BAD_INPUT_CASES.map((c) => c.name)).size).toBe(BAD_INPUT_CASES.length);
  });

  it("starts from a game at turn 1 with its keys in Redis", () => {
    expect(baseline.game).toMatchObject({ game: { id: ctx.gameId, turn: 1, version: 1 } });
    // The default bestiary: the game hash (the rabbit in it), the array, the log, six monsters.
    expect(Object.keys(baseline.redis).sort()).toEqual(
      [
        `${prefix}:{${ctx.gameId}}:g`,
        `${prefix}:{${ctx.gameId}}:a`,
        `${prefix}:{${ctx.gameId}}:e`,
        ...["1", "2", "3", "4", "5", "6"].map((id) => `${prefix}:{${ctx.gameId}}:m:${id}`),
      ].sort(),
    );
  });

  it.each(BAD_INPUT_CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const before = await observe();
    const checkAnswer = await send(c);
    await expectStillServing(c.kind === "ws-op" || c.kind === "ws-frames");
    expect(await observe()).toEqual(before);
    checkAnswer();
  });

  it("after the whole corpus, the game and Redis are as they were at the start", async () => {
    expect(await observe()).toEqual(baseline);
    expect(server.child.exitCode).toBeNull();
  });
});
