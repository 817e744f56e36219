import type { IncomingMessage } from "node:http";
import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import {
  getOperationAST,
  GraphQLError,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type ExecutionArgs,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { Logger } from "pino";
import type { WebSocket, WebSocketServer } from "ws";
import type { GraphQLContext } from "./context";

/**
 * The separate budgets a client spends from: `startGame` (each game created), other mutations,
 * queries, and `subscription` (each new WebSocket connection and each subscription).
 */
export type RateLimitBudget = "startGame" | "mutation" | "query" | "subscription";

/** The answer to one request for points: allowed, or refused until the window ends. */
export type RateLimitDecision =
  | { allowed: true }
  | {
      allowed: false;
      /** Whole seconds (at least 1) until the budget has room again. */
      retryAfterSeconds: number;
      /** What the budget allows per window, for the refusal's message. */
      points: number;
      windowSeconds: number;
    };

/**
 * Per-client rate limits: the API asks before it runs an operation or accepts a connection. The
 * composition root provides them (counters in Redis, shared by every instance, or in the process).
 * `consume` must not reject: an unreachable counter store is the implementation's to handle.
 */
export interface RateLimits {
  consume(budget: RateLimitBudget, clientKey: string, points?: number): Promise<RateLimitDecision>;
}

/** The root field whose every call creates a game (and stores it for days): its own budget. */
const START_GAME_FIELD = "startGame";

/** graphql-ws leaves these to the application; 4429 is also what its client treats as fatal. */
export const RATE_LIMITED_CLOSE_CODE = 4429;

const BUDGET_WORDING: Record<RateLimitBudget, string> = {
  startGame: "startGame calls",
  mutation: "mutations",
  query: "queries",
  subscription: "new WebSocket connections and subscriptions",
};

type Refusal = Extract<RateLimitDecision, { allowed: false }>;

function refusalMessage(budget: RateLimitBudget, refusal: Refusal): string {
  return (
    `Rate limited: too many ${BUDGET_WORDING[budget]} from this client ` +
    `(the ${budget} budget allows ${refusal.points} per ${refusal.windowSeconds} s). ` +
    `Retry in ${refusal.retryAfterSeconds} s.`
  );
}

/**
 * A refusal as a GraphQL error: RATE_LIMITED with `retryAfterSeconds` and the budget; over HTTP
 * also status 429 and a Retry-After header (Apollo takes both from `extensions.http`).
 */
export function rateLimitedError(
  budget: RateLimitBudget,
  refusal: Refusal,
  transport: "http" | "websocket",
): GraphQLError {
  return new GraphQLError(refusalMessage(budget, refusal), {
    extensions: {
      code: "RATE_LIMITED",
      budget,
      retryAfterSeconds: refusal.retryAfterSeconds,
      ...(transport === "http"
        ? {
            http: {
              status: 429,
              headers: new HeaderMap([["retry-after", String(refusal.retryAfterSeconds)]]),
            },
          }
        : {}),
    },
  });
}

/**
 * How many root fields of `name` the operation selects, through fragments and inline fragments
 * too (a validated document has no fragment cycles; `seen` guards anyway). `@skip`/`@include` are
 * not evaluated: a field that might run is charged.
 */
function countRootField(
  selectionSet: SelectionSetNode,
  name: string,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  seen: Set<string> = new Set(),
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name) count++;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countRootField(selection.selectionSet, name, fragments, seen);
    } else {
      const fragmentName = selection.name.value;
      const fragment = fragments.get(fragmentName);
      if (fragment && !seen.has(fragmentName)) {
        seen.add(fragmentName);
        count += countRootField(fragment.selectionSet, name, fragments, seen);
      }
    }
  }
  return count;
}

/**
 * What an operation costs and from which budget: a mutation selecting `startGame` is charged one
 * startGame point per such field (15 aliases create 15 games); any other operation one point of
 * its type's budget (subscriptions: the `subscription` budget).
 */
export function operationCharge(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): { budget: RateLimitBudget; points: number } {
  switch (operation.operation) {
    case OperationTypeNode.QUERY:
      return { budget: "query", points: 1 };
    case OperationTypeNode.SUBSCRIPTION:
      return { budget: "subscription", points: 1 };
    case OperationTypeNode.MUTATION: {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) {
          fragments.set(definition.name.value, definition);
        }
      }
      const games = countRootField(operation.selectionSet, START_GAME_FIELD, fragments);
      return games > 0 ? { budget: "startGame", points: games } : { budget: "mutation", points: 1 };
    }
  }
}

/** How often at most a refusal is logged at warn; the others go to debug and are counted. */
const WARN_EVERY_MS = 60_000;

/**
 * Applies {@link RateLimits} to the API: an Apollo plugin for HTTP, a check for graphql-ws's
 * onSubscribe, and a listener that closes WebSocket connections over the budget. A refusal is
 * logged at debug; under a flood a warn line at most once a minute says how many there were.
 */
export class RateLimitGate {
  private lastWarnAt = Number.NEGATIVE_INFINITY;
  private refusedSinceWarn = 0;

  constructor(
    private readonly limits: RateLimits,
    private readonly logger: Logger,
  ) {}

  /**
   * Charges an operation to the client's budget.
   * @returns the RATE_LIMITED error to answer with, or undefined when it may run.
   */
  async checkOperation(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    clientKey: string,
    transport: "http" | "websocket",
  ): Promise<GraphQLError | undefined> {
    const { budget, points } = operationCharge(document, operation);
    let decision: RateLimitDecision;
    try {
      decision = await this.limits.consume(budget, clientKey, points);
    } catch (error) {
      // RateLimits promise not to reject; should they, the request is served, never failed.
      this.logger.error({ err: error, budget }, "rate limits failed; the operation runs unlimited");
      return undefined;
    }
    if (decision.allowed) return undefined;
    this.refused(budget, clientKey, transport);
    return rateLimitedError(budget, decision, transport);
  }

  /**
   * For WebSocket (graphql-ws's onSubscribe): charges a parsed and validated operation.
   * @returns the operation to run, or the refusal for this operation alone (the socket stays
   * open).
   */
  async admit(
    args: ExecutionArgs,
    clientKey: string,
  ): Promise<ExecutionArgs | readonly GraphQLError[]> {
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation) return args;
    const refusal = await this.checkOperation(args.document, operation, clientKey, "websocket");
    return refusal ? [refusal] : args;
  }

  /**
   * For HTTP: charges each operation once Apollo has parsed and validated it, before it runs, so a
   * refused one changes nothing. Subscriptions are left to the plugin that sends them to WebSocket.
   */
  apolloPlugin(): ApolloServerPlugin<GraphQLContext> {
    return {
      requestDidStart: () =>
        Promise.resolve({
          didResolveOperation: async ({ document, operation, contextValue }) => {
            if (!operation || operation.operation === OperationTypeNode.SUBSCRIPTION) return;
            const refusal = await this.checkOperation(
              document,
              operation,
              contextValue.clientAddress ?? "unknown",
              "http",
            );
            if (refusal) throw refusal;
          },
        }),
    };
  }

  /**
   * Charges every new WebSocket connection to the `subscription` budget; one over it is closed at
   * once with {@link RATE_LIMITED_CLOSE_CODE} and a reason saying when to retry.
   */
  limitNewConnections(
    wsServer: WebSocketServer,
    clientKeyOf: (request: IncomingMessage) => string,
  ): void {
    wsServer.on("connection", (socket: WebSocket, request: IncomingMessage) => {
      const clientKey = clientKeyOf(request);
      this.limits.consume("subscription", clientKey).then(
        (decision) => {
          if (decision.allowed) return;
          this.refused("subscription", clientKey, "websocket");
          // A close reason is at most 123 bytes: the short form of the message.
          socket.close(
            RATE_LIMITED_CLOSE_CODE,
            `Rate limited: too many new connections; retry in ${decision.retryAfterSeconds} s`,
          );
        },
        (error: unknown) =>
          this.logger.error({ err: error }, "rate limits failed; the connection stays open"),
      );
    });
  }

  private refused(budget: RateLimitBudget, clientKey: string, transport: string): void {
    this.refusedSinceWarn++;
    const now = Date.now();
    if (now - this.lastWarnAt >= WARN_EVERY_MS) {
      this.logger.warn(
        { budget, client: clientKey, transport, refused: this.refusedSinceWarn },
        "rate limit refusals (logged at most once a minute; each one at debug)",
      );
      this.lastWarnAt = now;
      this.refusedSinceWarn = 0;
    } else {
      this.logger.debug({ budget, client: clientKey, transport }, "rate limited");
    }
  }
}
