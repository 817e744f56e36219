import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  type SelectionSetNode,
  type ValidationRule,
} from "graphql";

/**
 * A subscription selects exactly one root field, so that field cannot be left to `@skip` or
 * `@include` (the GraphQL spec's "Single root field" rule, which graphql-js 16 does not check):
 * a subscription whose root field a variable could skip would have no stream to run.
 */
export const UnconditionalSubscriptionRule: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (operation.operation !== OperationTypeNode.SUBSCRIPTION) return;
    const spread = new Set<string>();
    const check = (set: SelectionSetNode): void => {
      for (const selection of set.selections) {
        const directive = selection.directives?.find(
          (d) => d.name.value === "skip" || d.name.value === "include",
        );
        if (directive) {
          context.reportError(
            new GraphQLError(
              `A subscription's root field cannot be @${directive.name.value}: a subscription runs exactly one root field, always.`,
              { nodes: directive },
            ),
          );
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          check(selection.selectionSet);
        } else if (selection.kind === Kind.FRAGMENT_SPREAD && !spread.has(selection.name.value)) {
          spread.add(selection.name.value);
          const fragment = context.getFragment(selection.name.value);
          if (fragment) check(fragment.selectionSet);
        }
      }
    };
    check(operation.selectionSet);
  },
});
