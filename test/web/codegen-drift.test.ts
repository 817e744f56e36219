import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const generatedDir = path.join(root, "web/src/gql");

/**
 * Runs GraphQL Code Generator with web/codegen.ts, as `npm run codegen` does, but writes nothing:
 * its output goes to a JSON file. In a child process because the codegen CLI loads ES modules
 * that jest's module runtime cannot.
 */
function freshOutput(): Map<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), "dwemthy-codegen-"));
  const out = path.join(dir, "files.json");
  try {
    const script = `
      import { writeFileSync } from "node:fs";
      const { loadContext, generate } = await import("@graphql-codegen/cli");
      const context = await loadContext("web/codegen.ts");
      context.updateConfig({ silent: true });
      const files = await generate(context, false);
      writeFileSync(process.argv[1], JSON.stringify(files.map((f) => [f.filename, f.content])));
    `;
    execFileSync(process.execPath, ["--input-type=module", "-e", script, out], {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
    });
    const files = JSON.parse(readFileSync(out, "utf8")) as [string, string][];
    return new Map(
      files.map(([file, content]) => [path.relative(root, path.resolve(root, file)), content]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("web/src/gql, the web client's generated operation types", () => {
  it("are exactly what the codegen makes of schema.graphql and web/src's operations (run `npm run codegen`)", () => {
    const fresh = freshOutput();
    const committed = new Map(
      readdirSync(generatedDir).map((name) => [
        path.join("web/src/gql", name),
        readFileSync(path.join(generatedDir, name), "utf8"),
      ]),
    );
    // The same files, none missing and none left over, each with the same text.
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [file, content] of fresh) {
      expect({ file, content: committed.get(file) }).toEqual({ file, content });
    }
  });
});
