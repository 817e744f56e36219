import { randomBytes } from "node:crypto";
import { ReplyError, type Result } from "ioredis";
import type { BattleEvent } from "../domain/battle-event";
import { snapshotOf } from "../domain/battle-turn";
import { CorruptGameError, DomainError } from "../domain/domain-error";
import type { GameState } from "../domain/game";
import type { GameChange } from "../domain/game-change";
import type { CommitOutcome, DeleteOutcome, GameRepository } from "../domain/game-repository.port";
import { ENDED_MESSAGE, turnMessageGame } from "./battle-turn-message";
import type { RedisClient } from "./redis-client";
import type { StoreOptions } from "./store-options";
import { decodeLogEntry, encodeTurnEntry } from "./redis-event-log-codec";
import {
  changedGameFields,
  monsterFields,
  newGameFields,
  parseGame,
  type FlatFields,
  type LoadReply,
} from "./redis-game-codec";
import { RedisGameKeys } from "./redis-game-keys";
import { RedisReplicaAcks, type ReplicaAcksOptions } from "./redis-replica-acks";
import { COMMIT_TURN, CREATE_GAME, DELETE_GAME, LOAD_GAME, READ_LOG } from "./redis-scripts";
import { shardedPublishScript } from "./sharded-publish-script";

type ScriptArg = string | number;

/** What the commit script answers: a word, or the conflict word with the game as it stands. */
type DeleteReply = "DELETED" | "NOT_FOUND" | ["CONFLICT", string];
type CommitReply = "COMMITTED" | "NOT_FOUND" | ["CONFLICT", ...LoadReply];

declare module "ioredis" {
  interface RedisCommander<Context> {
    dwemthyCreate(numKeys: number, ...args: ScriptArg[]): Result<number, Context>;
    dwemthyLoad(numKeys: number, ...args: ScriptArg[]): Result<LoadReply | null, Context>;
    dwemthyCommit(numKeys: number, ...args: ScriptArg[]): Result<CommitReply, Context>;
    dwemthyDelete(numKeys: number, ...args: ScriptArg[]): Result<DeleteReply, Context>;
    dwemthyReadLog(numKeys: number, ...args: ScriptArg[]): Result<string[], Context>;
  }
}

/** Settings of the Redis store. */
export interface RedisStoreOptions extends StoreOptions {
  /** Put before every key, e.g. "dwemthy" gives "dwemthy:{<gameId>}:g". */
  keyPrefix: string;
  /**
   * Writes are acknowledged only once this many replicas have them (REDIS_REPLICA_ACKS); needs the
   * write client of the constructor. Absent or 0 replicas: no WAIT.
   */
  replicaAcks?: ReplicaAcksOptions;
}

/**
 * A game's TTL is refreshed once per this fraction of it (1/100: about every 100 minutes of a game
 * played under the 7-day default), rather than on every turn.
 */
const TTL_REFRESH_FRACTION = 100;

/**
 * The log is trimmed once it holds a tenth (at least 10 events) more than the most kept: one
 * LRANGE and LTRIM every few dozen turns instead of a trim on each.
 */
const LOG_SLACK_FRACTION = 10;
const LOG_SLACK_MIN = 10;

/**
 * A commit's id, kept in the game hash: it only has to tell a commit's own resend from the other
 * commits of the same game, so 72 random bits are plenty (two of a game's commits drawing the same
 * id: about n^2 / 2^73 for n commits, under 1e-10 for a million), in 12 characters where a UUID
 * took 36.
 */
function newCommitId(): string {
  return randomBytes(9).toString("base64url");
}

/** A list of fields as the scripts take it: its length, then its items. */
function counted(fields: FlatFields): string[] {
  return [String(fields.length), ...fields];
}

/** What a client is told when Redis cannot serve. */
export const STORE_UNAVAILABLE_MESSAGE =
  "The game store is unavailable right now; try again shortly.";

/** What a client is told when Redis refuses writes for want of memory. */
export const STORE_FULL_MESSAGE =
  "The game store is full: it refuses new games and moves until an operator frees memory. Reading games still works.";

// A Redis at maxmemory with the noeviction policy refuses every write that could grow it, with OOM.
// The scripts' first write is an HSET, which Redis refuses before the script has written anything.
const FULL_REPLY = /^OOM\b/;

// Replies that say the server cannot serve now, as opposed to a bug in a command or script.
const UNAVAILABLE_REPLY =
  /^(LOADING|BUSY|READONLY|CLUSTERDOWN|MASTERDOWN|TRYAGAIN|NOREPLICAS|MISCONF|MOVED|ASK)\b/;

/**
 * Games in Redis (README, "Redis keys of a game"): each monster a hash, the array a list of
 * monster ids front first, the rabbit in the game hash, a log of one compact entry per turn, every
 * key of a game sharing the hash tag `{gameId}` and one TTL. create, load and commit are one round
 * trip each, a Lua script apiece.
 */
export class RedisGameRepository implements GameRepository {
  /** Set when writes wait for replicas: their own client, each script followed by WAIT. */
  private readonly acks: RedisReplicaAcks | undefined;

  /**
   * @param redis the client for everything, or for reads only when writes wait for replicas
   * @param writers the clients for writes when `options.replicaAcks` asks for replicas (WAIT
   *   blocks its connection, so reads stay off them), taken in turn; defaults to `redis`
   */
  constructor(
    private readonly redis: RedisClient,
    private readonly options: RedisStoreOptions,
    writers: RedisClient | readonly RedisClient[] = redis,
  ) {
    const writeClients: readonly RedisClient[] = "pipeline" in writers ? [writers] : writers;
    const replicas = options.replicaAcks?.replicas ?? 0;
    this.acks =
      options.replicaAcks && replicas > 0
        ? new RedisReplicaAcks(writeClients, options.replicaAcks)
        : undefined;
    for (const client of new Set([redis, ...writeClients])) {
      client.defineCommand("dwemthyCreate", { lua: CREATE_GAME });
      client.defineCommand("dwemthyLoad", { lua: LOAD_GAME });
      client.defineCommand("dwemthyReadLog", { lua: READ_LOG });
      // On a Cluster the game's channel is published sharded: only the shard of its slot sees it.
      const publishing = client.isCluster ? shardedPublishScript : (script: string) => script;
      client.defineCommand("dwemthyCommit", { lua: publishing(COMMIT_TURN) });
      client.defineCommand("dwemthyDelete", { lua: publishing(DELETE_GAME) });
    }
  }

  /** The keys of a game, for tools and tests that look at Redis itself. */
  keys(gameId: string): RedisGameKeys {
    return new RedisGameKeys(this.options.keyPrefix, gameId);
  }

  async create(game: GameState, events: readonly BattleEvent[]): Promise<boolean> {
    const keys = this.keys(game.id).forScript(game.monsters.map((m) => m.id));
    const args: ScriptArg[] = [
      this.options.ttlMs,
      newCommitId(),
      events.length > 0 ? encodeTurnEntry(events) : "",
      events.length,
      ...counted(newGameFields({ ...game, version: 0 })),
      ...game.monsters.flatMap((m) => [m.id, ...counted(monsterFields(m))]),
    ];
    const created = await this.run(game.id, () =>
      this.acks
        ? this.acks.write<number>(
            (p) => p.dwemthyCreate(keys.length, ...keys, ...args),
            (reply) => reply === 1,
          )
        : this.redis.dwemthyCreate(keys.length, ...keys, ...args),
    );
    return created === 1;
  }

  async load(gameId: string): Promise<GameState | undefined> {
    const keys = this.keys(gameId);
    const reply = await this.run(gameId, () =>
      this.redis.dwemthyLoad(2, keys.game, keys.array, keys.monsterPrefix),
    );
    return reply ? parseGame(gameId, reply) : undefined;
  }

  async commit(
    game: GameState,
    change: GameChange,
    events: readonly BattleEvent[],
  ): Promise<CommitOutcome> {
    const keys = this.keys(game.id);
    // Monsters leave only from the front: before the change the array held the removed ones,
    // then those still in it. The script gets all their keys, and deletes the removed ones.
    const ids = [...change.removedMonsterIds, ...game.monsters.map((m) => m.id)];
    const scriptKeys = keys.forScript(ids);
    const monsters = change.monsters.flatMap(({ id, fields }) => {
      const position = ids.indexOf(id);
      if (position < 0) throw new Error(`Monster ${id} is not in the array of game ${game.id}`);
      return [RedisGameKeys.scriptIndexOfMonster(position), ...counted(monsterFields(fields))];
    });
    const { ttlMs, maxEvents } = this.options;
    const settings = [
      Math.max(1, Math.floor(ttlMs / TTL_REFRESH_FRACTION)),
      maxEvents,
      Math.max(LOG_SLACK_MIN, Math.ceil(maxEvents / LOG_SLACK_FRACTION)),
    ].join(" ");
    const args: ScriptArg[] = [
      String(change.fromVersion),
      // Lets the script tell its own repeat from another writer's commit.
      newCommitId(),
      ttlMs,
      settings,
      change.removedMonsterIds.length,
      events.length > 0 ? encodeTurnEntry(events) : "",
      events.length,
      keys.channel,
      // What the game's watchers get after the log entry: the game after the turn.
      events.length > 0 ? turnMessageGame(snapshotOf(game)) : "",
      game.updatedAt,
      ...counted(changedGameFields(game, change)),
      ...monsters,
    ];
    const reply = await this.run(game.id, () =>
      this.acks
        ? this.acks.write<CommitReply>(
            (p) => p.dwemthyCommit(scriptKeys.length, ...scriptKeys, ...args),
            (written) => written === "COMMITTED",
          )
        : this.redis.dwemthyCommit(scriptKeys.length, ...scriptKeys, ...args),
    );
    if (reply === "COMMITTED" || reply === "NOT_FOUND") return { status: reply };
    const [, ...current] = reply;
    return { status: "CONFLICT", current: parseGame(game.id, current) };
  }

  async delete(gameId: string, expectedVersion?: number): Promise<DeleteOutcome> {
    const keys = this.keys(gameId);
    // Monsters are never added after the start, so the list read first names every hash left.
    const ids = await this.run(gameId, () => this.redis.lrange(keys.array, 0, -1));
    const scriptKeys = keys.forScript(ids);
    const args = [
      keys.channel,
      ENDED_MESSAGE,
      expectedVersion === undefined ? "" : String(expectedVersion),
    ];
    const reply = await this.run(gameId, () =>
      this.acks
        ? this.acks.write<DeleteReply>(
            (p) => p.dwemthyDelete(scriptKeys.length, ...scriptKeys, ...args),
            (written) => written === "DELETED",
          )
        : this.redis.dwemthyDelete(scriptKeys.length, ...scriptKeys, ...args),
    );
    if (reply === "DELETED" || reply === "NOT_FOUND") return { status: reply };
    const version = Number(reply[1]);
    if (reply[0] !== "CONFLICT" || !Number.isSafeInteger(version))
      throw new CorruptGameError(gameId, `version ${JSON.stringify(reply[1])}`);
    return { status: "CONFLICT", version };
  }

  async recentEvents(gameId: string, limit: number): Promise<BattleEvent[]> {
    const wanted = Math.min(limit, this.options.maxEvents);
    if (wanted <= 0) return [];
    // Each entry holds one turn, so the last `wanted` entries hold at least `wanted` events.
    const keys = this.keys(gameId);
    const entries = await this.run(gameId, () =>
      this.redis.dwemthyReadLog(2, keys.game, keys.events, wanted),
    );
    return entries.flatMap((entry) => decodeLogEntry(gameId, entry)).slice(-wanted);
  }

  /** Runs a Redis call, turning the store's failures into domain errors; bugs pass through. */
  private async run<T>(gameId: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw storeError(gameId, error);
    }
  }
}

function storeError(gameId: string, error: unknown): unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof ReplyError) {
    const { message } = error as Error;
    if (message.startsWith("WRONGTYPE")) {
      return new DomainError(
        "CORRUPT_GAME",
        `Game ${gameId} is corrupt in the store: a key has the wrong type.`,
      );
    }
    if (FULL_REPLY.test(message)) {
      return new DomainError("STORE_FULL", STORE_FULL_MESSAGE, undefined, error);
    }
    if (!UNAVAILABLE_REPLY.test(message)) return error;
  }
  // The driver's words (addresses, options) stay in the logs: the client gets a plain message.
  return new DomainError("STORE_UNAVAILABLE", STORE_UNAVAILABLE_MESSAGE, undefined, error);
}
