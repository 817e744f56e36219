import type { RedisClient } from "../src/infrastructure/redis-client";

/** What {@link countCommands} has seen since its last reset. */
export interface CommandCounter {
  readonly count: number;
  /** Commands by name, e.g. { evalsha: 2000 }. */
  readonly byName: ReadonlyMap<string, number>;
  /** The arguments of the last command of each name, e.g. an EVALSHA's sha, key count, keys, ARGV. */
  readonly lastArgs: ReadonlyMap<string, readonly unknown[]>;
  reset(): void;
}

/**
 * Counts the commands a client sends, each a round trip when nothing is pipelined (as
 * test/support/redis.ts countCommands does, with counters instead of a growing list).
 */
export function countCommands(client: RedisClient): CommandCounter {
  const byName = new Map<string, number>();
  const lastArgs = new Map<string, readonly unknown[]>();
  let count = 0;
  const original = client.sendCommand.bind(client) as (...args: unknown[]) => unknown;
  (client as { sendCommand: (...args: unknown[]) => unknown }).sendCommand = (
    ...args: unknown[]
  ) => {
    const command = args[0] as { name: string; args: unknown[] };
    const name = command.name;
    lastArgs.set(name, command.args);
    count += 1;
    byName.set(name, (byName.get(name) ?? 0) + 1);
    return original(...args);
  };
  return {
    get count() {
      return count;
    },
    byName,
    lastArgs,
    reset() {
      count = 0;
      byName.clear();
    },
  };
}
