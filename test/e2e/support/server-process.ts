import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../support/redis-server";

/**
 * The project root: the nearest folder above with a package.json. Here under jest
 * (test/e2e/support), and in the bench's compiled copy (build/test/e2e/support) as well.
 */
function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

const root = projectRoot();
const entry = path.join(root, "dist/main.js");

/** The real server, started as `node dist/main.js` (what `npm start` runs after building). */
export interface ServerProcess {
  url: string;
  wsUrl: string;
  port: number;
  child: ChildProcess;
  /** Everything it logged so far (stdout and stderr). */
  logs(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGTERM and waits for the end (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** How to start it, beyond the environment. */
export interface StartOptions {
  /** Node flags before the entry (e.g. `--cpu-prof`); none by default. */
  nodeArgs?: readonly string[];
  /** The path polled until it answers 2xx: `/healthz` by default (`/readyz` waits for Redis). */
  readyPath?: string;
}

/**
 * Starts the server with the given environment on a free port and waits for /healthz (or
 * `readyPath`). The environment is only PATH and the defaults below, then `env`: nothing else of
 * this process's is passed on. The build must be current: `npm test` and `npm run bench:api` build
 * before they start it; otherwise run `npm run build` first.
 */
export async function startServerProcess(
  env: Record<string, string | undefined> = {},
  { nodeArgs = [], readyPath = "/healthz" }: StartOptions = {},
): Promise<ServerProcess> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
  const port = await freePort();
  let output = "";
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      LOG_LEVEL: "warn",
      HOST: "127.0.0.1",
      PORT: String(port),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );

  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null)
      throw new Error(`the server exited at start (code ${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}${readyPath}`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (i > 200) {
      child.kill("SIGKILL");
      throw new Error(`the server did not answer ${readyPath}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    url: `${url}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    port,
    child,
    logs: () => output,
    exited,
    stop: async (graceMs = 10_000) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    },
  };
}
