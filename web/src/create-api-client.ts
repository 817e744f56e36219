import { Client, fetchExchange, subscriptionExchange, type Exchange } from "@urql/core";
import { cacheExchange } from "@urql/exchange-graphcache";
import { createClient as createWsClient } from "graphql-ws";
import { cacheSchema, embeddedTypes } from "./gql/cache-schema";

/**
 * The page's normalized cache. Safe to share between games because every entity's id is global:
 * a Game by its own id, a Monster by an id that names its game, so two games can never write over
 * each other's monsters. Everything the page reads of a game (the start's payload, a read, an
 * attack's reply, each turn of the live feed) writes the one cached Game, and every view of it
 * follows. Types without an id (the rabbit, events, turns, payloads, pages) live inside their
 * parent. Both the list of them and the schema's shape come from schema.graphql at codegen time.
 */
export function createGameCache(): Exchange {
  return cacheExchange({
    // The schema's types: exact fragment matching on the BattleEvent interface, when writing a
    // turn's events as when reading them.
    schema: cacheSchema,
    keys: Object.fromEntries(embeddedTypes.map((type) => [type, () => null])),
    resolvers: {
      Query: {
        // What the server last said of this id (the game, or null for none), else the game if
        // the cache already holds it (this tab started it): no read for a game just started.
        // Undefined, a miss, sends the query.
        game(_parent, args, cache, info) {
          const answered = cache.resolve(info.parentKey, info.fieldName, args);
          if (answered !== undefined) return answered;
          const key = cache.keyOfEntity({ __typename: "Game", id: args.id as string });
          return key !== null && cache.resolve(key, "id") !== undefined ? key : undefined;
        },
      },
    },
  });
}

/**
 * One client for the page, always on the page's own origin: queries and mutations POST to
 * `/graphql`, subscriptions go over graphql-ws to `ws(s)://<host>/graphql`. Nothing else is ever
 * contacted. Results go through {@link createGameCache}: the live feed's turns update the cached
 * game, so the board shows the game as it stands without reading it again.
 */
export function createApiClient(location: Location = window.location): Client {
  const wsUrl = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/graphql`;
  const ws = createWsClient({
    url: wsUrl,
    // The page resubscribes itself, from the last turn it has (see useBattleLog): a silent
    // resubscription by graphql-ws would replay the same `fromTurn` and repeat events.
    retryAttempts: 0,
    lazy: true,
  });
  return new Client({
    url: "/graphql",
    // Apollo's CSRF prevention refuses GET queries without a preflight header: always POST.
    preferGetMethod: false,
    exchanges: [
      createGameCache(),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? "" };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
}
