import { Field, InterfaceType, ObjectType, registerEnumType } from "type-graphql";
import type { DomainErrorCode } from "../domain/domain-error";
import { ERROR_CODES } from "./error-codes";

/** What every mutation's userErrors have in common: what went wrong, and which input. */
@InterfaceType("UserError", {
  description:
    "Why a mutation did nothing: an expected outcome the player or the app can act on. Each mutation's own kind adds a code from its own enum.",
})
export abstract class UserErrorType {
  @Field(() => [String], {
    nullable: true,
    description:
      'The path to the input at fault from the mutation\'s arguments, e.g. ["input", "monsters", "1", "life"]; null when no one input is.',
  })
  field!: string[] | null;

  @Field({
    description:
      "What went wrong, in a sentence for the app's developer (it may name the input by its path). An app shows its players its own words, chosen by `code` and `field`.",
  })
  message!: string;
}

/** A mutation's user error as its resolver returns it. */
export interface UserError<C extends DomainErrorCode> {
  code: C;
  field: string[] | null;
  message: string;
}

/**
 * The user error type of one mutation, with an enum of exactly the codes it can answer, so a
 * generated client can switch on them exhaustively: `<Mutation>UserError` and `<Mutation>ErrorCode`.
 */
export function userErrorType<C extends DomainErrorCode>(
  mutation: string,
  codes: readonly C[],
): new () => UserError<C> {
  const codeEnum = Object.fromEntries(codes.map((code) => [code, code]));
  registerEnumType(codeEnum, {
    name: `${mutation}ErrorCode`,
    description: `Why ${mutation.charAt(0).toLowerCase()}${mutation.slice(1)} did nothing.`,
    valuesConfig: Object.fromEntries(
      codes.map((code) => [code, { description: ERROR_CODES[code] }]),
    ),
  });

  @ObjectType(`${mutation}UserError`, {
    implements: UserErrorType,
    description: `Why ${mutation.charAt(0).toLowerCase()}${mutation.slice(1)} did nothing: one of its expected outcomes.`,
  })
  class MutationUserError extends UserErrorType implements UserError<C> {
    @Field(() => codeEnum, { description: "What kind of outcome it is." })
    code!: C;
  }
  return MutationUserError;
}
