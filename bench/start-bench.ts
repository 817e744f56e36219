/**
 * How long `npm start` takes to answer its first request: once after a change to every part
 * (everything rebuilt, as after a fresh clone's first start), then again with nothing changed.
 * Prints both beside the baseline, a full `npm run build` followed by the server (what `npm start`
 * did before it skipped what is up to date).
 */
import { spawn, spawnSync } from "node:child_process";
import { utimesSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const PORT = 4_987;

/** Runs `command` until GET /healthz answers; returns the seconds it took, and stops it. */
async function secondsToFirstAnswer(command: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), {
    cwd: root,
    env: { ...process.env, PORT: String(PORT), LOG_LEVEL: "warn" },
    stdio: "ignore",
    detached: true,
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${PORT}/healthz`);
        if (res.ok) return (performance.now() - started) / 1000;
      } catch {
        // Not listening yet.
      }
      if (child.exitCode !== null) throw new Error(`${command.join(" ")} exited ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

/** Marks one source of each part as just changed. */
function touchEveryPart(): void {
  const now = new Date();
  for (const file of ["src/main.ts", "web/index.html", "ide/index.html"]) {
    utimesSync(path.join(root, file), now, now);
  }
}

async function main(): Promise<void> {
  const rows: [string, number][] = [];
  touchEveryPart();
  rows.push(["npm start, every part changed", await secondsToFirstAnswer(["npm", "start"])]);
  rows.push(["npm start, nothing changed", await secondsToFirstAnswer(["npm", "start"])]);
  spawnSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
  rows.push([
    "baseline: npm run build, then the server",
    await secondsToFirstAnswer(["sh", "-c", "npm run build >/dev/null && node dist/main.js"]),
  ]);
  console.log("start                                      | seconds to the first answer");
  console.log("-------------------------------------------|----------------------------");
  for (const [name, seconds] of rows) console.log(`${name.padEnd(42)} | ${seconds.toFixed(1)}`);
}

void main();
