import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// A trimmed copy of test/support/redis-server.ts (the bench build may not import from test/).

/** A redis-server this bench run owns. */
export interface BenchRedisServer {
  url: string;
  port: number;
  /** Stops it and waits for the process to end; safe to call twice. */
  stop(): Promise<void>;
  /** Kills it at once and removes its directory, without waiting (signal handlers, watchdog). */
  kill(): void;
}

/** A free TCP port on 127.0.0.1, as the kernel hands them out. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.setTimeout(500);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Starts a throwaway redis-server without persistence on a free port in a temporary directory. */
export async function startRedisServer(): Promise<BenchRedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "dwemthy-bench-redis-"));
  const args = [
    "--port", String(port),
    "--bind", "127.0.0.1",
    "--dir", dir,
    "--save", "",
    "--appendonly", "no",
    "--daemonize", "no",
    "--loglevel", "warning",
  ]; // prettier-ignore
  const proc = spawn("redis-server", args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  proc.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2_000);
  });

  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  const kill = (): void => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
    removeDir();
  };
  const stop = async (): Promise<void> => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((resolve) => proc.once("exit", resolve));
      proc.kill("SIGTERM");
      await exited;
    }
    removeDir();
  };

  const failed = new Promise<never>((_, reject) => {
    proc.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new Error(
              "redis-server is not installed. Install it (Debian: apt-get install redis-server) or set REDIS_URL.",
            )
          : error,
      );
    });
    proc.once("exit", (code) =>
      reject(new Error(`redis-server exited with code ${code} at start: ${stderr.trim()}`)),
    );
  });
  const ready = (async () => {
    for (let i = 0; i < 200; i++) {
      if (await ping(port)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`redis-server did not answer on port ${port}`);
  })();
  try {
    await Promise.race([ready, failed]);
  } catch (error) {
    kill();
    throw error;
  }
  proc.removeAllListeners("exit");
  proc.removeAllListeners("error");
  proc.on("error", () => undefined);

  return { url: `redis://127.0.0.1:${port}`, port, stop, kill };
}
