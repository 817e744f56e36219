import "reflect-metadata";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
} from "graphql";
import { printContract } from "../../src/graphql/print-schema";
import { buildGraphQLSchema } from "../../src/graphql/schema";

describe("schema.graphql, the committed contract", () => {
  it("is exactly what the code generates (run `npm run schema:write` after changing the API)", async () => {
    const committed = readFileSync(path.resolve(__dirname, "../../schema.graphql"), "utf8");
    expect(committed).toBe(await printContract());
  });

  it("describes every type, field, argument and enum value", async () => {
    const schema = await buildGraphQLSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || isSpecifiedScalarType(type)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues())
          if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
