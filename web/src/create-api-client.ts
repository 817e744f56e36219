import { Client, fetchExchange, subscriptionExchange } from "@urql/core";
import { createClient as createWsClient } from "graphql-ws";

/**
 * One client for the page, always on the page's own origin: queries and mutations POST to
 * `/graphql`, subscriptions go over graphql-ws to `ws(s)://<host>/graphql`. Nothing else is ever
 * contacted. No cache exchange: every read must show the game as the server has it now, and the
 * live feed, not a cache, tells the page when that changes.
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
    requestPolicy: "network-only",
    exchanges: [
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
