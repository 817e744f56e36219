/**
 * Memory benchmark: the bytes one game takes in Redis (MEMORY USAGE summed over its keys), fresh,
 * after 10, 100 and 1,000 turns, and for 100 monsters with 64-character names; how many games fit
 * in 1 GB. Redis CPU per attack and round trips, against the seed's naive per-field baseline, are
 * in bench:store.
 *
 *   npm run bench:memory
 *
 * Starts its own redis-server (no persistence) on a free port, unless REDIS_URL is set: then it
 * uses that server under a unique key prefix and deletes every game it made.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { BESTIARY } from "../src/domain/bestiary";
import { GameService } from "../src/domain/game-service";
import { CryptoGameIdGenerator } from "../src/infrastructure/crypto-game-id-generator";
import { CryptoPlayerTokens } from "../src/infrastructure/crypto-player-tokens";
import { PureRandDiceFactory } from "../src/infrastructure/pure-rand-dice-factory";
import { createRedisClient, waitUntilReady } from "../src/infrastructure/redis-client";
import { RedisGameRepository } from "../src/infrastructure/redis-game-repository";
import { SystemClock } from "../src/infrastructure/system-clock";
import { startRedisServer, type RedisServer } from "../test/support/redis-server";
import { redisVersion } from "./bench-support";
import { gameBytes } from "./redis-cost";

/** The defaults of the server: 7 days, the last 1,000 events. */
const STORE_OPTIONS = { ttlMs: 604_800_000, maxEvents: 1_000 };
const TURNS = [0, 10, 100, 1_000] as const;
const GB = 1_000_000_000;

async function main(): Promise<void> {
  let server: RedisServer | undefined;
  const external = process.env.REDIS_URL;
  if (!external) server = await startRedisServer();
  const url = external ?? server?.url ?? "";
  const client = createRedisClient({ url, commandTimeoutMs: 10_000 }, (error) =>
    console.error(`memory-bench: redis: ${error.message}`),
  );
  // As long as the default prefix, "dwemthy", so the bytes are those of a real deployment.
  const keyPrefix = `dw${randomUUID().slice(0, 5)}`;
  const repository = new RedisGameRepository(client, { ...STORE_OPTIONS, keyPrefix });
  const service = new GameService({
    repository,
    dice: new PureRandDiceFactory(),
    tokens: new CryptoPlayerTokens(),
    ids: new CryptoGameIdGenerator(),
    clock: new SystemClock(),
  });
  const made: string[] = [];
  try {
    await waitUntilReady(client);
    console.log("memory-bench: bytes per game in Redis (MEMORY USAGE summed over its keys)");
    console.log(
      `node ${process.version} | ${os.cpus()[0]?.model.trim() ?? "?"} | redis-server ${await redisVersion(client)} ` +
        `(${external ? "REDIS_URL" : "own, no persistence"}) | EVENT_LOG_SIZE ${STORE_OPTIONS.maxEvents}`,
    );
    console.log("");
    const rows: [string, number, number][] = [];

    // The default game, the original bestiary, played with LETTUCE: it heals, so it goes on (the
    // bestiary cannot be won in practice) and every turn logs events.
    const started = await service.startGame({ seed: 1, monsters: BESTIARY });
    made.push(started.game.id);
    let turn = 0;
    for (const target of TURNS) {
      for (; turn < target; turn++) {
        await service.attack(started.game.id, "LETTUCE", started.playerToken);
      }
      const events = (await service.recentEvents(started.game.id, Number.MAX_SAFE_INTEGER)).length;
      rows.push([
        `default game, after ${target} turns`,
        events,
        await gameBytes(client, keyPrefix, started.game.id),
      ]);
    }

    const big = await service.startGame({
      seed: 2,
      monsters: Array.from({ length: 100 }, (_, i) => ({
        name: `${String(i).padStart(3, "0")}${"M".repeat(61)}`,
        life: 1_000_000,
        strength: 1_000_000,
        charisma: 1_000_000,
        weapon: 1_000_000,
      })),
    });
    made.push(big.game.id);
    rows.push([
      "100 monsters, 64-character names, fresh",
      1,
      await gameBytes(client, keyPrefix, big.game.id),
    ]);

    const header = ["game", "events kept", "bytes", "games per GB"];
    const cells = rows.map(([name, events, bytes]) => [
      name,
      String(events),
      bytes.toLocaleString("en-US"),
      Math.floor(GB / bytes).toLocaleString("en-US"),
    ]);
    const widths = header.map((h, i) =>
      Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)),
    );
    const line = (c: readonly string[]): string =>
      c
        .map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0)))
        .join(" | ");
    console.log(line(header));
    console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
    for (const c of cells) console.log(line(c));
    console.log("");
    console.log(
      "issue 10's targets: a fresh default game <= 1,500 bytes; a full log of 1,000 events <= 25,000 bytes",
    );
  } finally {
    for (const id of made) await repository.delete(id).catch(() => undefined);
    await client.quit().catch(() => client.disconnect());
    await server?.stop();
  }
}

main().catch((error: unknown) => {
  console.error("memory-bench failed:", error);
  process.exitCode = 1;
});
