import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  validate,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from "graphql";
import type { GraphQLContext } from "../context";
import { OPERATION_LIMITS } from "../limits";
import type { ErrorCode } from "../error-codes";

/** What a subscribe message asks for (graphql-ws has checked the types of these fields). */
export interface OperationPayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** A valid operation, ready to run. */
export interface PreparedOperation {
  /** For graphql's execute and createSourceEventStream (the caller's context included). */
  args: ExecutionArgs;
  operation: OperationDefinitionNode;
  /**
   * Subscriptions with the same key get the same result for the same event: the same document
   * and operation, and the same values of the variables used below the root field (those of
   * the root field's own arguments choose the events, not their shape).
   */
  shareKey: string;
}

/** Why an operation is refused, with the operation it asked for when its text could be read. */
export interface Refusal {
  errors: readonly GraphQLError[];
  operation?: OperationDefinitionNode;
}

/** Whether `prepare` refused the operation. */
export function isRefusal(value: PreparedOperation | Refusal): value is Refusal {
  return "errors" in value;
}

/** A parsed and validated document, with what its subscriptions' share keys need. */
interface CheckedDocument {
  document: DocumentNode;
  errors: readonly GraphQLError[];
  /** Tells documents apart in share keys, without repeating their text. */
  serial: number;
  /** Per operation name: the variables used below its root fields. */
  shapeVariables: Map<string | null, readonly string[]>;
}

/** Query texts up to this long are kept parsed and validated, at most {@link CACHE_ENTRIES}. */
const CACHED_TEXT_MAX = 16 * 1024;
const CACHE_ENTRIES = 1_000;

/**
 * Parses, validates and prepares WebSocket operations as Apollo does for HTTP: the same parse
 * limit, the same validation rules (limits included), variables coerced before anything runs.
 * A query text is parsed and validated once while it is among the recent ones (the subscribers
 * of a game all send the same one): the rules depend on the text alone.
 */
export class OperationPreparer {
  private readonly documents = new Map<string, CheckedDocument>();
  private serials = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: readonly ValidationRule[],
  ) {}

  /** The operation, or the errors to refuse it with (each with its code). */
  prepare(payload: OperationPayload, contextValue: GraphQLContext): PreparedOperation | Refusal {
    const checked = this.check(payload.query);
    const { document } = checked;
    const operation = getOperationAST(document, payload.operationName) ?? undefined;
    if (checked.errors.length > 0) return { errors: checked.errors, operation };
    if (!operation) {
      return {
        errors: [
          new GraphQLError("The operation to run could not be determined.", {
            extensions: { code: "OPERATION_RESOLUTION_FAILURE" },
          }),
        ],
      };
    }
    const variables = getVariableValues(
      this.schema,
      operation.variableDefinitions ?? [],
      payload.variables ?? {},
    );
    if (variables.errors) {
      return { errors: variables.errors.map((e) => withCode(e, "BAD_USER_INPUT")), operation };
    }
    const name = payload.operationName ?? null;
    let used = checked.shapeVariables.get(name);
    if (used === undefined) {
      used = variablesBelowRootFields(document, operation);
      checked.shapeVariables.set(name, used);
    }
    // Coerced values of declared variables only: their size is bounded by the schema's types.
    const shape = used.map((v) => variables.coerced[v] ?? null);
    return {
      args: {
        schema: this.schema,
        document,
        operationName: payload.operationName,
        variableValues: payload.variables,
        contextValue,
      },
      operation,
      shareKey: `${checked.serial}\u0000${name ?? ""}\u0000${JSON.stringify(shape)}`,
    };
  }

  private check(query: string): CheckedDocument {
    const cached = this.documents.get(query);
    if (cached) return cached;
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: OPERATION_LIMITS.maxTokens });
    } catch (error) {
      return refused(error, "GRAPHQL_PARSE_FAILED");
    }
    let invalid: readonly GraphQLError[];
    try {
      invalid = validate(this.schema, document, this.rules);
    } catch (error) {
      // graphql's validate throws when it stops early (too many errors): a refusal all the same.
      return refused(error, "GRAPHQL_VALIDATION_FAILED");
    }
    const checked: CheckedDocument = {
      document,
      errors: invalid.map((e) => withCode(e, "GRAPHQL_VALIDATION_FAILED")),
      serial: ++this.serials,
      shapeVariables: new Map(),
    };
    if (query.length <= CACHED_TEXT_MAX) {
      if (this.documents.size >= CACHE_ENTRIES) {
        // The oldest entry goes: a Map iterates in insertion order.
        const [oldest] = this.documents.keys();
        if (oldest !== undefined) this.documents.delete(oldest);
      }
      this.documents.set(query, checked);
    }
    return checked;
  }
}

/**
 * The variables an operation uses inside its root fields' selections (not in their arguments),
 * and every variable any fragment of the document uses (a fragment can be spread anywhere).
 */
function variablesBelowRootFields(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): string[] {
  const names = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
    visit(definition, {
      Variable: (variable) => {
        names.add(variable.name.value);
      },
    });
  }
  for (const selection of operation.selectionSet.selections) {
    // Fragments and directives at the root can shape the result too: all their variables count.
    const below = selection.kind === Kind.FIELD ? selection.selectionSet : selection;
    const directives = selection.kind === Kind.FIELD ? selection.directives : undefined;
    for (const node of [below, ...(directives ?? [])]) {
      if (!node) continue;
      visit(node, {
        Variable: (variable) => {
          names.add(variable.name.value);
        },
      });
    }
  }
  return [...names].sort();
}

/** A document refused before it could be validated: no operation to name, nothing to cache. */
function refused(error: unknown, code: ErrorCode): CheckedDocument {
  // Anything else than graphql's own error is a bug: it is not the client's to see.
  if (!(error instanceof GraphQLError)) throw error;
  return {
    document: { kind: Kind.DOCUMENT, definitions: [] },
    errors: [withCode(error, code)],
    serial: 0,
    shapeVariables: new Map(),
  };
}

function withCode(error: GraphQLError, code: ErrorCode): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: error.extensions.code ?? code },
  });
}
