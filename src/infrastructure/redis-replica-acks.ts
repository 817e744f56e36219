import { Cluster, type ChainableCommander } from "ioredis";
import type { RedisClient } from "./redis-client";

/** How many replicas must have a write before it is acknowledged (REDIS_REPLICA_ACKS). */
export interface ReplicaAcksOptions {
  /** Replicas that must have each write; 0: none (no WAIT, today's behaviour). */
  replicas: number;
  /** Milliseconds WAIT may take before the write is refused with STORE_UNAVAILABLE. */
  timeoutMs: number;
}

/** Fewer replicas acknowledged a write than asked within the timeout (it may be applied). */
export class ReplicaAcksError extends Error {
  override name = "ReplicaAcksError";
}

/**
 * Writes that count as done only once `replicas` replicas have them. Redis's WAIT cannot run in a
 * script and counts only the writes of its own connection, so each write script is pipelined with
 * a WAIT right behind it, on a client of its own: WAIT blocks its connection until the replicas
 * answer, and reads (loads, the log, pings) must not queue behind it.
 */
export class RedisReplicaAcks {
  private next = 0;

  constructor(
    /**
     * The write clients (a Cluster: one connection per primary each), used for nothing else. Writes
     * take them in turn: a connection serves the next write only once the replicas acknowledged
     * the one before, so several let writes wait for their replicas side by side.
     */
    readonly writers: readonly RedisClient[],
    private readonly options: ReplicaAcksOptions,
  ) {
    if (writers.length === 0) throw new Error("RedisReplicaAcks needs a write client");
  }

  /**
   * Sends the script then `WAIT replicas timeout` on the same connection. When the reply says the
   * script wrote (`applied`) and fewer replicas than asked have it, rejects with
   * {@link ReplicaAcksError}: the write may stand (a retry is safe, see COMMIT_TURN), but it is not
   * acknowledged. A reply that wrote nothing (a conflict, no such game) needs no acknowledgement.
   */
  async write<T>(
    script: (pipeline: ChainableCommander) => ChainableCommander,
    applied: (reply: T) => boolean,
  ): Promise<T> {
    const { replicas, timeoutMs } = this.options;
    const writer = this.writers[this.next++ % this.writers.length]!;
    const send = () => script(writer.pipeline()).wait(replicas, timeoutMs).exec();
    let results = await send();
    if (writer instanceof Cluster && isMoved(results?.[0]?.[0])) {
      // ioredis follows a MOVED in a pipeline only when every command in it is read-only or got
      // the same error, which WAIT never is: after a resharding or a failover that left the old
      // primary up, this client would keep asking the old owner. Read the slot map again and
      // send the write once more (it did not run: MOVED is answered before the script).
      await refreshSlots(writer);
      results = await send();
    }
    const [scriptResult, waitResult] = results ?? [];
    if (!scriptResult || !waitResult) throw new Error("the write's pipeline was discarded");
    const [scriptError, reply] = scriptResult;
    if (scriptError) throw scriptError;
    if (!applied(reply as T)) return reply as T;
    const [waitError, acknowledged] = waitResult;
    if (waitError) throw waitError;
    if (typeof acknowledged !== "number" || acknowledged < replicas) {
      throw new ReplicaAcksError(
        `${String(acknowledged)} of ${replicas} replicas acknowledged the write within ${timeoutMs} ms`,
      );
    }
    return reply as T;
  }
}

function isMoved(error: Error | null | undefined): boolean {
  return error?.message.startsWith("MOVED ") ?? false;
}

/** The Cluster's slot map, read again from its nodes. */
function refreshSlots(cluster: Cluster): Promise<void> {
  return new Promise((resolve, reject) => {
    cluster.refreshSlotsCache((error) => (error ? reject(error) : resolve()));
  });
}
