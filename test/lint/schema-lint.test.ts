import { readFileSync } from "node:fs";
import path from "node:path";
import { lintMessages, type LintMessage } from "./lint-as";

const schema = readFileSync(path.resolve(__dirname, "../../schema.graphql"), "utf8");

/** The schema with `from` replaced by `to` (exactly once, so a stale anchor fails loudly). */
function edited(from: string, to: string): string {
  expect(schema.split(from)).toHaveLength(2);
  return schema.replace(from, to);
}

/** The 1-based line of the first line of `snippet` in `text`. */
function lineOf(text: string, snippet: string): number {
  return text.slice(0, text.indexOf(snippet)).split("\n").length;
}

const findings = (messages: LintMessage[]) =>
  messages.map(({ line, ruleId, message }) => ({ line, ruleId, message }));

describe("graphql-eslint on schema.graphql", () => {
  it("passes the committed schema", async () => {
    expect(findings(await lintMessages("schema.graphql", schema))).toEqual([]);
  }, 60_000);

  it("refuses a type without a description", async () => {
    const text = edited(
      '"""The hero of the game: four stats and its bombs."""\ntype Rabbit {',
      "type Rabbit {",
    );

    expect(findings(await lintMessages("schema.graphql", text))).toEqual([
      {
        line: lineOf(text, "type Rabbit {"),
        ruleId: "@graphql-eslint/require-description",
        message: 'Description is required for type "Rabbit"',
      },
    ]);
  }, 60_000);

  it("refuses an enum value that is not UPPER_CASE", async () => {
    const text = edited("\n  SWORD\n", "\n  Sword\n");

    expect(findings(await lintMessages("schema.graphql", text))).toEqual([
      {
        line: lineOf(text, "  Sword\n"),
        ruleId: "@graphql-eslint/naming-convention",
        message: 'Enum value "Sword" should be in UPPER_CASE format',
      },
    ]);
  }, 60_000);

  it("refuses a deprecation without a reason, and accepts one with a reason", async () => {
    const anchor = '  weapon: Int!\n}\n\n"""The rabbit struck';
    const bare = edited(anchor, anchor.replace("Int!", "Int! @deprecated"));
    const reasoned = edited(
      anchor,
      anchor.replace("Int!", 'Int! @deprecated(reason: "Attacks do not use it.")'),
    );

    expect(findings(await lintMessages("schema.graphql", bare))).toEqual([
      {
        line: lineOf(bare, "  weapon: Int! @deprecated\n"),
        ruleId: "@graphql-eslint/require-deprecation-reason",
        message: 'Deprecation reason is required for field "weapon" in type "Rabbit".',
      },
    ]);
    expect(findings(await lintMessages("schema.graphql", reasoned))).toEqual([]);
  }, 60_000);

  it("applies the Relay rules to a connection (one without pageInfo is refused)", async () => {
    const pageInfo =
      '\n  """Whether there is more before or after this page."""\n  pageInfo: PageInfo!\n';
    const text = edited(pageInfo, "\n");

    const relay = findings(await lintMessages("schema.graphql", text)).filter(
      (m) => m.ruleId === "@graphql-eslint/relay-connection-types",
    );
    expect(relay).toEqual([
      {
        line: lineOf(text, "type BattleEventConnection {"),
        ruleId: "@graphql-eslint/relay-connection-types",
        message:
          "Connection type must contain a field `pageInfo` that return a non-null `PageInfo` Object type.",
      },
    ]);
  }, 60_000);
});
