import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import {
  NoSchemaIntrospectionCustomRule,
  type GraphQLError,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { UnconditionalSubscriptionRule } from "./unconditional-subscription-rule";

/**
 * Bounds on what one operation may ask, the same over HTTP and WebSocket. The deepest useful
 * operation (startGame { game { currentMonster { name } } }) is depth 3; the introspection query an
 * IDE sends is exempt from depth and cost.
 */
export const OPERATION_LIMITS = Object.freeze({
  maxDepth: 8,
  maxAliases: 15,
  maxCost: 5_000,
  /** Lexical tokens in a document, checked while parsing (graphql's own parse option). */
  maxTokens: 2_000,
});

/**
 * GraphQL Armor's rules throw out of `validate()` by default, which Apollo answers with a 500 and
 * graphql-ws with a closed socket; reported into the validation context instead, an operation over
 * a limit is an ordinary GRAPHQL_VALIDATION_FAILED.
 */
const REPORT_DONT_THROW = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) => context?.reportError(error),
  ],
};

/** The validation rules added to graphql's own, in the order they run. */
export function limitRules(options: { introspection: boolean }): ValidationRule[] {
  return [
    maxDepthRule({ n: OPERATION_LIMITS.maxDepth, ignoreIntrospection: true, ...REPORT_DONT_THROW }),
    maxAliasesRule({ n: OPERATION_LIMITS.maxAliases, ...REPORT_DONT_THROW }),
    costLimitRule({
      maxCost: OPERATION_LIMITS.maxCost,
      ignoreIntrospection: true,
      ...REPORT_DONT_THROW,
    }),
    UnconditionalSubscriptionRule,
    ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
}
