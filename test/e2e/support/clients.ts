import { Client, fetchExchange, type AnyVariables } from "@urql/core";
import { createClient, type Client as WsClient, type FormattedExecutionResult } from "graphql-ws";
import WebSocket from "ws";
import type { DocumentNode } from "graphql";

/** A GraphQL error as a client receives it. */
export interface ReceivedError {
  message: string;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

/** What an operation came back with. */
export interface Outcome<T> {
  data?: T | null;
  errors: ReceivedError[];
}

/**
 * An HTTP client as a front end would use it: urql (POST even for queries, since Apollo's CSRF
 * prevention refuses a GET without a preflight header), optionally with a player token.
 */
export function httpClient(
  url: string,
  playerToken?: string,
): {
  query<T>(doc: DocumentNode | string, variables?: AnyVariables): Promise<Outcome<T>>;
  mutate<T>(doc: DocumentNode | string, variables?: AnyVariables): Promise<Outcome<T>>;
} {
  const client = new Client({
    url,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: "network-only",
    fetchOptions: (): RequestInit => ({
      headers: playerToken ? { authorization: `Bearer ${playerToken}` } : {},
    }),
  });
  const outcome = <T>(result: {
    data?: unknown;
    error?: { graphQLErrors: { message: string; extensions: unknown }[]; networkError?: Error };
  }): Outcome<T> => {
    if (result.error?.networkError) throw result.error.networkError;
    return {
      data: result.data as T | null | undefined,
      errors: (result.error?.graphQLErrors ?? []).map((e) => ({
        message: e.message,
        extensions: e.extensions as ReceivedError["extensions"],
      })),
    };
  };
  return {
    query: async <T>(doc: DocumentNode | string, variables: AnyVariables = {}) =>
      outcome<T>(await client.query(doc, variables).toPromise()),
    mutate: async <T>(doc: DocumentNode | string, variables: AnyVariables = {}) =>
      outcome<T>(await client.mutation(doc, variables).toPromise()),
  };
}

/** A graphql-ws client (Node 20 has no global WebSocket: `ws` is passed in), with optional token. */
export function wsClient(url: string, playerToken?: string): WsClient {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: playerToken ? { authorization: `Bearer ${playerToken}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** Runs one operation over WebSocket to its end and returns what came back. */
export function wsOnce<T>(
  client: WsClient,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Outcome<T>> {
  return new Promise((resolve, reject) => {
    let result: FormattedExecutionResult<T, unknown> | undefined;
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => (result = value),
        error: (error) => {
          if (Array.isArray(error)) resolve({ errors: error as unknown as ReceivedError[] });
          else reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () =>
          resolve({
            data: result?.data ?? null,
            errors: (result?.errors ?? []) as ReceivedError[],
          }),
      },
    );
  });
}

/**
 * A live subscription over WebSocket that collects what arrives: `items` grows as events come,
 * `next(n)` waits (bounded) until n items are there.
 */
export function wsSubscribe<T>(
  client: WsClient,
  query: string,
  variables: Record<string, unknown>,
) {
  const items: T[] = [];
  const errors: ReceivedError[] = [];
  let completed = false;
  let waiters: (() => void)[] = [];
  const wake = () => {
    const current = waiters;
    waiters = [];
    current.forEach((w) => w());
  };
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.data) items.push(value.data);
        if (value.errors) errors.push(...(value.errors as ReceivedError[]));
        wake();
      },
      error: (error) => {
        if (Array.isArray(error)) errors.push(...(error as unknown as ReceivedError[]));
        else errors.push({ message: String((error as { reason?: string }).reason ?? error) });
        completed = true;
        wake();
      },
      complete: () => {
        completed = true;
        wake();
      },
    },
  );
  return {
    items,
    errors,
    get completed() {
      return completed;
    },
    /** Waits until at least `count` items arrived, the subscription ended, or `timeoutMs` passed. */
    waitFor(count: number, timeoutMs = 5_000): Promise<T[]> {
      return this.waitUntil((got) => got.length >= count, timeoutMs);
    },
    /** Waits until `done(items)` holds, the subscription ended, or `timeoutMs` passed. */
    async waitUntil(done: (items: T[]) => boolean, timeoutMs = 5_000): Promise<T[]> {
      const deadline = Date.now() + timeoutMs;
      while (!done(items) && !completed && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, Math.max(1, deadline - Date.now()));
        });
      }
      return items;
    },
    unsubscribe,
  };
}
