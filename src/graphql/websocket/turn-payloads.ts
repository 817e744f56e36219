import {
  execute,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
} from "graphql";
import type { BattleTurn } from "../../domain/battle-turn";
import type { GraphQLContext } from "../context";
import type { PreparedOperation } from "./operation-preparer";

/** A `next` message's payload, as JSON text. */
export type PayloadText = string | Promise<string>;

/**
 * Each turn's result, executed and serialized once per share key (see PreparedOperation), for
 * every subscriber of the game in this process: a turn watched by 5,000 subscribers of the same
 * selection is executed and written to JSON once, and each subscriber only puts its operation id
 * in front of the same text.
 *
 * The execution runs with a context of its own that holds no caller's data (no token, no
 * address), since its result goes to every subscriber with the same key: no field can show one
 * subscriber what belongs to another.
 */
export class TurnPayloads {
  // By turn, then by share key: entries go with the turn once no delivery holds it.
  private readonly payloads = new WeakMap<BattleTurn, Map<string, PayloadText>>();

  constructor(
    private readonly sharedContext: GraphQLContext,
    private readonly formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[],
  ) {}

  /** The payload of `turn` for `operation`'s subscribers. */
  of(turn: BattleTurn, operation: PreparedOperation): PayloadText {
    let byKey = this.payloads.get(turn);
    if (byKey === undefined) {
      byKey = new Map();
      this.payloads.set(turn, byKey);
    }
    let payload = byKey.get(operation.shareKey);
    if (payload === undefined) {
      const result = execute({
        ...operation.args,
        contextValue: this.sharedContext,
        rootValue: turn,
      });
      payload = isPromise(result) ? result.then((r) => this.text(r)) : this.text(result);
      byKey.set(operation.shareKey, payload);
    }
    return payload;
  }

  /** The result as the JSON of a `next` payload, its errors formatted as everywhere else. */
  text(result: ExecutionResult): string {
    if (!result.errors) return JSON.stringify(result);
    const { errors, ...rest } = result;
    return JSON.stringify({ ...rest, errors: this.formatErrors(errors) });
  }
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | null)?.then === "function";
}
