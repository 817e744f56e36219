// Builds what changed since the last `npm start`, and nothing else: the server (tsc), the web
// client and the IDE (Vite) are each rebuilt only when a file they are built from is newer than
// their last build, so a second start with nothing changed skips straight to the server.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const stamps = path.join(root, "dist", ".built");

/** Each part: the npm script that builds it, what it is built from, and what it makes. */
const PARTS = [
  {
    name: "server",
    script: "build:server",
    from: ["src", "tsconfig.json", "tsconfig.build.json", "package-lock.json"],
    makes: "dist/main.js",
  },
  {
    name: "web",
    script: "build:web",
    from: ["web", "schema.graphql", "package-lock.json"],
    makes: "dist/web/index.html",
  },
  {
    name: "ide",
    script: "build:ide",
    from: ["ide", "package-lock.json"],
    makes: "dist/ide/index.html",
  },
];

/** The newest modification time under `entry` (a file or a folder), node_modules aside. */
function newest(entry) {
  const stat = statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === "node_modules") continue;
    latest = Math.max(latest, newest(path.join(entry, child)));
  }
  return latest;
}

mkdirSync(stamps, { recursive: true });
for (const part of PARTS) {
  const stamp = path.join(stamps, part.name);
  const built = statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const changed = Math.max(...part.from.map((p) => newest(path.join(root, p))));
  if (existsSync(path.join(root, part.makes)) && built > changed) {
    console.log(`${part.name}: up to date`);
    continue;
  }
  // Stamped with the time the build started: a file saved during it counts as changed next time.
  const started = new Date();
  const run = spawnSync("npm", ["run", "--silent", part.script], { cwd: root, stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
  writeFileSync(stamp, "");
  utimesSync(stamp, started, started);
}
