// @ts-check
import { isAbstractType, isObjectType } from "graphql";

/**
 * A GraphQL Code Generator plugin (web/codegen.ts) that writes what the web client's normalized
 * cache must know of the schema, read from schema.graphql at codegen time so it never drifts:
 * the concrete types of each interface or union (exact fragment matching on `BattleEvent`), and
 * the object types without an `id` (values embedded in their parent, never entities of their own).
 * Plain lists of names, not a whole introspection: the cache needs nothing more.
 * @param {import("graphql").GraphQLSchema} schema
 * @returns {string}
 */
export function plugin(schema) {
  const types = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith("__"))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
      .filter((type) => type != null)
      .map((type) => type.name),
  );
  /** @type {Record<string, string[]>} */
  const possibleTypes = {};
  for (const type of types) {
    if (isAbstractType(type))
      possibleTypes[type.name] = schema
        .getPossibleTypes(type)
        .map((t) => t.name)
        .sort();
  }
  const embedded = types
    .filter((type) => isObjectType(type) && !roots.has(type.name) && !("id" in type.getFields()))
    .map((type) => type.name);
  return [
    "/* eslint-disable */",
    "/** The concrete types of every interface and union of schema.graphql. */",
    `export const possibleTypes: Record<string, string[]> = ${JSON.stringify(possibleTypes, null, 2)};`,
    "",
    "/** The object types of schema.graphql without an `id`: embedded in their parent. */",
    `export const embeddedTypes: string[] = ${JSON.stringify(embedded, null, 2)};`,
    "",
  ].join("\n");
}
