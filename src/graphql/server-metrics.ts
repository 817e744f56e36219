import type { ApolloServerPlugin } from "@apollo/server";
import {
  Kind,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { CommitKind, GameServiceObserver } from "../domain/game-service-observer.port";
import { ERROR_CODES } from "./error-codes";

/** How a request reached the server. */
export type Transport = "http" | "ws";

/** The label of an operation that is not exactly one of the schema's root fields. */
export const OTHER_OPERATION = "other";
/** The label of an error code outside {@link KNOWN_CODES}. */
export const OTHER_CODE = "OTHER";
/** The outcome of a request without errors. */
export const OK = "OK";

/**
 * The outcome codes with a series of their own: OK and every code a client can meet
 * (error-codes.ts). Anything else is counted as OTHER, so a code no one planned for cannot add
 * series.
 */
export const KNOWN_CODES: readonly string[] = [OK, ...Object.keys(ERROR_CODES)];
const KNOWN_CODE_SET = new Set(KNOWN_CODES);

/** The codes that say the store failed, counted in dwemthy_store_errors_total too. */
export const STORE_ERROR_CODES: readonly string[] = [
  "STORE_UNAVAILABLE",
  "STORE_FULL",
  "CORRUPT_GAME",
];
const STORE_ERROR_CODE_SET = new Set(STORE_ERROR_CODES);

/** Seconds, from a quick in-memory read to a Redis command that times out. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The outcome code of a response, bounded to the known set: its first error's code; else, when a
 * mutation's payload refused it, the first of its `userErrors` codes (a refusal answered as data
 * is still a refusal to an operator); else OK.
 */
export function outcomeCode(
  errors: readonly GraphQLFormattedError[] | undefined,
  data?: unknown,
): string {
  if (errors && errors.length > 0) return knownCode(errors[0]?.extensions?.code);
  const refused = firstUserErrorCode(data);
  return refused === undefined ? OK : knownCode(refused);
}

function knownCode(code: unknown): string {
  return typeof code === "string" && KNOWN_CODE_SET.has(code) ? code : OTHER_CODE;
}

/** The code of the first userError in any root field's payload, if one was refused. */
function firstUserErrorCode(data: unknown): unknown {
  if (typeof data !== "object" || data === null) return undefined;
  for (const payload of Object.values(data) as unknown[]) {
    if (typeof payload !== "object" || payload === null || !("userErrors" in payload)) continue;
    const { userErrors } = payload;
    if (Array.isArray(userErrors) && userErrors.length > 0) {
      const first: unknown = userErrors[0];
      return typeof first === "object" && first !== null && "code" in first
        ? first.code
        : undefined;
    }
  }
  return undefined;
}

/** One WebSocket operation, from its subscribe message until it ends (see ServerMetrics.ws). */
export interface WsOperationMetric {
  readonly start: bigint;
  /** Its root field's label, once known. */
  operation: string;
  /** The first error's code, or OK. */
  code: string;
  /** A live subscription, counted in the active subscriptions gauge. */
  live: boolean;
  latencyObserved: boolean;
  finished: boolean;
}

/**
 * The application's Prometheus metrics, in a registry of its own (not prom-client's global one),
 * so several servers can live in one process. Every label takes values from a fixed set: the
 * schema's root field names or "other" for the operation, {@link KNOWN_CODES} or "OTHER" for the
 * code, "http" or "ws" for the transport. What a client sends (operation names, aliases, codes)
 * never becomes a label value.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  /** The counts only GameService knows, given to it by the composition root. */
  readonly gameServiceObserver: GameServiceObserver;

  private operations = new Set<string>();
  private readonly requests: Counter<"transport" | "operation" | "code">;
  private readonly duration: Histogram<"transport" | "operation">;
  private readonly rateLimited: Counter<"transport">;
  private readonly storeErrors: Counter<"transport" | "code">;
  private readonly subscriptions: Gauge;
  private openConnections: () => number = () => 0;
  private watchedGames: () => number = () => 0;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: "dwemthy_graphql_requests_total",
      help: "GraphQL operations answered, by transport (http, ws), root field (or other) and outcome code (OK, an error code, or OTHER).",
      labelNames: ["transport", "operation", "code"],
      registers,
    });
    this.duration = new Histogram({
      name: "dwemthy_graphql_request_duration_seconds",
      help: "Time to answer a GraphQL operation, by transport and root field (or other); for a subscription, the time until it is listening.",
      labelNames: ["transport", "operation"],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.rateLimited = new Counter({
      name: "dwemthy_rate_limited_total",
      help: "GraphQL operations refused with RATE_LIMITED, by transport.",
      labelNames: ["transport"],
      registers,
    });
    this.storeErrors = new Counter({
      name: "dwemthy_store_errors_total",
      help: "GraphQL operations that failed because of the store (STORE_UNAVAILABLE, STORE_FULL, CORRUPT_GAME), by transport and code.",
      labelNames: ["transport", "code"],
      registers,
    });
    this.subscriptions = new Gauge({
      name: "dwemthy_websocket_subscriptions_active",
      help: "Subscriptions running now, over every WebSocket connection.",
      registers,
    });
    // Read at each scrape from what they count, so they can never drift.
    gaugeReadAtScrape(
      "dwemthy_websocket_connections_active",
      "WebSocket connections open now on /graphql.",
      this.registry,
      () => this.openConnections(),
    );
    gaugeReadAtScrape(
      "dwemthy_games_watched",
      "Games this instance listens to for live turns (one feed listener each, however many watch it).",
      this.registry,
      () => this.watchedGames(),
    );
    const commits = new Counter({
      name: "dwemthy_game_commits_total",
      help: "Game changes committed to the store, by use case (attack: one turn played each; updateMonster).",
      labelNames: ["use_case"],
      registers,
    });
    const conflicts = new Counter({
      name: "dwemthy_game_commit_conflicts_total",
      help: "Commits refused because the game had changed since it was read (a lost race), by use case.",
      labelNames: ["use_case"],
      registers,
    });
    const retries = new Counter({
      name: "dwemthy_game_commit_retries_total",
      help: "Changes recomputed after a lost race, by use case (conflicts minus retries: requests that gave up with CONFLICT).",
      labelNames: ["use_case"],
      registers,
    });
    // Zero series from the start, so a rate() sees the first increment.
    for (const useCase of ["attack", "updateMonster"] satisfies CommitKind[]) {
      for (const counter of [commits, conflicts, retries]) counter.inc({ use_case: useCase }, 0);
    }
    for (const transport of ["http", "ws"] satisfies Transport[]) {
      this.rateLimited.inc({ transport }, 0);
    }
    this.gameServiceObserver = {
      committed: (kind) => commits.inc({ use_case: kind }),
      conflicted: (kind) => conflicts.inc({ use_case: kind }),
      retried: (kind) => retries.inc({ use_case: kind }),
    };
  }

  /** The operations with a label of their own: the root fields of the schema served. */
  useSchema(schema: GraphQLSchema): void {
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
    this.operations = new Set(roots.flatMap((type) => Object.keys(type?.getFields() ?? {})));
  }

  /** Where the active connections gauge reads its value from (the WebSocket server's clients). */
  countConnectionsWith(openConnections: () => number): void {
    this.openConnections = openConnections;
  }

  /** Where the watched games gauge reads its value from (GameService). */
  countWatchedGamesWith(watchedGames: () => number): void {
    this.watchedGames = watchedGames;
  }

  /**
   * The operation's label: its root field when it selects exactly one of the schema's (besides
   * `__typename`), "other" otherwise. The client's operation name plays no part.
   */
  operationLabel(operation: OperationDefinitionNode | null | undefined): string {
    if (!operation) return OTHER_OPERATION;
    const fields = new Set<string>();
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) return OTHER_OPERATION;
      if (selection.name.value !== "__typename") fields.add(selection.name.value);
    }
    const [field] = fields;
    return fields.size === 1 && field !== undefined && this.operations.has(field)
      ? field
      : OTHER_OPERATION;
  }

  /** Counts one answered operation, with what its outcome code implies. */
  record(transport: Transport, operation: string, code: string, seconds?: number): void {
    this.requests.inc({ transport, operation, code });
    if (seconds !== undefined) this.duration.observe({ transport, operation }, seconds);
    if (code === "RATE_LIMITED") this.rateLimited.inc({ transport });
    if (STORE_ERROR_CODE_SET.has(code)) this.storeErrors.inc({ transport, code });
  }

  /** Counts every operation Apollo answers over HTTP, when its response is sent. */
  apolloPlugin(): ApolloServerPlugin {
    return {
      requestDidStart: () => {
        const start = process.hrtime.bigint();
        return Promise.resolve({
          willSendResponse: ({ operation, response }) => {
            const result = response.body.kind === "single" ? response.body.singleResult : undefined;
            const code = outcomeCode(result?.errors, result?.data);
            this.record("http", this.operationLabel(operation), code, since(start));
            return Promise.resolve();
          },
        });
      },
    };
  }

  /**
   * The WebSocket side. A query or mutation is counted when it ends; a subscription is active from
   * the moment it listens until it ends (the client completes it, the socket closes, or the game
   * ends), and is counted then. Nothing is counted per delivered turn.
   */
  readonly ws = {
    /** A subscribe message was received. */
    started: (): WsOperationMetric => ({
      start: process.hrtime.bigint(),
      operation: OTHER_OPERATION,
      code: OK,
      live: false,
      latencyObserved: false,
      finished: false,
    }),
    /** Its operation is known (parsed and valid). */
    resolved: (op: WsOperationMetric, operation: OperationDefinitionNode | null | undefined) => {
      op.operation = this.operationLabel(operation);
    },
    /** A subscription is listening: active until it finishes. */
    listening: (op: WsOperationMetric): void => {
      if (op.finished || op.live) return;
      op.live = true;
      this.subscriptions.inc();
      this.duration.observe({ transport: "ws", operation: op.operation }, since(op.start));
      op.latencyObserved = true;
    },
    /**
     * What was sent for it: errors, or a query's or mutation's result (its errors, else its
     * payload's userErrors, are its outcome). The first outcome that is not OK stays.
     */
    answered: (
      op: WsOperationMetric,
      errors: readonly GraphQLFormattedError[] | undefined,
      data?: unknown,
    ): void => {
      if (op.code === OK) op.code = outcomeCode(errors, data);
    },
    /** It ended, however it did; once. */
    finished: (op: WsOperationMetric): void => {
      if (op.finished) return;
      op.finished = true;
      if (op.live) this.subscriptions.dec();
      this.record("ws", op.operation, op.code, op.latencyObserved ? undefined : since(op.start));
    },
  };
}

function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** A gauge whose value is read from `read` at each scrape. */
function gaugeReadAtScrape(
  name: string,
  help: string,
  registry: Registry,
  read: () => number,
): void {
  const gauge: Gauge = new Gauge({
    name,
    help,
    registers: [registry],
    collect: () => {
      gauge.set(read());
    },
  });
}
