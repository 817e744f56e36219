import { readFile } from "node:fs/promises";
import { CriticalityLevel, diff, type Change } from "@graphql-inspector/core";
import { buildSchema } from "graphql";

/** One difference between the released contract and the schema, where it is and what it is. */
export interface ContractChange {
  /** The schema coordinate it touches, e.g. "Rabbit.bombs"; "(schema)" when it has none. */
  path: string;
  /** graphql-inspector's sentence for it. */
  message: string;
}

/** What changed since the released contract, by graphql-inspector's criticality. */
export interface ContractReport {
  /** Breaks clients written against the contract: the gate fails on any of these. */
  breaking: ContractChange[];
  /** May change what a client sees (a new enum value, a changed default): printed, allowed. */
  dangerous: ContractChange[];
  /** Safe for every client (a new field, a deprecation, a description). */
  nonBreaking: ContractChange[];
}

const toContractChange = (change: Change): ContractChange => ({
  path: change.path ?? "(schema)",
  message: change.message,
});

/**
 * Diffs `schemaSdl` against the released contract `contractSdl` (both SDL) and sorts the changes
 * by criticality, each list in graphql-inspector's order.
 */
export async function compareToContract(
  contractSdl: string,
  schemaSdl: string,
): Promise<ContractReport> {
  const changes = await diff(buildSchema(contractSdl), buildSchema(schemaSdl));
  const at = (level: CriticalityLevel) =>
    changes.filter((c) => c.criticality.level === level).map(toContractChange);
  return {
    breaking: at(CriticalityLevel.Breaking),
    dangerous: at(CriticalityLevel.Dangerous),
    nonBreaking: at(CriticalityLevel.NonBreaking),
  };
}

/** {@link compareToContract} on two files: the released contract and the current schema. */
export async function compareFilesToContract(
  contractPath: string,
  schemaPath: string,
): Promise<ContractReport> {
  const [contractSdl, schemaSdl] = await Promise.all([
    readFile(contractPath, "utf8"),
    readFile(schemaPath, "utf8"),
  ]);
  return compareToContract(contractSdl, schemaSdl);
}

/** Changes as lines "path: message", the form the gate prints and fails with. */
export function describeChanges(changes: readonly ContractChange[]): string[] {
  return changes.map((c) => `${c.path}: ${c.message}`);
}
