// @ts-check
import {
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from "graphql";

/**
 * @typedef {{ kind: string; name?: string; ofType?: TypeRef }} TypeRef
 * @typedef {import("graphql").GraphQLOutputType} OutputType
 */

/**
 * A named type's kind, as an introspection writes it.
 * @param {import("graphql").GraphQLNamedType} type
 */
function kindOf(type) {
  if (isObjectType(type)) return "OBJECT";
  if (isInterfaceType(type)) return "INTERFACE";
  if (isUnionType(type)) return "UNION";
  return isEnumType(type) ? "ENUM" : "SCALAR";
}

/**
 * A field's type as an introspection writes it: `[Monster!]!` is NON_NULL of LIST of NON_NULL
 * of Monster (what tells the cache a field may be null, and whether it holds a list).
 * @param {OutputType} type
 * @returns {TypeRef}
 */
function typeRef(type) {
  if (isNonNullType(type)) return { kind: "NON_NULL", ofType: typeRef(type.ofType) };
  if (isListType(type)) return { kind: "LIST", ofType: typeRef(type.ofType) };
  return { kind: kindOf(type), name: type.name };
}

/**
 * A GraphQL Code Generator plugin (web/codegen.ts) that writes what the web client's normalized
 * cache must know of the schema, read from schema.graphql at codegen time so it never drifts:
 * - `cacheSchema`, the object, interface and union types as an introspection gives them, cut to
 *   what Graphcache reads (names, fields' types, interfaces): with it the cache matches fragments
 *   on `BattleEvent` exactly, and knows which fields may be null;
 * - `embeddedTypes`, the object types without an `id`: values inside their parent, never
 *   entities of their own.
 * @param {import("graphql").GraphQLSchema} schema
 * @returns {string}
 */
export function plugin(schema) {
  const byName = (/** @type {{ name: string }} */ a, /** @type {{ name: string }} */ b) =>
    a.name < b.name ? -1 : 1;
  const named = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith("__"))
    .sort(byName);
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  const rootNames = new Set(roots.map((type) => type?.name));

  const types = [];
  for (const type of named) {
    if (isObjectType(type) || isInterfaceType(type)) {
      types.push({
        kind: kindOf(type),
        name: type.name,
        interfaces: type.getInterfaces().map(({ name }) => ({ name })),
        fields: Object.values(type.getFields()).map((field) => ({
          name: field.name,
          type: typeRef(field.type),
          args: field.args.map(({ name }) => ({ name })),
        })),
      });
    } else if (isUnionType(type)) {
      types.push({
        kind: "UNION",
        name: type.name,
        possibleTypes: schema
          .getPossibleTypes(type)
          .map(({ name }) => ({ name }))
          .sort(byName),
      });
    }
  }
  const cacheSchema = {
    __schema: {
      queryType: roots[0] ? { name: roots[0].name } : null,
      mutationType: roots[1] ? { name: roots[1].name } : null,
      subscriptionType: roots[2] ? { name: roots[2].name } : null,
      types,
    },
  };
  const embedded = named
    .filter(
      (type) => isObjectType(type) && !rootNames.has(type.name) && !("id" in type.getFields()),
    )
    .map((type) => type.name);

  return [
    "/* eslint-disable */",
    "/** schema.graphql's object, interface and union types, as Graphcache's `schema` option reads them. */",
    `export const cacheSchema = ${JSON.stringify(cacheSchema, null, 2)};`,
    "",
    "/** The object types of schema.graphql without an `id`: embedded in their parent. */",
    `export const embeddedTypes: string[] = ${JSON.stringify(embedded, null, 2)};`,
    "",
  ].join("\n");
}
