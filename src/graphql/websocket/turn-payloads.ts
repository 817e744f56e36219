import {
  execute,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
} from "graphql";
import type { BattleTurn } from "../../domain/battle-turn";
import type { GraphQLContext } from "../context";
import type { PreparedOperation } from "./operation-preparer";

/** Where a subscriber's payloads go: made once per operation, not once per turn. */
export interface PayloadReceiver {
  /** A `next` payload as UTF-8 JSON, shared by every subscriber of the same selection. */
  payload(json: Buffer): void;
  /** The payload could not be made (a bug). */
  failed(error: unknown): void;
}

/** One turn's payload for one selection: its text once made, or why it could not be. */
interface Payload {
  json?: Buffer;
  error?: { cause: unknown };
  /** Receivers with this payload in their queue, while it is being made. */
  waiting: PayloadReceiver[];
}

/** How long a payload may take to make before its subscribers fail (a resolver that hangs). */
const MAKE_TIMEOUT_MS = 10_000;

/**
 * Each turn's result, executed and serialized once per share key (see PreparedOperation), for
 * every subscriber of the game in this process: a turn watched by 5,000 subscribers of the same
 * selection is executed and written to JSON once, encoded to UTF-8 once, and each subscriber only
 * puts its operation id in front of the same bytes. Each receiver gets its payloads in the order
 * it asked for them, even when one is made at once and an earlier one is still being made (an
 * async field); waiting receivers are handed the text in one loop when it is ready (no promise
 * per subscriber).
 *
 * The execution runs with a context of its own that holds no caller's data (no token, no
 * address), since its result goes to every subscriber with the same key: no field can show one
 * subscriber what belongs to another.
 */
export class TurnPayloads {
  // By turn, then by share key: entries go with the turn once no delivery holds it.
  private readonly payloads = new WeakMap<BattleTurn, Map<string, Payload>>();
  /**
   * Per receiver, its payloads not handed yet, oldest first; none while it is up to date. Weak:
   * a receiver whose operation ended goes with what it was still waiting for.
   */
  private readonly queues = new WeakMap<PayloadReceiver, Payload[]>();

  constructor(
    private readonly sharedContext: GraphQLContext,
    private readonly formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[],
    private readonly makeTimeoutMs = MAKE_TIMEOUT_MS,
  ) {}

  /** Hands `turn`'s payload for `operation` to `receiver`, now or once made, in order. */
  deliver(turn: BattleTurn, operation: PreparedOperation, receiver: PayloadReceiver): void {
    let byKey = this.payloads.get(turn);
    if (byKey === undefined) {
      byKey = new Map();
      this.payloads.set(turn, byKey);
    }
    let payload = byKey.get(operation.shareKey);
    if (payload === undefined) {
      payload = this.make(turn, operation);
      byKey.set(operation.shareKey, payload);
    }
    const queue = this.queues.get(receiver);
    if (queue === undefined && isMade(payload)) {
      hand(payload, receiver);
      return;
    }
    if (queue) queue.push(payload);
    else this.queues.set(receiver, [payload]);
    if (!isMade(payload)) payload.waiting.push(receiver);
  }

  /** The result as the JSON of a `next` payload, its errors formatted as everywhere else. */
  text(result: ExecutionResult): string {
    if (!result.errors) return JSON.stringify(result);
    const { errors, ...rest } = result;
    return JSON.stringify({ ...rest, errors: this.formatErrors(errors) });
  }

  private make(turn: BattleTurn, operation: PreparedOperation): Payload {
    const payload: Payload = { waiting: [] };
    let result: ExecutionResult | Promise<ExecutionResult>;
    try {
      result = execute({ ...operation.args, contextValue: this.sharedContext, rootValue: turn });
      if (!isPromise(result)) {
        payload.json = Buffer.from(this.text(result));
        return payload;
      }
    } catch (error) {
      payload.error = { cause: error };
      return payload;
    }
    const timer = setTimeout(
      () => this.settle(payload, { cause: new Error("A turn's payload took too long to make.") }),
      this.makeTimeoutMs,
    );
    timer.unref();
    result
      .then((r) => Buffer.from(this.text(r)))
      .then(
        (json) => this.settle(payload, json),
        (error: unknown) => this.settle(payload, { cause: error }),
      )
      .finally(() => clearTimeout(timer));
    return payload;
  }

  /** Records how a payload was made (the first outcome counts) and hands on what is ready. */
  private settle(payload: Payload, outcome: Buffer | { cause: unknown }): void {
    if (isMade(payload)) return;
    if (Buffer.isBuffer(outcome)) payload.json = outcome;
    else payload.error = outcome;
    const waiting = payload.waiting;
    payload.waiting = [];
    for (const receiver of waiting) this.flush(receiver);
  }

  /** Hands a receiver its queued payloads, oldest first, up to one still being made. */
  private flush(receiver: PayloadReceiver): void {
    const queue = this.queues.get(receiver);
    while (queue !== undefined && this.queues.get(receiver) === queue) {
      const next = queue[0];
      if (next === undefined) {
        this.queues.delete(receiver);
        return;
      }
      if (!isMade(next)) return;
      queue.shift();
      hand(next, receiver);
    }
  }
}

function isMade(payload: Payload): boolean {
  return payload.json !== undefined || payload.error !== undefined;
}

function hand(payload: Payload, receiver: PayloadReceiver): void {
  if (payload.json !== undefined) receiver.payload(payload.json);
  else receiver.failed(payload.error?.cause);
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | null)?.then === "function";
}
