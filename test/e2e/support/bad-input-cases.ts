/**
 * The refusal suites' shared part: raw HTTP and WebSocket helpers, a snapshot of everything a
 * server stored under its Redis key prefix, and the corpus of bad inputs that
 * bad-input.e2e.test.ts runs (auth.e2e.test.ts uses the helpers).
 *
 * Every case names what it sends and the exact answer expected: the HTTP status, the
 * `extensions.code` of every error, and `extensions.field` (undefined where the refusal comes
 * from GraphQL itself rather than from the game's own checks).
 */
import type { Redis } from "ioredis";
import { createClient, type Client as WsClient } from "graphql-ws";
import WebSocket from "ws";
import type { ReceivedError } from "./clients";
import { monsterIdIn, type ApiUserError } from "./operations";

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

/** A GraphQL-shaped answer body (whatever came back, when it is JSON). */
export interface GraphQLBody {
  data?: unknown;
  errors?: ReceivedError[];
}

/** What an HTTP request came back with. */
export interface HttpAnswer {
  status: number;
  body: GraphQLBody | undefined;
  text: string;
}

/** A raw HTTP request to /graphql. */
export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Query string for a GET, without "?". */
  search?: string;
}

/** Sends one raw request and reads the answer (JSON when it parses). */
export async function sendHttp(url: string, request: RawRequest): Promise<HttpAnswer> {
  const target = request.search ? `${url}?${request.search}` : url;
  const res = await fetch(target, {
    method: request.method ?? "POST",
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let body: GraphQLBody | undefined;
  try {
    body = JSON.parse(text) as GraphQLBody;
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

/** One GraphQL operation. */
export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** POSTs an operation as JSON, with `Authorization` set to `authorization` when given. */
export function postGraphQL(
  url: string,
  operation: Operation,
  authorization?: string,
): Promise<HttpAnswer> {
  return sendHttp(url, {
    headers: {
      "content-type": "application/json",
      ...(authorization !== undefined ? { authorization } : {}),
    },
    body: JSON.stringify(operation),
  });
}

// ---------------------------------------------------------------------------------------------
// WebSocket
// ---------------------------------------------------------------------------------------------

/** How a WebSocket connection ended. */
export interface WsClose {
  code: number;
  reason: string;
}

/** What an operation over WebSocket came back with, or how the connection died instead. */
export interface WsOutcome {
  data?: unknown;
  errors: ReceivedError[];
  /** Set when the server closed the connection instead of answering. */
  closed?: WsClose;
}

/** A graphql-ws client with the given connection params (for malformed authorization). */
export function wsClientWithParams(url: string, connectionParams: Record<string, unknown>) {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

/**
 * Runs one operation over `client` to its end (like wsOnce, with operationName too). A connection
 * the server closes instead of answering comes back as `closed`, with its code, and so does a
 * hang (code -1 after `timeoutMs`), rather than as a rejection. The client is disposed afterwards.
 */
export function wsOutcome(
  client: WsClient,
  operation: Operation,
  timeoutMs = 8_000,
): Promise<WsOutcome> {
  return new Promise((resolve) => {
    let last: { data?: unknown; errors?: readonly unknown[] } | undefined;
    let closed: WsClose | undefined;
    let done = false;
    const off = client.on("closed", (event) => {
      if (done) return;
      const { code, reason } = event as { code: number; reason: string };
      closed = { code, reason: String(reason) };
    });
    const finish = (outcome: WsOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      off();
      void client.dispose();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => finish({ errors: [], closed: { code: -1, reason: `no answer in ${timeoutMs} ms` } }),
      timeoutMs,
    );
    client.subscribe(
      {
        query: operation.query,
        variables: operation.variables ?? {},
        operationName: operation.operationName,
      },
      {
        next: (value) => (last = value),
        error: (error) => {
          if (Array.isArray(error)) {
            finish({ errors: error as ReceivedError[] });
            return;
          }
          const event = error as { code?: number; reason?: string };
          finish({
            errors: [],
            closed: closed ?? {
              code: typeof event.code === "number" ? event.code : -1,
              reason: String(event.reason ?? error),
            },
          });
        },
        complete: () =>
          finish({
            data: last?.data ?? null,
            errors: (last?.errors ?? []) as ReceivedError[],
          }),
      },
    );
  });
}

/** What a raw WebSocket conversation saw. */
export interface WsFramesResult {
  /** Every message the server sent, parsed. */
  messages: unknown[];
  /** How the server ended it; undefined when it was still open after the wait. */
  close?: WsClose;
}

const INIT = JSON.stringify({ type: "connection_init", payload: {} });

/**
 * Talks the graphql-transport-ws protocol by hand with the `ws` package: connects (with the
 * given subprotocol), sends connection_init first and waits for the ack when `init`, then sends
 * `frames` one at a time, and waits for the server to close (up to `waitMs`).
 */
export function wsFrames(
  url: string,
  frames: readonly (string | Buffer)[],
  options: { init?: boolean; waitMs?: number; protocol?: string | null } = {},
): Promise<WsFramesResult> {
  const { init = true, waitMs = 3_000, protocol = "graphql-transport-ws" } = options;
  return new Promise((resolve) => {
    const socket = protocol === null ? new WebSocket(url) : new WebSocket(url, protocol);
    const messages: unknown[] = [];
    let done = false;
    const finish = (close?: WsClose) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ messages, close });
    };
    const timer = setTimeout(() => {
      finish(undefined);
      socket.terminate();
    }, waitMs);
    const sendAll = () => {
      for (const frame of frames) socket.send(frame);
    };
    socket.on("open", () => {
      if (init) socket.send(INIT);
      else sendAll();
    });
    socket.on("message", (data: Buffer) => {
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        message = data.toString();
      }
      messages.push(message);
      if (init && (message as { type?: string }).type === "connection_ack") sendAll();
    });
    socket.on("error", () => undefined);
    socket.on("close", (code: number, reason: Buffer) =>
      finish({ code, reason: reason.toString() }),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Redis
// ---------------------------------------------------------------------------------------------

/** Every key under `prefix`, with its type and whole value, keys sorted. */
export type RedisSnapshot = Record<string, { type: string; value: unknown }>;

/**
 * Reads everything stored under `<prefix>:*` (SCAN, never KEYS). TTLs are left out, and so are the
 * rate limiter's counters (`<prefix>:ratelimit:*`: every request moves them, refused ones too)
 * unless `counters`.
 */
export async function redisSnapshot(
  redis: Redis,
  prefix: string,
  { counters = false }: { counters?: boolean } = {},
): Promise<RedisSnapshot> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  const snapshot: RedisSnapshot = {};
  for (const key of [...new Set(keys)].sort()) {
    if (!counters && key.startsWith(`${prefix}:ratelimit:`)) continue;
    const type = await redis.type(key);
    snapshot[key] = { type, value: await valueOf(redis, key, type) };
  }
  return snapshot;
}

/** After a suite: deletes everything it stored under `<prefix>:*`, then closes the client. */
export async function clearAndQuit(redis: Redis, prefix: string): Promise<void> {
  const keys = Object.keys(await redisSnapshot(redis, prefix, { counters: true }));
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}

async function valueOf(redis: Redis, key: string, type: string): Promise<unknown> {
  switch (type) {
    case "hash":
      return redis.hgetall(key);
    case "list":
      return redis.lrange(key, 0, -1);
    case "string":
      return redis.get(key);
    case "set":
      return (await redis.smembers(key)).sort();
    case "zset":
      return redis.zrange(key, 0, -1, "WITHSCORES");
    case "stream":
      return redis.xrange(key, "-", "+");
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Operations used by both suites
// ---------------------------------------------------------------------------------------------

/** Everything a client can read about a game: compared before and after each refusal. */
export const GAME_STATE = `
  query GameState($id: ID!) {
    game(id: $id) {
      id status turn version createdAt updatedAt monstersRemaining
      rabbit { life strength charisma weapon bombs alive }
      currentMonster { id name life strength charisma weapon }
      waitingMonsters { id name life strength charisma weapon }
      events(last: 100) { nodes { __typename turn message } }
    }
  }`;

export const START_GAME = `
  mutation Start($input: StartGameInput) {
    startGame(input: $input) { playerToken game { id turn } userErrors { code field message } }
  }`;

export const ATTACK = `
  mutation Attack($gameId: ID!, $weapon: Weapon!, $expectedTurn: Int) {
    attack(input: { gameId: $gameId, weapon: $weapon, expectedTurn: $expectedTurn }) {
      game { id turn version } events { turn message } userErrors { code field message }
    }
  }`;

export const UPDATE_MONSTER = `
  mutation Update($monsterId: ID!, $patch: MonsterPatchInput!, $expectedVersion: Int) {
    updateMonster(input: { monsterId: $monsterId, patch: $patch, expectedVersion: $expectedVersion }) {
      monster { id name life strength charisma weapon } game { id version }
      userErrors { code field message }
    }
  }`;

export const ABANDON_GAME = `
  mutation Abandon($gameId: ID!, $expectedVersion: Int) {
    abandonGame(input: { gameId: $gameId, expectedVersion: $expectedVersion }) {
      abandonedGameId userErrors { code field message }
    }
  }`;

export const BATTLE_TURNS = `
  subscription Watch($gameId: ID!, $fromTurn: Int) {
    battleTurns(gameId: $gameId, fromTurn: $fromTurn) {
      turn events { __typename turn message } game { id turn version }
    }
  }`;

// ---------------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------------

/** What a case may refer to: the server and the game started for the suite. */
export interface CaseContext {
  url: string;
  wsUrl: string;
  gameId: string;
  token: string;
}

/** The answer a case expects. */
export interface Expected {
  /** HTTP status (HTTP cases only). */
  status?: number;
  /** `extensions.code` of every error; null when the answer has no error. */
  code: string | null;
  /** `extensions.field` of the first error (undefined: no field). */
  field?: string;
  /** The exact `data`, where it matters (for instance `{ game: null }`). */
  data?: unknown;
  /**
   * The one refusal a mutation's payload holds in `userErrors` (v1's expected outcomes are data,
   * not errors): then `code` is null and every other field of the payload is null.
   */
  userError?: Omit<ApiUserError, "message">;
}

/** A GraphQL operation POSTed as JSON with the suite's player token. */
export interface HttpOperationCase {
  kind: "http-op";
  name: string;
  build: (ctx: CaseContext) => Operation;
  expected: Expected;
}

/** A request that is not a well-formed GraphQL POST (body, content type, method, ...). */
export interface HttpRawCase {
  kind: "http-raw";
  name: string;
  build: (ctx: CaseContext) => RawRequest;
  expected: Expected & { status: number };
}

/** A GraphQL operation over WebSocket (graphql-ws client, with the suite's player token). */
export interface WsOperationCase {
  kind: "ws-op";
  name: string;
  build: (ctx: CaseContext) => Operation;
  expected: Expected;
}

/** Raw frames over WebSocket; the server is expected to close with `closeCode`. */
export interface WsFramesCase {
  kind: "ws-frames";
  name: string;
  build: (ctx: CaseContext) => readonly (string | Buffer)[];
  options?: { init?: boolean; waitMs?: number; protocol?: string | null };
  closeCode: number;
}

export type BadInputCase = HttpOperationCase | HttpRawCase | WsOperationCase | WsFramesCase;

const INT32_OVER = 2 ** 31; // 2147483648: one past GraphQL Int
const INT32_UNDER = -(2 ** 31) - 1;
const NAME_65 = "N".repeat(65);
const UNKNOWN_GAME = "00000000-0000-4000-8000-000000000000";
const LONG_ID = "x".repeat(10_000);

/** A valid custom monster; cases break one thing in it. */
const GNAT = { name: "Gnat", life: 5, strength: 1, charisma: 1, weapon: 1 };

/** A monster as a GraphQL literal, fields given as source text (so any literal can be tried). */
function monsterLiteral(fields: Record<string, string | undefined>): string {
  const base: Record<string, string | undefined> = {
    name: JSON.stringify(GNAT.name),
    life: String(GNAT.life),
    strength: String(GNAT.strength),
    charisma: String(GNAT.charisma),
    weapon: String(GNAT.weapon),
    ...fields,
  };
  const parts = Object.entries(base)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`);
  return `{ ${parts.join(", ")} }`;
}

/** What a refused mutation's payload is read with: its refusals, whole. */
const REFUSALS = "userErrors { code field message }";

const startLiteral = (...monsters: string[]): Operation => ({
  query: `mutation { startGame(input: { monsters: [${monsters.join(", ")}] }) { playerToken game { id } ${REFUSALS} } }`,
});

const startVars = (input: unknown): Operation => ({ query: START_GAME, variables: { input } });

const withGnat = (fields: Record<string, unknown>) =>
  startVars({ monsters: [{ ...GNAT, ...fields }] });

const attackLiteral = (gameId: string, weapon: string): Operation => ({
  query: `mutation { attack(input: { gameId: ${JSON.stringify(gameId)}, weapon: ${weapon} }) { game { turn } ${REFUSALS} } }`,
});

const attackVars = (gameId: string, weapon: unknown, expectedTurn?: number): Operation => ({
  query: ATTACK,
  variables: { gameId, weapon, expectedTurn },
});

/** An updateMonster of monster `n` (the second by default, waiting in the array) of `gameId`. */
const patchVars = (
  gameId: string,
  patch: unknown,
  n = "2",
  expectedVersion?: number,
): Operation => ({
  query: UPDATE_MONSTER,
  variables: { monsterId: monsterIdIn(gameId, n), patch, expectedVersion },
});

const patchLiteral = (gameId: string, patch: string, n = "2"): Operation => ({
  query: `mutation { updateMonster(input: { monsterId: ${JSON.stringify(monsterIdIn(gameId, n))}, patch: ${patch} }) { monster { id } ${REFUSALS} } }`,
});

/** An updateMonster of the monster whose whole id is `monsterId`. */
const patchById = (monsterId: string, patch: unknown): Operation => ({
  query: UPDATE_MONSTER,
  variables: { monsterId, patch },
});

const abandonVars = (gameId: string, expectedVersion?: number): Operation => ({
  query: ABANDON_GAME,
  variables: { gameId, expectedVersion },
});

const gameById = (id: string): Operation => ({
  query: `query Game($id: ID!) { game(id: $id) { id turn } }`,
  variables: { id },
});

/** Nested inline fragments: no field is deep, but each `... on Query` counts as a level. */
const nestedFragments = (levels: number, inner: string): string =>
  `${"... on Query { ".repeat(levels)}${inner}${" }".repeat(levels)}`;

/** `__type(name:) { fields { type { ofType ... } } }`: the deepest plain field chain there is. */
const deepType = `{ __type(name: "Game") { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }`;

/** The same through `__schema`, which the depth and cost rules exempt. */
const deepSchema = `{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }`;

const aliases = (count: number, field = "bestiary { name }") =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(" ")} }`;

/** 300 spreads of one fragment: cost ~7,600 against a limit of 5,000, depth 3, 0 aliases. */
const costBomb = `{ ${"...F ".repeat(300)}} fragment F on Query { bestiary { name life strength charisma weapon } }`;

/** 2,001 `__typename` plus the braces: over the 2,000-token parse limit. */
const tokenBomb = `{ ${"__typename ".repeat(2_001)}}`;

const json = { "content-type": "application/json" };

/**
 * An object parsed from JSON text, as a server parses a body: `"__proto__"` becomes an own key
 * (an object literal would set the prototype instead), and JSON.stringify sends it as it is.
 */
const parsed = (text: string) => JSON.parse(text) as Record<string, unknown>;

/** A body whose JSON text is written by hand (numbers JSON.stringify cannot write, own keys). */
const jsonBody = (text: string): RawRequest => ({ headers: json, body: text });

const START_GAME_JSON = JSON.stringify(START_GAME);
const UPDATE_MONSTER_JSON = JSON.stringify(UPDATE_MONSTER);
const GNAT_JSON = JSON.stringify(GNAT).slice(1, -1);
const BEYOND_2_53 = "9007199254740993"; // 2^53 + 1: no double holds it, JSON.parse rounds it
const sameField1000 = (field: string) => `${field} `.repeat(1_000);
const repeatedSkip = `{ __typename ${"@skip(if: false) ".repeat(1_000)}}`;
const repeatedInclude = `{ __typename ${"@include(if: true) ".repeat(250)}}`;

const VALIDATION = "GRAPHQL_VALIDATION_FAILED";
const PARSE = "GRAPHQL_PARSE_FAILED";
const INPUT = "BAD_USER_INPUT";
const GAME_NOT_FOUND = "GAME_NOT_FOUND";
const MONSTER_NOT_FOUND = "MONSTER_NOT_FOUND";
const INVALID_MONSTER = "INVALID_MONSTER";
const CONFLICT = "CONFLICT";
const BAD_REQUEST = "BAD_REQUEST";
const MEDIA = "UNSUPPORTED_MEDIA_TYPE";

function httpOp(
  name: string,
  build: (ctx: CaseContext) => Operation,
  status: number,
  code: string | null,
  field?: string,
): HttpOperationCase {
  return { kind: "http-op", name, build, expected: { status, code, field } };
}

/** A path from a mutation's arguments to the input at fault, as a userError's `field` reads. */
const field = (...parts: string[]): string[] => ["input", ...parts];

/**
 * A mutation the game refuses as one of its expected outcomes: HTTP 200, no top-level error, the
 * payload's one userError with `code` and `field`, its other fields null.
 */
function refused(
  name: string,
  build: (ctx: CaseContext) => Operation,
  code: string,
  path: string[] | null,
): HttpOperationCase {
  return {
    kind: "http-op",
    name,
    build,
    expected: { status: 200, code: null, userError: { code, field: path } },
  };
}

/** `game(id:)` of a game that is not there: null, and no error. */
function readsNull(name: string, id: string): HttpOperationCase {
  return {
    kind: "http-op",
    name,
    build: () => gameById(id),
    expected: { status: 200, code: null, data: { game: null } },
  };
}

function raw(
  name: string,
  build: (ctx: CaseContext) => RawRequest,
  status: number,
  code: string,
): HttpRawCase {
  return { kind: "http-raw", name, build, expected: { status, code } };
}

function wsOp(
  name: string,
  build: (ctx: CaseContext) => Operation,
  code: string,
  field?: string,
): WsOperationCase {
  return { kind: "ws-op", name, build, expected: { code, field } };
}

/** `refused` over WebSocket: the same payload, with its one userError. */
function wsRefused(
  name: string,
  build: (ctx: CaseContext) => Operation,
  code: string,
  path: string[] | null,
): WsOperationCase {
  return { kind: "ws-op", name, build, expected: { code: null, userError: { code, field: path } } };
}

const eventsPage = (c: CaseContext, args: string): Operation => ({
  query: `query($id: ID!) { game(id: $id) { events(${args}) { nodes { turn } } } }`,
  variables: { id: c.gameId },
});

const getRequest = (params: Record<string, string>, preflight = true): RawRequest => ({
  method: "GET",
  headers: preflight ? { "apollo-require-preflight": "true" } : {},
  search: new URLSearchParams(params).toString(),
});

const persisted = (query?: string) =>
  JSON.stringify({
    ...(query ? { query } : {}),
    extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } },
  });

/** HTTP operation cases (POSTed as JSON, with the suite's token). */
// prettier-ignore
const httpOperations: HttpOperationCase[] = [
  // --- weapons ---------------------------------------------------------------------------------
  httpOp("attack: unknown enum weapon SPOON (literal)", (c) => attackLiteral(c.gameId, "SPOON"), 400, VALIDATION),
  httpOp('attack: unknown enum weapon "SPOON" (variable)', (c) => attackVars(c.gameId, "SPOON"), 400, INPUT),
  httpOp('attack: weapon as a lowercase string "bomb" (variable)', (c) => attackVars(c.gameId, "bomb"), 400, INPUT),
  httpOp("attack: weapon as a lowercase enum bomb (literal)", (c) => attackLiteral(c.gameId, "bomb"), 400, VALIDATION),
  httpOp('attack: weapon as a string "BOMB" (literal)', (c) => attackLiteral(c.gameId, '"BOMB"'), 400, VALIDATION),
  httpOp("attack: weapon as a number 1 (variable)", (c) => attackVars(c.gameId, 1), 400, INPUT),
  httpOp("attack: weapon null for Weapon! (variable)", (c) => attackVars(c.gameId, null), 400, INPUT),

  // --- monster stats: a literal outside Int fails validation, a variable fails coercion; in Int
  //     but outside the game's bounds, the domain refuses and names the field ------------------
  refused("startGame: life 0 (literal)", () => startLiteral(monsterLiteral({ life: "0" })), INVALID_MONSTER, field("monsters", "0", "life")),
  refused("startGame: life 1000001 (literal)", () => startLiteral(monsterLiteral({ life: "1000001" })), INVALID_MONSTER, field("monsters", "0", "life")),
  refused("startGame: life -1 (variable)", () => withGnat({ life: -1 }), INVALID_MONSTER, field("monsters", "0", "life")),
  httpOp("startGame: life 2^31 (literal)", () => startLiteral(monsterLiteral({ life: String(INT32_OVER) })), 400, VALIDATION),
  httpOp("startGame: life 2^31 (variable)", () => withGnat({ life: INT32_OVER }), 400, INPUT),
  httpOp("startGame: life 1.5 (literal)", () => startLiteral(monsterLiteral({ life: "1.5" })), 400, VALIDATION),
  httpOp('startGame: life "5" as a string (variable)', () => withGnat({ life: "5" }), 400, INPUT),
  refused("startGame: strength -1 (literal)", () => startLiteral(monsterLiteral({ strength: "-1" })), INVALID_MONSTER, field("monsters", "0", "strength")),
  refused("startGame: strength 1000001 (variable)", () => withGnat({ strength: 1_000_001 }), INVALID_MONSTER, field("monsters", "0", "strength")),
  httpOp("startGame: strength 1.5 (variable)", () => withGnat({ strength: 1.5 }), 400, INPUT),
  refused("startGame: charisma -2^31 (literal, a valid Int)", () => startLiteral(monsterLiteral({ charisma: String(-(2 ** 31)) })), INVALID_MONSTER, field("monsters", "0", "charisma")),
  httpOp("startGame: charisma 2^31 (variable)", () => withGnat({ charisma: INT32_OVER }), 400, INPUT),
  httpOp("startGame: charisma 1e3 (literal, a Float)", () => startLiteral(monsterLiteral({ charisma: "1e3" })), 400, VALIDATION),
  refused("startGame: weapon 1000001 (literal)", () => startLiteral(monsterLiteral({ weapon: "1000001" })), INVALID_MONSTER, field("monsters", "0", "weapon")),
  refused("startGame: weapon -1 on the second monster (variable)", () => startVars({ monsters: [GNAT, { ...GNAT, weapon: -1 }] }), INVALID_MONSTER, field("monsters", "1", "weapon")),
  httpOp("startGame: weapon 2^31 (literal)", () => startLiteral(monsterLiteral({ weapon: String(INT32_OVER) })), 400, VALIDATION),
  httpOp("startGame: weapon 2.5 (variable)", () => withGnat({ weapon: 2.5 }), 400, INPUT),
  httpOp("startGame: a monster without weapon (literal)", () => startLiteral(monsterLiteral({ weapon: undefined })), 400, VALIDATION),
  httpOp("startGame: a null monster in [MonsterInput!] (variable)", () => startVars({ monsters: [null] }), 400, INPUT),
  httpOp("startGame: an unknown field in a monster (variable)", () => withGnat({ armour: 3 }), 400, INPUT),

  // --- names -----------------------------------------------------------------------------------
  refused("startGame: a 65-character name (literal)", () => startLiteral(monsterLiteral({ name: JSON.stringify(NAME_65) })), INVALID_MONSTER, field("monsters", "0", "name")),
  refused("startGame: an empty name (variable)", () => withGnat({ name: "" }), INVALID_MONSTER, field("monsters", "0", "name")),
  refused('startGame: a blank name "   " (variable)', () => withGnat({ name: "   " }), INVALID_MONSTER, field("monsters", "0", "name")),
  refused("startGame: a name with BEL \\u0007 (literal escape)", () => startLiteral(monsterLiteral({ name: '"Gob\\u0007lin"' })), INVALID_MONSTER, field("monsters", "0", "name")),
  refused("startGame: a name with NUL (variable)", () => withGnat({ name: "Gob\u0000lin" }), INVALID_MONSTER, field("monsters", "0", "name")),
  refused("startGame: a name with a zero-width space (a format character)", () => withGnat({ name: "Zero\u200bwidth" }), INVALID_MONSTER, field("monsters", "0", "name")),
  refused("startGame: a name with a lone surrogate", () => withGnat({ name: "Half\ud800" }), INVALID_MONSTER, field("monsters", "0", "name")),
  httpOp("startGame: a name as a number (literal)", () => startLiteral(monsterLiteral({ name: "5" })), 400, VALIDATION),

  // --- how many monsters -----------------------------------------------------------------------
  refused("startGame: 0 monsters", () => startLiteral(), INVALID_MONSTER, field("monsters")),
  refused("startGame: 101 monsters (variable)", () => startVars({ monsters: Array.from({ length: 101 }, () => GNAT) }), INVALID_MONSTER, field("monsters")),
  // Commas are not tokens: 101 literal monsters are ~1,720 tokens, under the parse limit.
  refused("startGame: 101 monsters (literal)", () => startLiteral(...Array.from({ length: 101 }, () => monsterLiteral({}))), INVALID_MONSTER, field("monsters")),

  // --- seeds (an Int: the domain's own 32-bit check cannot be reached through GraphQL) ---------
  httpOp("startGame: seed 2^31 (literal)", () => ({ query: `mutation { startGame(input: { seed: ${INT32_OVER} }) { playerToken } }` }), 400, VALIDATION),
  httpOp("startGame: seed -2^31-1 (variable)", () => startVars({ seed: INT32_UNDER }), 400, INPUT),
  httpOp("startGame: seed 1.5 (literal)", () => ({ query: "mutation { startGame(input: { seed: 1.5 }) { playerToken } }" }), 400, VALIDATION),
  httpOp("startGame: seed 1.5 (variable)", () => startVars({ seed: 1.5 }), 400, INPUT),
  httpOp('startGame: seed "42" as a string (variable)', () => startVars({ seed: "42" }), 400, INPUT),
  httpOp("startGame: an unknown input field (literal)", () => ({ query: "mutation { startGame(input: { seed: 1, level: 9 }) { playerToken } }" }), 400, VALIDATION),
  httpOp("startGame: input as a list (variable)", () => startVars([1, 2]), 400, INPUT),

  // --- monster patches (the right token; monster 2 is waiting in the array) -------------------
  refused("updateMonster: an empty patch {}", (c) => patchLiteral(c.gameId, "{}"), INVALID_MONSTER, field("patch")),
  refused("updateMonster: a patch of nulls only (variable)", (c) => patchVars(c.gameId, { name: null, life: null }), INVALID_MONSTER, field("patch")),
  refused("updateMonster: patch life 0", (c) => patchLiteral(c.gameId, "{ life: 0 }"), INVALID_MONSTER, field("patch", "life")),
  refused("updateMonster: patch weapon -1", (c) => patchVars(c.gameId, { weapon: -1 }), INVALID_MONSTER, field("patch", "weapon")),
  refused("updateMonster: patch charisma 1000001", (c) => patchVars(c.gameId, { charisma: 1_000_001 }), INVALID_MONSTER, field("patch", "charisma")),
  httpOp("updateMonster: patch strength 2^31 (literal)", (c) => patchLiteral(c.gameId, `{ strength: ${INT32_OVER} }`), 400, VALIDATION),
  httpOp("updateMonster: patch life 2^31 (variable)", (c) => patchVars(c.gameId, { life: INT32_OVER }), 400, INPUT),
  refused('updateMonster: patch name ""', (c) => patchVars(c.gameId, { name: "" }), INVALID_MONSTER, field("patch", "name")),
  refused("updateMonster: patch name of 65 characters", (c) => patchVars(c.gameId, { name: NAME_65 }), INVALID_MONSTER, field("patch", "name")),
  refused("updateMonster: patch name blank", (c) => patchVars(c.gameId, { name: " \t " }), INVALID_MONSTER, field("patch", "name")),
  refused("updateMonster: patch name with ESC, a control character", (c) => patchVars(c.gameId, { name: "Bad\u001bName" }), INVALID_MONSTER, field("patch", "name")),
  httpOp("updateMonster: patch with an unknown field (literal)", (c) => patchLiteral(c.gameId, "{ armour: 3 }"), 400, VALIDATION),
  refused("updateMonster: a valid patch for an unknown monster id 99", (c) => patchVars(c.gameId, { life: 7 }, "99"), MONSTER_NOT_FOUND, field("monsterId")),
  refused('updateMonster: monster id "0"', (c) => patchVars(c.gameId, { life: 7 }, "0"), MONSTER_NOT_FOUND, field("monsterId")),
  refused('updateMonster: monster id "}"', (c) => patchVars(c.gameId, { life: 7 }, "}"), MONSTER_NOT_FOUND, field("monsterId")),
  refused('updateMonster: monster id "1:name" (key injection)', (c) => patchVars(c.gameId, { life: 7 }, "1:name"), MONSTER_NOT_FOUND, field("monsterId")),

  // --- games that do not exist (sent with the suite's real token) ------------------------------
  refused("attack: an unknown game id", () => attackVars(UNKNOWN_GAME, "BOMB"), GAME_NOT_FOUND, field("gameId")),
  refused("updateMonster: a monster id of an unknown game", () => patchVars(UNKNOWN_GAME, { life: 7 }), GAME_NOT_FOUND, field("monsterId")),
  refused("abandonGame: an unknown game id", () => abandonVars(UNKNOWN_GAME), GAME_NOT_FOUND, field("gameId")),
  refused('attack: game id "}"', () => attackVars("}", "BOMB"), GAME_NOT_FOUND, field("gameId")),
  refused('attack: a game id that closes the hash tag ("<id>}:rabbit")', (c) => attackVars(`${c.gameId}}:rabbit`, "BOMB"), GAME_NOT_FOUND, field("gameId")),
  refused("attack: a 10,000-character game id", () => attackVars(LONG_ID, "BOMB"), GAME_NOT_FOUND, field("gameId")),
  refused('abandonGame: game id "*" (a glob)', () => abandonVars("*"), GAME_NOT_FOUND, field("gameId")),
  refused('updateMonster: monster id ".2" (no game)', () => patchById(".2", { life: 7 }), MONSTER_NOT_FOUND, field("monsterId")),
  refused('updateMonster: a bare monster number "2" (no game)', () => patchById("2", { life: 7 }), MONSTER_NOT_FOUND, field("monsterId")),
  refused('updateMonster: a game id, not a monster id', (c) => patchById(c.gameId, { life: 7 }), MONSTER_NOT_FOUND, field("monsterId")),
  refused('updateMonster: a monster id with a part too many', (c) => patchById(`${monsterIdIn(c.gameId, 2)}.1`, { life: 7 }), MONSTER_NOT_FOUND, field("monsterId")),

  // --- stale expectations: the suite's game is at turn 1, version 1 ------------------------------
  refused("attack: expectedTurn 0, a turn past", (c) => attackVars(c.gameId, "BOMB", 0), CONFLICT, field("expectedTurn")),
  refused("attack: expectedTurn 2, a turn not played yet", (c) => attackVars(c.gameId, "BOMB", 2), CONFLICT, field("expectedTurn")),
  refused("updateMonster: expectedVersion 0, a version past", (c) => patchVars(c.gameId, { life: 7 }, "2", 0), CONFLICT, field("expectedVersion")),
  refused("abandonGame: expectedVersion 0, a version past: the game stays", (c) => abandonVars(c.gameId, 0), CONFLICT, field("expectedVersion")),

  // --- unknown games read as null, without an error --------------------------------------------
  readsNull("game: an unknown id reads as null", UNKNOWN_GAME),
  readsNull('game: id "}" reads as null', "}"),
  readsNull('game: id "*" reads as null', "*"),
  readsNull("game: a 10,000-character id reads as null", LONG_ID),
  readsNull('game: id "" reads as null', ""),

  // --- the log's page arguments (the error nulls the nullable game) -----------------------------
  httpOp("events: first -1", (c) => eventsPage(c, "first: -1"), 200, INPUT, "first"),
  httpOp("events: last 101", (c) => eventsPage(c, "last: 101"), 200, INPUT, "last"),
  httpOp("events: first and last", (c) => eventsPage(c, "first: 1, last: 1"), 200, INPUT, "last"),
  httpOp('events: after "nonsense"', (c) => eventsPage(c, 'after: "nonsense"'), 200, INPUT, "after"),
  httpOp("events: first 2^31 (literal)", (c) => eventsPage(c, `first: ${INT32_OVER}`), 400, VALIDATION),
  httpOp("events: first \"1\" for Int (literal)", (c) => eventsPage(c, 'first: "1"'), 400, VALIDATION),

  // --- document shape --------------------------------------------------------------------------
  httpOp("game: the required id missing", () => ({ query: "{ game { id } }" }), 400, VALIDATION),
  httpOp("attack: the required weapon missing", (c) => ({ query: `mutation { attack(input: { gameId: ${JSON.stringify(c.gameId)} }) { game { id } } }` }), 400, VALIDATION),
  httpOp("updateMonster: the required patch missing", (c) => ({ query: `mutation { updateMonster(input: { monsterId: ${JSON.stringify(monsterIdIn(c.gameId, 2))} }) { monster { id } } }` }), 400, VALIDATION),
  httpOp("attack: the v0 arguments, without input", (c) => ({ query: `mutation { attack(gameId: ${JSON.stringify(c.gameId)}, weapon: BOMB) { game { id } } }` }), 400, VALIDATION),
  httpOp("abandonGame: a selection-less v0 call (the payload is an object now)", (c) => ({ query: `mutation { abandonGame(input: { gameId: ${JSON.stringify(c.gameId)} }) }` }), 400, VALIDATION),
  httpOp("attack: a declared Weapon! variable not provided", (c) => ({ query: ATTACK, variables: { gameId: c.gameId } }), 400, INPUT),
  httpOp("game: an unknown field", (c) => ({ query: `{ game(id: ${JSON.stringify(c.gameId)}) { id gold } }` }), 400, VALIDATION),
  httpOp("an unknown root field", () => ({ query: "{ leaderboard { name } }" }), 400, VALIDATION),
  httpOp("bestiary: an unknown argument", () => ({ query: "{ bestiary(first: 1) { name } }" }), 400, VALIDATION),
  httpOp("game: an object field without a selection", (c) => ({ query: `{ game(id: ${JSON.stringify(c.gameId)}) }` }), 400, VALIDATION),
  httpOp("syntax: an unclosed selection", () => ({ query: "{ bestiary { name }" }), 400, PARSE),
  httpOp("syntax: an unterminated string", () => ({ query: '{ game(id: "abc) { id } }' }), 400, PARSE),
  httpOp('syntax: garbage "}{"', () => ({ query: "}{" }), 400, PARSE),
  httpOp("an unknown operationName", () => ({ query: "query A { __typename }", operationName: "B" }), 400, "OPERATION_RESOLUTION_FAILURE"),
  httpOp("two named operations and no operationName", () => ({ query: "query A { __typename } query B { __typename }" }), 400, "OPERATION_RESOLUTION_FAILURE"),
  // Subscriptions are served over WebSocket; over HTTP they should be refused plainly.
  httpOp("a subscription sent over HTTP", (c) => ({ query: BATTLE_TURNS, variables: { gameId: c.gameId } }), 400, BAD_REQUEST),

  // --- operation limits: depth 8, 15 aliases, cost 5,000, 2,000 tokens ------------------------
  httpOp("depth: 10 nested inline fragments", () => ({ query: `{ ${nestedFragments(9, "__typename")} }` }), 400, VALIDATION),
  httpOp("depth: __type { fields { type { ofType x6 } } } (depth 10)", () => ({ query: deepType }), 400, VALIDATION),
  httpOp("depth: deep __schema nesting is exempt (introspection) and answers", () => ({ query: deepSchema }), 200, null),
  httpOp("aliases: 50 aliases of bestiary", () => ({ query: aliases(50) }), 400, VALIDATION),
  httpOp("aliases: 16 aliases of game (one over the limit)", (c) => ({ query: aliases(16, `game(id: ${JSON.stringify(c.gameId)}) { turn }`) }), 400, VALIDATION),
  httpOp("cost: 300 spreads of a bestiary fragment", () => ({ query: costBomb }), 400, VALIDATION),
  httpOp("tokens: 2,003 tokens", () => ({ query: tokenBomb }), 400, PARSE),
  httpOp("1,000 repeated fields (graphql's overlap budget)", () => ({ query: `{ ${"__typename ".repeat(1_000)}}` }), 400, VALIDATION),

  // --- prototype keys: own keys of the parsed JSON, never the prototype ------------------------
  httpOp('variables: a "__proto__" key holding the declared $id', (c) => ({ query: "query($id: ID!) { game(id: $id) { id } }", variables: parsed(`{"__proto__":{"id":${JSON.stringify(c.gameId)}}}`) }), 400, INPUT),
  httpOp('variables: "__proto__" and "constructor" beside the real ones are ignored', (c) => ({ query: "query($id: ID!) { game(id: $id) { id } }", variables: parsed(`{"id":${JSON.stringify(c.gameId)},"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`) }), 200, null),
  httpOp('startGame: input {"__proto__": {"seed": 1}} (variable)', () => startVars(parsed('{"__proto__":{"seed":1}}')), 400, INPUT),
  httpOp('startGame: input {"constructor": {"name": "x"}} (variable)', () => startVars(parsed('{"constructor":{"name":"x"}}')), 400, INPUT),
  httpOp('startGame: a monster with a "__proto__" key (variable)', () => startVars({ monsters: [parsed(`{${GNAT_JSON},"__proto__":{"life":0}}`)] }), 400, INPUT),
  httpOp('updateMonster: patch {"__proto__": {"life": 1}} (variable)', (c) => patchVars(c.gameId, parsed('{"__proto__":{"life":1}}')), 400, INPUT),
  httpOp('updateMonster: patch {"constructor": {"prototype": {"life": 1}}} (variable)', (c) => patchVars(c.gameId, parsed('{"constructor":{"prototype":{"life":1}}}')), 400, INPUT),
  httpOp("updateMonster: patch { __proto__: 1 } (literal)", (c) => patchLiteral(c.gameId, "{ __proto__: 1 }"), 400, VALIDATION),
  httpOp("updateMonster: patch { constructor: 1 } (literal)", (c) => patchLiteral(c.gameId, "{ constructor: 1 }"), 400, VALIDATION),
  refused('updateMonster: monster id "__proto__"', (c) => patchVars(c.gameId, { life: 7 }, "__proto__"), MONSTER_NOT_FOUND, field("monsterId")),
  refused('updateMonster: monster id "constructor"', (c) => patchVars(c.gameId, { life: 7 }, "constructor"), MONSTER_NOT_FOUND, field("monsterId")),
  readsNull('game: id "__proto__" reads as null', "__proto__"),
  readsNull('game: id "constructor" reads as null', "constructor"),

  // --- names: letters, marks, numbers, punctuation, symbols and spaces; no \p{C} (control,
  //     format such as bidi overrides and zero-width characters, surrogates, private use) ------
  refused("startGame: a name with an RTL override U+202E", () => withGnat({ name: "Gnat\u202eobmoz" }), INVALID_MONSTER, field("monsters", "0", "name")),
  refused("startGame: a name with a left-to-right isolate U+2066", () => withGnat({ name: "\u2066Gnat" }), INVALID_MONSTER, field("monsters", "0", "name")),
  refused("startGame: a name with a zero-width joiner U+200D", () => withGnat({ name: "Gn\u200dat" }), INVALID_MONSTER, field("monsters", "0", "name")),
  refused("startGame: a name with a byte-order mark U+FEFF", () => withGnat({ name: "\ufeffGnat" }), INVALID_MONSTER, field("monsters", "0", "name")),
  refused("startGame: a name with DEL U+007F", () => withGnat({ name: "Gn\u007fat" }), INVALID_MONSTER, field("monsters", "0", "name")),
  refused("startGame: a name with a C1 control U+0085", () => withGnat({ name: "Gn\u0085at" }), INVALID_MONSTER, field("monsters", "0", "name")),
  refused("startGame: a name with a private-use character U+E000", () => withGnat({ name: "Gn\ue000at" }), INVALID_MONSTER, field("monsters", "0", "name")),
  refused("startGame: a name with a newline (literal escape)", () => startLiteral(monsterLiteral({ name: '"Gob\\nlin"' })), INVALID_MONSTER, field("monsters", "0", "name")),
  refused("updateMonster: patch name with an RTL override U+202E", (c) => patchVars(c.gameId, { name: "\u202eKing" }), INVALID_MONSTER, field("patch", "name")),
  refused("updateMonster: patch name with a zero-width space U+200B", (c) => patchVars(c.gameId, { name: "King\u200b" }), INVALID_MONSTER, field("patch", "name")),
  refused("updateMonster: patch name with a tab", (c) => patchVars(c.gameId, { name: "Tab\tName" }), INVALID_MONSTER, field("patch", "name")),

  // --- repetition: directives and one field a thousand times ----------------------------------
  httpOp("directives: 1,000 repeated @skip (over the token limit)", () => ({ query: repeatedSkip }), 400, PARSE),
  httpOp("directives: 250 repeated @include (under the token limit)", () => ({ query: repeatedInclude }), 400, VALIDATION),
  httpOp("directives: 900 unknown directives", () => ({ query: `{ __typename ${"@x ".repeat(900)}}` }), 400, VALIDATION),
  httpOp("the same field 1,000 times without aliases (game.turn)", (c) => ({ query: `{ game(id: ${JSON.stringify(c.gameId)}) { ${sameField1000("turn")}} }` }), 400, VALIDATION),
  httpOp("the same field 1,000 times in an attack's selection: nothing played", (c) => ({ query: `mutation { attack(input: { gameId: ${JSON.stringify(c.gameId)}, weapon: BOOMERANG }) { game { ${sameField1000("turn")}} } }` }), 400, VALIDATION),
];

/** Requests refused before GraphQL runs, or by Apollo's HTTP layer. */
// prettier-ignore
const httpRaw: HttpRawCase[] = [
  raw("body: malformed JSON", () => ({ headers: json, body: "{ query: bestiary" }), 400, BAD_REQUEST),
  raw("body: truncated JSON", () => ({ headers: json, body: '{"query": ' }), 400, BAD_REQUEST),
  raw("body: a JSON string, not an object", () => ({ headers: json, body: '"{ bestiary { name } }"' }), 400, BAD_REQUEST),
  raw("body: JSON null", () => ({ headers: json, body: "null" }), 400, BAD_REQUEST),
  raw("body: empty, with a JSON content type", () => ({ headers: json, body: "" }), 400, BAD_REQUEST),
  raw("body: an empty object {}", () => ({ headers: json, body: "{}" }), 400, BAD_REQUEST),
  raw("body: an empty batch []", () => ({ headers: json, body: "[]" }), 400, BAD_REQUEST),
  raw("body: a batch of one operation", () => ({ headers: json, body: '[{"query":"{ __typename }"}]' }), 400, BAD_REQUEST),
  raw("body: query null", () => ({ headers: json, body: '{"query":null}' }), 400, BAD_REQUEST),
  raw('body: query ""', () => ({ headers: json, body: '{"query":""}' }), 400, BAD_REQUEST),
  raw("body: query as a number", () => ({ headers: json, body: '{"query":5}' }), 400, BAD_REQUEST),
  raw("body: variables as a JSON string", () => ({ headers: json, body: '{"query":"{ __typename }","variables":"{}"}' }), 400, BAD_REQUEST),
  raw("body: variables as an array", () => ({ headers: json, body: '{"query":"{ __typename }","variables":[1]}' }), 400, BAD_REQUEST),
  raw("body: operationName as a number", () => ({ headers: json, body: '{"query":"{ __typename }","operationName":5}' }), 400, BAD_REQUEST),
  raw("content type: text/plain", () => ({ headers: { "content-type": "text/plain" }, body: '{"query":"{ __typename }"}' }), 415, MEDIA),
  raw("content type: application/xml", () => ({ headers: { "content-type": "application/xml" }, body: "<query>{ __typename }</query>" }), 415, MEDIA),
  raw("content type: application/x-www-form-urlencoded", () => ({ headers: { "content-type": "application/x-www-form-urlencoded" }, body: "query=%7B__typename%7D" }), 415, MEDIA),
  raw("content type: application/graphql", () => ({ headers: { "content-type": "application/graphql" }, body: "{ __typename }" }), 415, MEDIA),
  // body-parser's own 415; the generic 4xx branch gives it BAD_REQUEST.
  raw("content type: JSON with an unsupported charset", () => ({ headers: { "content-type": "application/json; charset=latin9" }, body: '{"query":"{ __typename }"}' }), 415, "UNSUPPORTED_MEDIA_TYPE"),
  raw("content encoding: gzip, but the body is not gzip", () => ({ headers: { ...json, "content-encoding": "gzip" }, body: '{"query":"{ __typename }"}' }), 400, BAD_REQUEST),
  raw("size: a 110 KiB body (limit 100 KiB)", () => ({ headers: json, body: JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(110 * 1024) } }) }), 413, "PAYLOAD_TOO_LARGE"),
  raw("method: a mutation sent with GET (with the CSRF preflight header)", () => getRequest({ query: "mutation { startGame { playerToken } }" }), 405, BAD_REQUEST),
  raw("method: a mutation sent with GET, no preflight header (CSRF)", () => getRequest({ query: "mutation { startGame { playerToken } }" }, false), 400, BAD_REQUEST),
  raw("method: GET with variables that are not JSON", (c) => getRequest({ query: "query($id: ID!) { game(id: $id) { id } }", variables: `{"id": "${c.gameId}"` }), 400, BAD_REQUEST),
  raw("method: PUT", () => ({ method: "PUT", headers: json, body: '{"query":"{ __typename }"}' }), 405, BAD_REQUEST),
  // Automatic persisted queries are off: any persisted-query request is refused as unsupported.
  // Prototype keys in the body itself.
  raw('body: the query only under "__proto__"', () => jsonBody('{"__proto__":{"query":"{ __typename }"}}'), 400, BAD_REQUEST),
  { kind: "http-raw", name: 'body: "__proto__" and "constructor" beside the query are ignored', build: () => jsonBody('{"query":"{ __typename }","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'), expected: { status: 200, code: null, data: { __typename: "Query" } } },
  // Numbers past 2^53 (JSON.parse rounds them; Int is 32-bit) and past a double (Infinity).
  raw("variables: seed 2^53+1", () => jsonBody(`{"query":${START_GAME_JSON},"variables":{"input":{"seed":${BEYOND_2_53}}}}`), 400, INPUT),
  raw("variables: life 1e400 (Infinity once parsed)", () => jsonBody(`{"query":${START_GAME_JSON},"variables":{"input":{"monsters":[{${GNAT_JSON.replace('"life":5', '"life":1e400')}}]}}}`), 400, INPUT),
  raw("variables: charisma -2^63", () => jsonBody(`{"query":${START_GAME_JSON},"variables":{"input":{"monsters":[{${GNAT_JSON.replace('"charisma":1', '"charisma":-9223372036854775808')}}]}}}`), 400, INPUT),
  raw("variables: patch life 2^64", (c) => jsonBody(`{"query":${UPDATE_MONSTER_JSON},"variables":{"monsterId":${JSON.stringify(monsterIdIn(c.gameId, 2))},"patch":{"life":18446744073709551616}}}`), 400, INPUT),
  { kind: "http-raw", name: "variables: a game id as the number 2^53+1 reads as null", build: () => jsonBody(`{"query":"query($id: ID!) { game(id: $id) { id } }","variables":{"id":${BEYOND_2_53}}}`), expected: { status: 200, code: null, data: { game: null } } },
  // Batching is off: an array body is refused whole, whatever it holds.
  raw("body: a batch of two operations", () => jsonBody('[{"query":"{ __typename }"},{"query":"{ bestiary { name } }"}]'), 400, BAD_REQUEST),
  raw("body: a batch of 1,000 startGame mutations", () => jsonBody(JSON.stringify(Array.from({ length: 1_000 }, () => ({ query: "mutation { startGame { playerToken } }" })))), 400, BAD_REQUEST),
  raw("body: a nested batch [[...]]", () => jsonBody('[[{"query":"{ __typename }"}]]'), 400, BAD_REQUEST),
  raw("persisted query: an unknown hash, no query", () => ({ headers: json, body: persisted() }), 200, "PERSISTED_QUERY_NOT_SUPPORTED"),
  raw("persisted query: a hash that does not match the query", () => ({ headers: json, body: persisted("{ __typename }") }), 200, "PERSISTED_QUERY_NOT_SUPPORTED"),
];

/** Operations over WebSocket, through graphql-ws's own client. */
// prettier-ignore
const wsOperations: WsOperationCase[] = [
  wsOp("ws: subscription to an unknown game", () => ({ query: BATTLE_TURNS, variables: { gameId: UNKNOWN_GAME } }), GAME_NOT_FOUND, "gameId"),
  wsOp('ws: subscription to game id "}"', () => ({ query: BATTLE_TURNS, variables: { gameId: "}" } }), GAME_NOT_FOUND, "gameId"),
  wsOp("ws: subscription to a 10,000-character game id", () => ({ query: BATTLE_TURNS, variables: { gameId: LONG_ID } }), GAME_NOT_FOUND, "gameId"),
  wsRefused("ws: attack an unknown game", () => attackVars(UNKNOWN_GAME, "BOMB"), GAME_NOT_FOUND, field("gameId")),
  wsRefused("ws: attack with expectedTurn 0, a turn past", (c) => attackVars(c.gameId, "BOMB", 0), CONFLICT, field("expectedTurn")),
  wsRefused("ws: updateMonster of an unknown monster", (c) => patchVars(c.gameId, { life: 7 }, "99"), MONSTER_NOT_FOUND, field("monsterId")),
  wsRefused("ws: abandonGame of an unknown game", () => abandonVars(UNKNOWN_GAME), GAME_NOT_FOUND, field("gameId")),
  wsRefused("ws: abandonGame with expectedVersion 0, a version past", (c) => abandonVars(c.gameId, 0), CONFLICT, field("expectedVersion")),
  wsOp("ws: subscription with fromTurn -1", (c) => ({ query: BATTLE_TURNS, variables: { gameId: c.gameId, fromTurn: -1 } }), INPUT, "fromTurn"),
  wsOp("ws: subscription with fromTurn 2^31 (literal)", (c) => ({ query: `subscription { battleTurns(gameId: ${JSON.stringify(c.gameId)}, fromTurn: ${INT32_OVER}) { turn } }` }), VALIDATION),
  wsOp('ws: subscription with fromTurn "1" (variable)', (c) => ({ query: BATTLE_TURNS, variables: { gameId: c.gameId, fromTurn: "1" } }), INPUT),
  wsOp("ws: subscription without gameId", () => ({ query: "subscription { battleTurns { turn } }" }), VALIDATION),
  wsOp("ws: attack with an unknown enum weapon (literal)", (c) => attackLiteral(c.gameId, "SPOON"), VALIDATION),
  wsOp('ws: attack with weapon "bomb" (variable)', (c) => attackVars(c.gameId, "bomb"), INPUT),
  wsOp("ws: a syntax error", () => ({ query: 'subscription { battleTurns(gameId: "x" { turn } }' }), PARSE),
  wsOp("ws: an unknown operationName", () => ({ query: "query A { __typename }", operationName: "B" }), "OPERATION_RESOLUTION_FAILURE"),
  wsRefused("ws: startGame with life 0", () => withGnat({ life: 0 }), INVALID_MONSTER, field("monsters", "0", "life")),
  wsRefused("ws: updateMonster with an empty patch", (c) => patchVars(c.gameId, {}), INVALID_MONSTER, field("patch")),
  wsOp("ws: events with first 101", (c) => eventsPage(c, "first: 101"), INPUT, "first"),
  wsOp("ws: alias bomb (50 aliases of bestiary)", () => ({ query: aliases(50) }), VALIDATION),
  wsOp("ws: depth (10 nested inline fragments)", () => ({ query: `{ ${nestedFragments(9, "__typename")} }` }), VALIDATION),
  wsOp("ws: cost (300 fragment spreads)", () => ({ query: costBomb }), VALIDATION),
  wsOp("ws: tokens (2,003 tokens)", () => ({ query: tokenBomb }), PARSE),
  wsOp('ws: variables with a "__proto__" key holding $gameId', () => ({ query: BATTLE_TURNS, variables: parsed('{"__proto__":{"gameId":"x"}}') }), INPUT),
  wsOp('ws: updateMonster with patch {"__proto__": {"life": 1}}', (c) => patchVars(c.gameId, parsed('{"__proto__":{"life":1}}')), INPUT),
  wsRefused("ws: updateMonster with an RTL override in the name", (c) => patchVars(c.gameId, { name: "\u202eKing" }), INVALID_MONSTER, field("patch", "name")),
  wsOp("ws: subscription with fromTurn 2^53+2 (variable)", (c) => ({ query: BATTLE_TURNS, variables: { gameId: c.gameId, fromTurn: 2 ** 53 + 2 } }), INPUT),
  wsOp("ws: 1,000 repeated @skip", () => ({ query: repeatedSkip }), PARSE),
  wsOp("ws: 250 repeated @include", () => ({ query: repeatedInclude }), VALIDATION),
  wsOp("ws: the subscription's root field @skip(if: true)", (c) => ({ query: `subscription { battleTurns(gameId: ${JSON.stringify(c.gameId)}) @skip(if: true) { turn } }` }), VALIDATION),
  wsOp("ws: the subscription's root field @include(if: $on), $on false", (c) => ({ query: "subscription ($gameId: ID!, $on: Boolean!) { battleTurns(gameId: $gameId) @include(if: $on) { turn } }", variables: { gameId: c.gameId, on: false } }), VALIDATION),
  wsOp("ws: the subscription's root field @skip inside a spread fragment", (c) => ({ query: `subscription { ...Root } fragment Root on Subscription { battleTurns(gameId: ${JSON.stringify(c.gameId)}) @skip(if: false) { turn } }` }), VALIDATION),
  wsOp("ws: the same field 1,000 times without aliases", () => ({ query: `{ bestiary { ${sameField1000("name")}} }` }), VALIDATION),
];

const subscribeFrame = (id: string, query: string, variables: Record<string, unknown> = {}) =>
  JSON.stringify({ id, type: "subscribe", payload: { query, variables } });

/** Protocol abuse over WebSocket: the server closes the connection with a graphql-ws code. */
const wsFramesCases: WsFramesCase[] = [
  {
    kind: "ws-frames",
    name: "ws frames: non-JSON text after connection_init -> 4400",
    build: () => ["this is not JSON {"],
    closeCode: 4400,
  },
  {
    kind: "ws-frames",
    name: "ws frames: binary garbage after connection_init -> 4400",
    build: () => [Buffer.from([0xff, 0x00, 0x13, 0x37])],
    closeCode: 4400,
  },
  {
    kind: "ws-frames",
    name: "ws frames: an unknown message type -> 4400",
    build: () => [JSON.stringify({ type: "explode" })],
    closeCode: 4400,
  },
  {
    kind: "ws-frames",
    name: "ws frames: subscribe without a query -> 4400",
    build: () => [JSON.stringify({ id: "1", type: "subscribe", payload: {} })],
    closeCode: 4400,
  },
  {
    kind: "ws-frames",
    name: "ws frames: connection_init with a string payload -> 4400",
    build: () => [JSON.stringify({ type: "connection_init", payload: "x" })],
    options: { init: false },
    closeCode: 4400,
  },
  {
    kind: "ws-frames",
    name: "ws frames: subscribe before connection_init -> 4401",
    build: () => [subscribeFrame("1", "{ __typename }")],
    options: { init: false },
    closeCode: 4401,
  },
  {
    kind: "ws-frames",
    name: "ws frames: a second connection_init -> 4429",
    build: () => [INIT],
    closeCode: 4429,
  },
  {
    kind: "ws-frames",
    name: "ws frames: two subscriptions with the same id -> 4409",
    build: (c) => [
      subscribeFrame("1", BATTLE_TURNS, { gameId: c.gameId }),
      subscribeFrame("1", BATTLE_TURNS, { gameId: c.gameId }),
    ],
    closeCode: 4409,
  },
  {
    kind: "ws-frames",
    name: "ws frames: a 110 KiB message (limit 100 KiB) -> 1009",
    build: () => [subscribeFrame("1", `{ __typename }${" ".repeat(110 * 1024)}`)],
    closeCode: 1009,
  },
  {
    kind: "ws-frames",
    name: "ws frames: no subprotocol -> 4406",
    build: () => [],
    options: { init: false, protocol: null },
    closeCode: 4406,
  },
  {
    kind: "ws-frames",
    name: "ws frames: no connection_init within the wait -> 4408",
    build: () => [],
    options: { init: false, waitMs: 6_000 },
    closeCode: 4408,
  },
];

/** The whole corpus, in the order the suite runs it. */
export const BAD_INPUT_CASES: readonly BadInputCase[] = [
  ...httpOperations,
  ...httpRaw,
  ...wsOperations,
  ...wsFramesCases,
];
