/**
 * The fan-out bench's clients: many `battleTurns` subscriptions on one game, spread over
 * connections, in the bench's own process. Two harnesses, one shape (Subscribers):
 *
 * - `light` (the default): a minimal graphql-transport-ws client on `ws` per connection
 *   (connection_init, then one `subscribe` per subscription). While the turns are measured it only
 *   notes each message's text and arrival time under its operation id (the id is read from the
 *   message's head); the messages are parsed and checked afterwards (`settle`). A client then costs
 *   the machine little more than its socket's reads, so the two cores it shares with the servers
 *   and Redis are left to what is measured.
 * - `graphql-ws`: graphql-ws's own `createClient` per connection, each message parsed, validated
 *   and checked as it arrives, as an app would (up to a whole core at 5,000 subscribers).
 *
 * Both check the same things afterwards (bench/fanout-bench.ts's checkSubscriber): either harness
 * serves the real server and the limit alike in one run.
 */
import { performance } from "node:perf_hooks";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export type Event = { __typename: string; turn: number; message: string };
export type GameView = {
  turn: number;
  rabbit: { life: number };
  currentMonster: { name: string; life: number } | null;
};
/** One turn as the subscription selects it (and as the attack answered it). */
export interface Turn {
  turn: number;
  events: Event[];
  game: GameView | null;
}

/** What one subscriber heard: per message, its turn, its content's key and when it came. */
export interface Heard {
  turns: number[];
  keys: string[];
  times: number[];
  completed: boolean;
  errors: string[];
}

/** A turn's content as compared: its events and its game, in the selection's order. */
export const contentKey = (
  events: readonly Event[] | undefined,
  game: GameView | null | undefined,
) => `${JSON.stringify(events ?? null)}|${JSON.stringify(game ?? null)}`;

/** The clients of one scenario. */
export interface Subscribers {
  /** Turn messages subscriber `i` received so far, and the turn of its first one. */
  progress(i: number): { first: number | undefined; count: number };
  /** What each subscriber heard, checked-ready (light: decoded now, after the measured window). */
  settle(): Heard[];
  /** Closes every connection (code 1000) and waits until they are closed. */
  close(): Promise<void>;
}

export type Harness = "light" | "graphql-ws";

export interface SubscribeOptions {
  wsUrl: string;
  subscribers: number;
  connections: number;
  /** The subscription's text and its variables. */
  query: string;
  variables: Record<string, unknown>;
  /** Connections opened at once. */
  batch: number;
}

const PROTOCOL = "graphql-transport-ws";
const TIMEOUT_MS = 30_000;

/** Opens the connections and subscribes, with the harness named; resolves once all are acked. */
export async function subscribeMany(
  harness: Harness,
  options: SubscribeOptions,
): Promise<Subscribers> {
  return harness === "light" ? subscribeLight(options) : subscribeGraphqlWs(options);
}

/** Subscriptions per connection, in order: connection c holds subscribers from c * per on. */
function layout({ subscribers, connections }: SubscribeOptions): number[] {
  const per = Math.ceil(subscribers / connections);
  return Array.from({ length: connections }, (_, c) =>
    Math.max(0, Math.min(per, subscribers - c * per)),
  );
}

/** One string per distinct turn content, whichever subscriber heard it (memory at 5,000). */
function interner(): (key: string) => string {
  const interned = new Map<string, string>();
  return (key) => {
    const known = interned.get(key);
    if (known !== undefined) return known;
    interned.set(key, key);
    return key;
  };
}

const emptyHeard = (): Heard => ({ turns: [], keys: [], times: [], completed: false, errors: [] });

/** One `next` result into `heard`, as both harnesses read it. */
function record(
  heard: Heard,
  result: { data?: { battleTurns?: Turn | null } | null; errors?: unknown },
  time: number,
  intern: (key: string) => string,
): void {
  const turn = result.data?.battleTurns;
  if (result.errors || !turn) {
    heard.errors.push(JSON.stringify(result.errors ?? result).slice(0, 200));
    return;
  }
  heard.turns.push(turn.turn);
  heard.keys.push(intern(contentKey(turn.events, turn.game)));
  heard.times.push(time);
}

/** What graphql-ws's client hands `error`: GraphQL errors, an Error, or the socket's CloseEvent. */
function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return JSON.stringify(error);
  const close = error as { code?: unknown; reason?: unknown } | null;
  if (close && typeof close.code === "number") {
    const reason = typeof close.reason === "string" ? close.reason : "";
    return `socket closed ${close.code} ${reason}`.trim();
  }
  return JSON.stringify(error);
}

/** What a light subscriber noted while the turns were measured. */
interface Noted {
  texts: string[];
  times: number[];
  /** Of which `next` messages. */
  turns: number;
  first: number | undefined;
  /** What could not be read as this subscriber's (closed early, a message without an id...). */
  errors: string[];
}

async function subscribeLight(options: SubscribeOptions): Promise<Subscribers> {
  const counts = layout(options);
  const noted: Noted[] = [];
  const sockets: WebSocket[] = [];
  /** What no subscriber can own (a message with no id of this connection's): told to all. */
  const strays: string[] = [];
  /** The harness closes its connections: any close before that is an error. */
  let closing = false;
  const subscribe = (id: number) =>
    JSON.stringify({
      id: String(id),
      type: "subscribe",
      payload: { query: options.query, variables: options.variables },
    });
  const open = (count: number, base: number) =>
    new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(options.wsUrl, PROTOCOL, { perMessageDeflate: false });
      sockets.push(socket);
      for (let s = 0; s < count; s++) {
        noted.push({ texts: [], times: [], turns: 0, first: undefined, errors: [] });
      }
      const timer = setTimeout(() => reject(new Error("no connection_ack in time")), TIMEOUT_MS);
      let acked = false;
      socket.once("open", () => socket.send('{"type":"connection_init"}'));
      socket.on("error", (error) => reject(error));
      socket.on("close", (code, reason) => {
        clearTimeout(timer);
        if (!acked) reject(new Error(`closed ${code} ${reason.toString()} before connection_ack`));
        else if (!closing) {
          for (let s = 0; s < count; s++) {
            noted[base + s]!.errors.push(`socket closed ${code} ${reason.toString()}`.trim());
          }
        }
      });
      socket.on("message", (data: Buffer) => {
        const time = performance.now();
        const text = data.toString();
        if (!acked) {
          if (text !== '{"type":"connection_ack"}') {
            reject(new Error(`expected connection_ack, got ${text.slice(0, 200)}`));
            return;
          }
          acked = true;
          clearTimeout(timer);
          for (let s = 0; s < count; s++) socket.send(subscribe(s));
          resolve();
          return;
        }
        // Both servers write an operation's messages `{"id":"<id>",...`: its subscriber, with no
        // parse (one that does not is checked, and reported, after the measured turns).
        const end = text.startsWith('{"id":"') ? text.indexOf('"', 7) : -1;
        const id = end > 7 ? Number(text.slice(7, end)) : Number.NaN;
        if (!Number.isInteger(id) || id < 0 || id >= count) {
          strays.push(`a message for no subscription: ${text.slice(0, 200)}`);
          return;
        }
        const mine = noted[base + id]!;
        mine.texts.push(text);
        mine.times.push(time);
        if (!text.startsWith('","type":"next"', end)) return;
        mine.turns++;
        if (mine.first === undefined) mine.first = firstTurn(text);
      });
    });
  for (let start = 0; start < counts.length; start += options.batch) {
    const batch: Promise<void>[] = [];
    for (let c = start; c < Math.min(counts.length, start + options.batch); c++) {
      batch.push(open(counts[c]!, noted.length));
    }
    await Promise.all(batch);
  }
  return {
    progress: (i) => {
      const mine = noted[i]!;
      return { first: mine.first, count: mine.turns };
    },
    settle: () => {
      const intern = interner();
      return noted.map((mine) => {
        const heard = emptyHeard();
        heard.errors.push(...strays, ...mine.errors);
        let ended = false;
        mine.texts.forEach((text, j) => {
          const message = parsed(text);
          if (ended) heard.errors.push(`after its operation ended: ${text.slice(0, 200)}`);
          else if (message?.type === "next" && isRecord(message.payload)) {
            record(heard, message.payload, mine.times[j]!, intern);
          } else if (message?.type === "complete") {
            heard.completed = true;
            ended = true;
          } else if (message?.type === "error") {
            heard.errors.push(JSON.stringify(message.payload).slice(0, 200));
            ended = true;
          } else heard.errors.push(`not a message of the protocol: ${text.slice(0, 200)}`);
        });
        return heard;
      });
    },
    close: async () => {
      closing = true;
      await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === WebSocket.CLOSED) {
                resolve();
                return;
              }
              socket.once("close", () => resolve());
              socket.close(1000, "Normal Closure");
            }),
        ),
      );
    },
  };
}

/** A message's JSON, or undefined when it is not JSON (reported by the checks, not thrown). */
function parsed(text: string): { type?: unknown; payload?: unknown } | undefined {
  try {
    const message: unknown = JSON.parse(text);
    return isRecord(message) ? message : undefined;
  } catch {
    return undefined;
  }
}

/** The turn of a subscriber's first `next` message (undefined when it has none). */
function firstTurn(text: string): number | undefined {
  const payload = parsed(text)?.payload as { data?: { battleTurns?: { turn?: unknown } } } | null;
  const turn = payload?.data?.battleTurns?.turn;
  return typeof turn === "number" ? turn : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function subscribeGraphqlWs(options: SubscribeOptions): Promise<Subscribers> {
  const counts = layout(options);
  const clients: Client[] = [];
  const heard: Heard[] = [];
  const intern = interner();
  for (let start = 0; start < counts.length; start += options.batch) {
    const batch: Promise<void>[] = [];
    for (let c = start; c < Math.min(counts.length, start + options.batch); c++) {
      let connected!: () => void;
      let failed!: (error: unknown) => void;
      batch.push(
        new Promise<void>((resolve, reject) => {
          connected = resolve;
          failed = reject;
        }),
      );
      const client = createClient({
        url: options.wsUrl,
        webSocketImpl: WebSocket,
        lazy: true,
        retryAttempts: 0,
        keepAlive: 0,
        on: {
          connected: () => connected(),
          error: (error) => failed(error),
        },
      });
      clients.push(client);
      for (let s = 0; s < counts[c]!; s++) {
        const mine = emptyHeard();
        heard.push(mine);
        client.subscribe<{ battleTurns: Turn }>(
          { query: options.query, variables: options.variables },
          {
            next: (result) => record(mine, result, performance.now(), intern),
            error: (error) => mine.errors.push(describeError(error).slice(0, 200)),
            complete: () => (mine.completed = true),
          },
        );
      }
    }
    await Promise.all(batch);
  }
  return {
    progress: (i) => ({ first: heard[i]!.turns[0], count: heard[i]!.turns.length }),
    settle: () => heard,
    close: async () => {
      await Promise.all(clients.map(async (client) => client.dispose()));
    },
  };
}
