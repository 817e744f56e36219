import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { NoSchemaIntrospectionCustomRule, type ValidationRule } from "graphql";

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

/** The validation rules added to graphql's own, in the order they run. */
export function limitRules(options: { introspection: boolean }): ValidationRule[] {
  return [
    maxDepthRule({ n: OPERATION_LIMITS.maxDepth, ignoreIntrospection: true }),
    maxAliasesRule({ n: OPERATION_LIMITS.maxAliases }),
    costLimitRule({ maxCost: OPERATION_LIMITS.maxCost, ignoreIntrospection: true }),
    ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
}
