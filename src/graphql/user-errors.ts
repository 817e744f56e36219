import { DomainError, type DomainErrorCode } from "../domain/domain-error";
import type { UserError } from "./user-error.type";

/** A payload that did nothing, saying why. */
export interface Refused<C extends DomainErrorCode> {
  userErrors: UserError<C>[];
}

/**
 * Runs a mutation: its result, or, when the domain refuses it with one of `codes` (the
 * mutation's expected outcomes), a payload with that refusal in `userErrors`. Any other failure
 * (auth, store, a bug) is thrown, to reach the client as a top-level error.
 */
export async function withUserErrors<T, C extends DomainErrorCode>(
  codes: readonly C[],
  run: () => Promise<T>,
): Promise<(T & { userErrors: [] }) | Refused<C>> {
  try {
    return { ...(await run()), userErrors: [] };
  } catch (error) {
    if (!(error instanceof DomainError) || !isOneOf(error.code, codes)) throw error;
    return {
      userErrors: [{ code: error.code, field: inputPath(error.field), message: error.message }],
    };
  }
}

function isOneOf<C extends DomainErrorCode>(code: DomainErrorCode, codes: readonly C[]): code is C {
  return (codes as readonly DomainErrorCode[]).includes(code);
}

/** The domain's field ("monsters[1].life") as a path from the mutation's arguments. */
function inputPath(field: string | undefined): string[] | null {
  if (field === undefined) return null;
  return ["input", ...field.split(/[.[\]]+/).filter((part) => part !== "")];
}
