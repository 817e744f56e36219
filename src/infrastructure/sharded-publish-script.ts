/**
 * The Redis Cluster variant of a store script: its `PUBLISH` becomes `SPUBLISH` (sharded pub/sub,
 * Redis 7.0), the only difference. On a Cluster a classic PUBLISH is broadcast over the cluster bus
 * to every node; SPUBLISH stays within the shard that owns the channel's slot, and a game's channel
 * carries the game's hash tag, so it lives in the slot of the keys the script touches (which a
 * script's SPUBLISH requires). The scripts themselves stay one text for both kinds of Redis.
 * @throws Error when the script does not call PUBLISH exactly once (it changed: look again).
 */
export function shardedPublishScript(script: string): string {
  const call = "redis.call('PUBLISH',";
  const parts = script.split(call);
  if (parts.length !== 2) {
    throw new Error(`a store script must call PUBLISH once to have a sharded variant`);
  }
  return parts.join("redis.call('SPUBLISH',");
}
