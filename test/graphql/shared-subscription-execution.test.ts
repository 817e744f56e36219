import {
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionResult,
} from "graphql";
import { sharedSubscribe } from "../../src/graphql/shared-subscription-execution";

/** A subscription whose events are objects the test pushes to every subscriber, as the feed does. */
function schemaWithFeed() {
  const subscribers = new Set<(event: object | undefined) => void>();
  let resolved = 0;
  let closed = 0;
  const Event = new GraphQLObjectType({
    name: "Event",
    fields: {
      turn: {
        type: GraphQLInt,
        resolve: (event: { turn: number }) => {
          resolved++;
          return event.turn;
        },
      },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: "Subscription",
      fields: {
        events: {
          type: Event,
          args: { game: { type: new GraphQLNonNull(GraphQLString) } },
          resolve: (event: unknown) => event,
          subscribe: () => {
            const queue: (object | undefined)[] = [];
            let wake: (() => void) | undefined;
            const push = (event: object | undefined) => {
              queue.push(event);
              wake?.();
            };
            subscribers.add(push);
            const iterator: AsyncIterableIterator<object> = {
              next: async () => {
                while (queue.length === 0) await new Promise<void>((r) => (wake = r));
                const event = queue.shift();
                return event === undefined
                  ? { done: true, value: undefined }
                  : { done: false, value: event };
              },
              return: () => {
                closed++;
                subscribers.delete(push);
                return Promise.resolve({ done: true, value: undefined });
              },
              [Symbol.asyncIterator]: () => iterator,
            };
            return iterator;
          },
        },
      },
    }),
  });
  return {
    schema,
    emit: (event: object | undefined) => subscribers.forEach((push) => push(event)),
    get resolved() {
      return resolved;
    },
    get closed() {
      return closed;
    },
  };
}

const QUERY = "subscription Watch($game: String!) { events(game: $game) { turn } }";

async function subscribeWith(
  subscribe: ReturnType<typeof sharedSubscribe>,
  schema: GraphQLSchema,
  game: string,
): Promise<AsyncIterator<ExecutionResult>> {
  // Each subscriber parses its own copy of the text, as graphql-ws does.
  const result = await subscribe({ schema, document: parse(QUERY), variableValues: { game } });
  if (!(Symbol.asyncIterator in result)) throw new Error(JSON.stringify(result));
  return result;
}

describe("sharedSubscribe", () => {
  it("executes each event once for every subscriber with the same operation and variables", async () => {
    const feed = schemaWithFeed();
    const subscribe = sharedSubscribe();
    const same = await Promise.all(
      Array.from({ length: 5 }, () => subscribeWith(subscribe, feed.schema, "g1")),
    );
    const other = await subscribeWith(subscribe, feed.schema, "g2");

    feed.emit({ turn: 1 });
    feed.emit({ turn: 2 });
    for (const iterator of same) {
      expect(await iterator.next()).toEqual({
        done: false,
        value: { data: { events: { turn: 1 } } },
      });
      expect(await iterator.next()).toEqual({
        done: false,
        value: { data: { events: { turn: 2 } } },
      });
    }
    expect(await other.next()).toEqual({ done: false, value: { data: { events: { turn: 1 } } } });
    expect(await other.next()).toEqual({ done: false, value: { data: { events: { turn: 2 } } } });
    // Two events: once for the five alike, once for the one with other variables.
    expect(feed.resolved).toBe(4);
  });

  it("passes return() on to the source, so the subscription stops listening", async () => {
    const feed = schemaWithFeed();
    const iterator = await subscribeWith(sharedSubscribe(), feed.schema, "g1");
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(feed.closed).toBe(1);
  });

  it("ends when the source ends, and answers a bad operation with errors as graphql does", async () => {
    const feed = schemaWithFeed();
    const subscribe = sharedSubscribe();
    const iterator = await subscribeWith(subscribe, feed.schema, "g1");
    feed.emit(undefined);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });

    const refused = await subscribe({
      schema: feed.schema,
      document: parse("subscription { events(game: 1) { turn } }"),
    });
    expect(refused).toMatchObject({ errors: [expect.anything()] });
  });
});
