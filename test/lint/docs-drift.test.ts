import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema, isEnumType, parse, validate } from "graphql";
import { EXAMPLE_TABS } from "../../ide/src/example-tabs";
import type { GameState } from "../../src/domain/game";
import { ERROR_CODES } from "../../src/graphql/error-codes";
import { loadConfig } from "../../src/infrastructure/config";
import { monsterFields, newGameFields } from "../../src/infrastructure/redis-game-codec";
import { RedisGameKeys } from "../../src/infrastructure/redis-game-keys";
import {
  COMMIT_TURN,
  CREATE_GAME,
  DELETE_GAME,
  LOAD_GAME,
} from "../../src/infrastructure/redis-scripts";

/**
 * The docs against the code: README.md and docs/*.md say what the code does, so a variable, an
 * error code, a Redis field or a schema change without its line in the docs (or a line left behind
 * when one goes) fails here, and so does a GraphQL example the schema no longer takes.
 */
const root = path.resolve(__dirname, "..", "..");
const read = (file: string): string => readFileSync(path.join(root, file), "utf8");
const DOCS = [
  "README.md",
  ...readdirSync(path.join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

/** The text of a doc's `## title` section, up to the next `## ` heading. */
function section(file: string, title: string): string {
  const text = read(file);
  const start = text.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The first backquoted word of each table row of `text`. */
function rowKeys(text: string): string[] {
  return [...text.matchAll(/^\| `([A-Za-z][A-Za-z0-9_]*)`/gm)].map((m) => m[1]!);
}

/** The field names of a hash as a flat HSET list gives them: every other item. */
const names = (flat: readonly string[]): string[] => flat.filter((_, i) => i % 2 === 0);

const sorted = (items: Iterable<string>): string[] => [...new Set(items)].sort();

describe("the docs", () => {
  it("are README.md and the guides under docs/, none of them pointing outside the repository", () => {
    expect(DOCS).toEqual(
      expect.arrayContaining([
        "README.md",
        "docs/api.md",
        "docs/architecture.md",
        "docs/operations.md",
        "docs/rules.md",
        "docs/versioning.md",
      ]),
    );
    for (const file of DOCS) {
      expect({
        file,
        outside: read(file).match(/\.\.\/shared|RULES\.md|DESIGN\.md|STACK\.md/g),
      }).toEqual({
        file,
        outside: null,
      });
    }
  });

  it("link only to files that exist", () => {
    const broken: string[] = [];
    for (const file of DOCS) {
      for (const [, target] of read(file).matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        if (!existsSync(path.resolve(root, path.dirname(file), target!))) {
          broken.push(`${file}: ${target}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it("README gives the test command CI runs, `npm test`, and the start command", () => {
    const readme = read("README.md");
    expect(readme).toContain("npm ci && npm test");
    expect(readme).toContain("npm ci && npm start");
  });
});

describe("every GraphQL example", () => {
  const schema = buildSchema(read("schema.graphql"));
  const examples = DOCS.flatMap((file) =>
    [...read(file).matchAll(/```graphql\n([\s\S]*?)```/g)].map((m, i) => ({
      where: `${file}, graphql block ${i + 1}`,
      text: m[1]!,
    })),
  );
  const tabs = EXAMPLE_TABS.map((tab, i) => ({
    where: `IDE tab ${i + 1}`,
    text: tab.query ?? "",
  }));

  it("is there: README and the API guide show operations", () => {
    expect(examples.filter((e) => e.where.startsWith("README.md")).length).toBeGreaterThan(0);
    expect(examples.filter((e) => e.where.startsWith("docs/api.md")).length).toBeGreaterThan(3);
  });

  it.each([...examples, ...tabs].map((e) => [e.where, e.text]))(
    "validates against schema.graphql: %s",
    (_where, text) => {
      expect(validate(schema, parse(text)).map((e) => e.message)).toEqual([]);
    },
  );
});

describe("docs/operations.md", () => {
  it("has a configuration row for every variable loadConfig reads, and none for a variable it does not", () => {
    const readVariables = new Set<string>();
    const env: NodeJS.ProcessEnv = new Proxy(
      {},
      {
        get: (_target, key) => {
          if (typeof key === "string") readVariables.add(key);
          return undefined;
        },
      },
    );
    loadConfig(env);
    const rows = rowKeys(section("docs/operations.md", "Configuration"));

    expect(rows.length).toBeGreaterThan(20);
    expect(sorted(rows)).toEqual(sorted(readVariables));
  });
});

describe("docs/api.md", () => {
  const schema = buildSchema(read("schema.graphql"));
  const errors = section("docs/api.md", "Top-level errors");

  it("has one row for every error code a client can meet (ERROR_CODES), and no other", () => {
    const rows = rowKeys(errors);
    expect(rows).toHaveLength(new Set(rows).size);
    expect(sorted(rows)).toEqual(sorted(Object.keys(ERROR_CODES)));
  });

  it("says of each code that a mutation's ...ErrorCode enum holds that it comes in userErrors", () => {
    const enums = Object.values(schema.getTypeMap())
      .filter(isEnumType)
      .filter((type) => type.name.endsWith("ErrorCode"));
    expect(enums.length).toBe(4);
    const userErrorCodes = enums.flatMap((type) => type.getValues()).map((value) => value.name);
    const documentedAsUserErrors = [...errors.matchAll(/^\| `([A-Z_]+)`\s*\| userErrors/gm)].map(
      (m) => m[1]!,
    );
    expect(sorted(documentedAsUserErrors)).toEqual(sorted(userErrorCodes));
  });

  it("lists each mutation's userErrors codes as its enum in schema.graphql does", () => {
    const table = section("docs/api.md", "Mutations, payloads and userErrors");
    const documented = Object.fromEntries(
      [...table.matchAll(/^\| `(\w+)`\s*\|([^|\n]*)\|$/gm)].map((m) => [
        m[1]!,
        sorted([...m[2]!.matchAll(/`([A-Z_]+)`/g)].map((c) => c[1]!)),
      ]),
    );
    const mutations = schema.getMutationType()!.getFields();
    expect(Object.keys(documented).sort()).toEqual(Object.keys(mutations).sort());
    for (const name of Object.keys(mutations)) {
      const enumName = `${name[0]!.toUpperCase()}${name.slice(1)}ErrorCode`;
      const type = schema.getType(enumName);
      if (!isEnumType(type)) throw new Error(`${name} has no ${enumName} enum`);
      const values = type.getValues().map((value) => value.name);
      expect({ name, codes: documented[name] }).toEqual({ name, codes: sorted(values) });
    }
  });
});

describe("docs/architecture.md's Redis layout", () => {
  const layout = section("docs/architecture.md", "Redis layout");
  const block = /```\n([\s\S]*?)```/.exec(layout)![1]!;

  /** The fields a key's line lists after `label:`, parenthesised comments left out. */
  function listed(label: string, from: string, to: string | undefined): string[] {
    const start = block.indexOf(from);
    const end = to === undefined ? block.length : block.indexOf(to);
    expect(start).toBeGreaterThanOrEqual(0);
    const text = block.slice(start, end);
    const after = text.slice(text.indexOf(label) + label.length).replace(/\([^)]*\)/g, "");
    return sorted(after.split(/[\s,;:]+/).filter((word) => /^[a-z][A-Za-z]*$/.test(word)));
  }

  it("names every key of a game as RedisGameKeys builds them", () => {
    const keys = new RedisGameKeys("<prefix>", "<id>");
    const built = [keys.game, keys.monster("<n>"), keys.array, keys.events, keys.channel];
    const documented = [...block.matchAll(/^(<prefix>:\{<id>\}:[^\s]+)/gm)].map((m) => m[1]!);
    expect(sorted(documented)).toEqual(sorted(built));
  });

  it("lists exactly the fields the codec and the scripts write in the game hash", () => {
    const game: GameState = {
      id: "g",
      status: "IN_PROGRESS",
      turn: 0,
      version: 1,
      dice: "d",
      tokenHash: "h",
      rabbit: { life: 10, strength: 2, charisma: 44, weapon: 4, bombs: 3 },
      monsters: [{ id: "1", name: "Snail", life: 1, strength: 1, charisma: 1, weapon: 1 }],
      createdAt: 0,
      updatedAt: 0,
    };
    const scripts = [CREATE_GAME, LOAD_GAME, COMMIT_TURN, DELETE_GAME].join("\n");
    const scriptFields = [
      ...[...scripts.matchAll(/'HSET', KEYS\[1\], ([^\n]*)/g)].flatMap((m) =>
        [...m[1]!.matchAll(/'(\w+)'/g)].map((f) => f[1]!),
      ),
      ...[...scripts.matchAll(/fields\[#fields \+ 1\] = '(\w+)'/g)].map((m) => m[1]!),
      ...[...scripts.matchAll(/local fields = \{'(\w+)'/g)].map((m) => m[1]!),
    ];
    expect(scriptFields.length).toBeGreaterThan(2);
    const written = sorted([...names(newGameFields(game)), ...scriptFields]);

    expect(listed("game hash:", "<prefix>:{<id>}:g ", "<prefix>:{<id>}:m:")).toEqual(written);
  });

  it("lists exactly the fields of a monster hash", () => {
    const monster = { name: "Snail", life: 1, strength: 1, charisma: 1, weapon: 1 };
    expect(listed("monster hash:", "<prefix>:{<id>}:m:", "<prefix>:{<id>}:a ")).toEqual(
      sorted(names(monsterFields(monster))),
    );
  });
});
