import { Kind, parse } from "graphql";

/** What GraphiQL asks a fetcher to send (@graphiql/toolkit's FetcherParams). */
export interface FetcherParams {
  query: string;
  operationName?: string | null;
  variables?: unknown;
}

/**
 * The fetcher, sending the name of the document's one operation whatever GraphiQL passes: just
 * after a switch of tabs, GraphiQL can send the previous tab's operation name with the new tab's
 * document, which the server refuses ("Unknown operation named ...", graphql/graphiql#3632). A
 * document of several operations keeps GraphiQL's choice; one that does not parse is sent as it
 * is, for the server to say what is wrong with it.
 */
export function singleOperationFetcher<Options, Result>(
  fetcher: (params: FetcherParams, options?: Options) => Result,
): (params: FetcherParams, options?: Options) => Result {
  return (params, options) => {
    const only = onlyOperationName(params.query);
    return fetcher(only === undefined ? params : { ...params, operationName: only }, options);
  };
}

/** The name of the document's one operation (null when unnamed); undefined when not one. */
export function onlyOperationName(query: string): string | null | undefined {
  let operations;
  try {
    operations = parse(query).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  } catch {
    return undefined;
  }
  const [only] = operations;
  return operations.length === 1 && only ? (only.name?.value ?? null) : undefined;
}
