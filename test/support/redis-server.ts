import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** A redis-server this test run owns. */
export interface RedisServer {
  url: string;
  port: number;
  /**
   * Stops it (SIGKILL when `hard`) and waits for the process to end. A non-persistent server's
   * directory is removed; a persistent one's is kept for restart() (its owner removes it).
   */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port and directory (keeps its data when persistent). */
  restart(): Promise<void>;
  /** Kills it at once without waiting, and removes a non-persistent one's directory (for signal handlers and watchdogs). */
  kill(): void;
  /** SIGKILL, as a crash: waits for the process to end and keeps its directory for restart(). */
  crash(): Promise<void>;
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

/**
 * Starts a throwaway redis-server on a free port in a temporary directory. No persistence unless
 * `persistent` (then an append-only file, fsynced on every write, so a killed server keeps every
 * write it acknowledged: for the fault tests). With `cluster`, a node for a Redis Cluster (its
 * `cluster-node-timeout` is `nodeTimeoutMs`, 5000 by default: a failover's detection time). With
 * `replicaOf`, a replica of the server on that port.
 */
export async function startRedisServer(
  options: {
    persistent?: boolean;
    cluster?: boolean;
    nodeTimeoutMs?: number;
    replicaOf?: number;
  } = {},
): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "dwemthy-redis-"));
  const args = [
    "--port", String(port),
    "--bind", "127.0.0.1",
    "--dir", dir,
    "--save", "",
    "--daemonize", "no",
    "--loglevel", "warning",
    ...(options.persistent
      ? ["--appendonly", "yes", "--appendfsync", "always"]
      : ["--appendonly", "no"]),
    ...(options.cluster
      ? ["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", String(options.nodeTimeoutMs ?? 5000)]
      : []),
    ...(options.replicaOf ? ["--replicaof", "127.0.0.1", String(options.replicaOf)] : []),
    // A replica's full sync starts at once, not after the 5 s Redis waits for more replicas.
    ...(options.cluster || options.replicaOf ? ["--repl-diskless-sync-delay", "0"] : []),
  ]; // prettier-ignore
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    const proc = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
    child = proc;
    let said = "";
    const listen = (d: Buffer) => (said = (said + d.toString()).slice(-2000));
    proc.stdout?.on("data", listen);
    proc.stderr?.on("data", listen);
    const failed = new Promise<never>((_, reject) => {
      proc.once("error", (error: NodeJS.ErrnoException) => {
        reject(
          error.code === "ENOENT"
            ? new Error(
                "redis-server is not installed. Install it (Debian: apt-get install redis-server) or set REDIS_URL to a Redis the tests may use.",
              )
            : error,
        );
      });
      proc.once("exit", (code) =>
        reject(
          new Error(
            `redis-server exited with code ${code} at start (port ${port}): ${said.trim()}`,
          ),
        ),
      );
    });
    const ready = (async () => {
      for (let i = 0; i < 200; i++) {
        if (await ping(port)) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`redis-server did not answer on port ${port}`);
    })();
    await Promise.race([ready, failed]);
    proc.removeAllListeners("exit");
  };

  const stop = async (hard = false): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once("exit", resolve));
    proc.kill(hard ? "SIGKILL" : "SIGTERM");
    await exited;
  };

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async (hard) => {
      await stop(hard);
      // A persistent server keeps its directory, so that restart() finds its data after a kill.
      if (!options.persistent) rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await stop();
      await launch();
    },
    crash: () => stop(true),
    kill: () => {
      child?.kill("SIGKILL");
      child = undefined;
      if (!options.persistent) rmSync(dir, { recursive: true, force: true });
    },
  };
}
