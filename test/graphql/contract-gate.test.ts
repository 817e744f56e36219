import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { compareFilesToContract, describeChanges } from "../../scripts/contract-gate";

const root = path.resolve(__dirname, "../..");
const CONTRACT = path.join(root, "contract/v1.graphql");
const SCHEMA = path.join(root, "schema.graphql");

describe("the breaking-change gate: schema.graphql against the released contract", () => {
  it("finds no breaking change in schema.graphql (dangerous ones are printed)", async () => {
    const report = await compareFilesToContract(CONTRACT, SCHEMA);

    if (report.dangerous.length > 0) {
      console.warn(
        `Dangerous changes against contract/v1.graphql (allowed; say so in CHANGELOG.md):\n${describeChanges(report.dangerous).join("\n")}`,
      );
    }
    // On failure the list names each break as "path: message". Retire a field with @deprecated
    // instead (docs/versioning.md).
    expect(describeChanges(report.breaking)).toEqual([]);
  });

  describe("on a temporary copy of the schema", () => {
    let dir: string;
    let schema: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), "contract-gate-"));
      schema = await readFile(SCHEMA, "utf8");
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    /** The gate's report for the schema with `from` replaced by `to` (exactly once). */
    async function gateWith(from: string, to: string) {
      expect(schema.split(from)).toHaveLength(2);
      const copy = path.join(dir, "schema.graphql");
      await writeFile(copy, schema.replace(from, to));
      return compareFilesToContract(CONTRACT, copy);
    }

    const rabbitBombs = '  """Bombs left, from 3 down to 0."""\n  bombs: Int!\n';

    it("fails when a field is removed, naming it", async () => {
      const report = await gateWith(rabbitBombs, "");

      expect(describeChanges(report.breaking)).toEqual([
        "Rabbit.bombs: Field 'bombs' was removed from object type 'Rabbit'",
      ]);
    });

    it("fails when an argument becomes required, naming it", async () => {
      const report = await gateWith("    fromTurn: Int\n", "    fromTurn: Int!\n");

      expect(describeChanges(report.breaking)).toEqual([
        "Subscription.battleTurns.fromTurn: Type for argument 'fromTurn' on field 'Subscription.battleTurns' changed from 'Int' to 'Int!'",
      ]);
    });

    it("passes a field added", async () => {
      const report = await gateWith(
        rabbitBombs,
        `${rabbitBombs}\n  """Bombs thrown so far."""\n  bombsThrown: Int!\n`,
      );

      expect(report).toEqual({
        breaking: [],
        dangerous: [],
        nonBreaking: [
          {
            path: "Rabbit.bombsThrown",
            message: "Field 'bombsThrown' was added to object type 'Rabbit'",
          },
          {
            path: "Rabbit.bombsThrown",
            message: "Field 'Rabbit.bombsThrown' has description 'Bombs thrown so far.'",
          },
        ],
      });
    });

    it("passes a deprecation", async () => {
      const report = await gateWith(
        rabbitBombs,
        rabbitBombs.replace("Int!", 'Int! @deprecated(reason: "Count the BOMB turns instead.")'),
      );

      expect(report.breaking).toEqual([]);
      expect(report.dangerous).toEqual([]);
      expect(describeChanges(report.nonBreaking)).toEqual([
        "Rabbit.bombs.@deprecated: Field 'Rabbit.bombs' is deprecated",
        "Rabbit.bombs.@deprecated: Directive 'deprecated' was added to field 'Rabbit.bombs'",
        "Rabbit.bombs.@deprecated.reason: Argument 'reason' was added to '@deprecated'",
      ]);
    });

    it("passes a new enum value but reports it as dangerous", async () => {
      const report = await gateWith(
        '  """A fight turn with attack bonus 13."""\n  BOOMERANG\n',
        '  """A fight turn with attack bonus 13."""\n  BOOMERANG\n\n  """A fight turn with attack bonus 7."""\n  CARROT\n',
      );

      expect(report.breaking).toEqual([]);
      expect(describeChanges(report.dangerous)).toEqual([
        "Weapon.CARROT: Enum value 'CARROT' was added to enum 'Weapon'",
      ]);
    });
  });
});
