import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { lexicographicSortSchema, printSchema } from "graphql";
import { buildGraphQLSchema } from "./schema";

/** The contract as SDL, sorted so that its diff shows only real changes. */
export async function printContract(): Promise<string> {
  const schema = await buildGraphQLSchema();
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

// `node dist/graphql/print-schema.js [file]` writes the contract (to schema.graphql by default).
if (require.main === module) {
  const target = process.argv[2] ?? "schema.graphql";
  printContract().then(
    (sdl) => {
      writeFileSync(target, sdl);
      process.stdout.write(`wrote ${target}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
