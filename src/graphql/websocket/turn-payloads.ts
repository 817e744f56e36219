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

/** One turn's payload for one selection, and who waits for it while it is being made. */
interface Payload {
  json?: Buffer;
  error?: { cause: unknown };
  waiting: PayloadReceiver[];
}

/**
 * Each turn's result, executed and serialized once per share key (see PreparedOperation), for
 * every subscriber of the game in this process: a turn watched by 5,000 subscribers of the same
 * selection is executed and written to JSON once, encoded to UTF-8 once, and each subscriber only
 * puts its operation id in front of the same bytes. The payloads of one game and selection are made one after another,
 * so each subscriber gets them in turn order, and waiting subscribers are handed the text in one
 * loop when it is ready (no promise per subscriber).
 *
 * The execution runs with a context of its own that holds no caller's data (no token, no
 * address), since its result goes to every subscriber with the same key: no field can show one
 * subscriber what belongs to another.
 */
export class TurnPayloads {
  // By turn, then by share key: entries go with the turn once no delivery holds it.
  private readonly payloads = new WeakMap<BattleTurn, Map<string, Payload>>();
  /** The last payload being made, per game and share key. */
  private readonly making = new Map<string, Promise<void>>();

  constructor(
    private readonly sharedContext: GraphQLContext,
    private readonly formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[],
  ) {}

  /** Hands `turn`'s payload for `operation` (a watch of `gameId`) to `receiver`, now or once made. */
  deliver(
    turn: BattleTurn,
    gameId: string,
    operation: PreparedOperation,
    receiver: PayloadReceiver,
  ): void {
    let byKey = this.payloads.get(turn);
    if (byKey === undefined) {
      byKey = new Map();
      this.payloads.set(turn, byKey);
    }
    let payload = byKey.get(operation.shareKey);
    if (payload === undefined) {
      payload = this.make(turn, gameId, operation);
      byKey.set(operation.shareKey, payload);
    }
    if (payload.json !== undefined) receiver.payload(payload.json);
    else if (payload.error) receiver.failed(payload.error.cause);
    else payload.waiting.push(receiver);
  }

  /** The result as the UTF-8 JSON of a `next` payload. */
  private json(result: ExecutionResult): Buffer {
    return Buffer.from(this.text(result));
  }

  /** The result as the JSON of a `next` payload, its errors formatted as everywhere else. */
  text(result: ExecutionResult): string {
    if (!result.errors) return JSON.stringify(result);
    const { errors, ...rest } = result;
    return JSON.stringify({ ...rest, errors: this.formatErrors(errors) });
  }

  private make(turn: BattleTurn, gameId: string, operation: PreparedOperation): Payload {
    const payload: Payload = { waiting: [] };
    const run = (): Buffer | Promise<Buffer> => {
      const result = execute({
        ...operation.args,
        contextValue: this.sharedContext,
        rootValue: turn,
      });
      return isPromise(result) ? result.then((r) => this.json(r)) : this.json(result);
    };
    const key = `${gameId}\u0000${operation.shareKey}`;
    const before = this.making.get(key);
    if (before === undefined) {
      let made: Buffer | Promise<Buffer>;
      try {
        made = run();
      } catch (error) {
        payload.error = { cause: error };
        return payload;
      }
      if (!isPromise(made)) {
        payload.json = made;
        return payload;
      }
      this.settle(key, payload, made);
    } else {
      this.settle(key, payload, before.then(run));
    }
    return payload;
  }

  /** Hands the text, once made, to those waiting; the next payload of `key` waits for it. */
  private settle(key: string, payload: Payload, made: Promise<Buffer>): void {
    const settled: Promise<void> = made
      .then(
        (json) => {
          payload.json = json;
          for (const receiver of payload.waiting) receiver.payload(json);
        },
        (error: unknown) => {
          payload.error = { cause: error };
          for (const receiver of payload.waiting) receiver.failed(error);
        },
      )
      .finally(() => {
        payload.waiting = [];
        if (this.making.get(key) === settled) this.making.delete(key);
      });
    this.making.set(key, settled);
  }
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | null)?.then === "function";
}
