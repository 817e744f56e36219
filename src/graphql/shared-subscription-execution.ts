import {
  createSourceEventStream,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
} from "graphql";

type Execution = ExecutionResult | Promise<ExecutionResult>;

/**
 * graphql's `subscribe` (what graphql-ws calls per subscription), except that the subscriptions
 * of a process that run the same operation text with the same variables share one execution of
 * each event: the feed hands the same event object to every watcher of a game, so a turn watched
 * by 5,000 subscribers is executed once per event, not 5,000 times. Each subscription still
 * creates its own source stream (its own `subscribe` resolver call, with its own context), and
 * graphql-ws still formats and sends each result itself.
 *
 * Sharing assumes what holds for this schema: no field under a subscription's root field reads
 * the context (the event types' fields read only the event). Results are shared read-only.
 */
export function sharedSubscribe(): (
  args: ExecutionArgs,
) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  // By event, then by operation: entries go with the event once no subscription holds it.
  const executions = new WeakMap<object, Map<string, Execution>>();
  return async (args) => {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source;
    const key = operationKey(args);
    const run = (event: unknown): Execution => {
      if (key === undefined || typeof event !== "object" || event === null) {
        return execute({ ...args, rootValue: event });
      }
      let byOperation = executions.get(event);
      if (byOperation === undefined) {
        byOperation = new Map();
        executions.set(event, byOperation);
      }
      let result = byOperation.get(key);
      if (result === undefined) {
        result = execute({ ...args, rootValue: event });
        byOperation.set(key, result);
      }
      return result;
    };
    return mapEvents(source[Symbol.asyncIterator](), run);
  };
}

/** The operation's text, name and variables, or undefined when its text is unknown (no sharing). */
function operationKey(args: ExecutionArgs): string | undefined {
  const text = args.document.loc?.source.body;
  if (text === undefined) return undefined;
  return JSON.stringify([text, args.operationName ?? null, args.variableValues ?? null]);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === "function";
}

/**
 * The source's events mapped to their results, as graphql's own subscribe does: `return()` and
 * `throw()` reach the source (graphql-ws calls `return()` when the client completes or leaves,
 * which is what stops the watch and releases its listener).
 */
function mapEvents(
  source: AsyncIterator<unknown>,
  run: (event: unknown) => Execution,
): AsyncIterableIterator<ExecutionResult> {
  const map = async (step: IteratorResult<unknown>): Promise<IteratorResult<ExecutionResult>> =>
    step.done ? { done: true, value: undefined } : { done: false, value: await run(step.value) };
  const generator: AsyncIterableIterator<ExecutionResult> = {
    next: async () => map(await source.next()),
    return: async () =>
      source.return ? map(await source.return()) : { done: true, value: undefined },
    throw: async (error: unknown) => {
      if (source.throw) return map(await source.throw(error));
      throw error;
    },
    [Symbol.asyncIterator]() {
      return generator;
    },
  };
  return generator;
}
