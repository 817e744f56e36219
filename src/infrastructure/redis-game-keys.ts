/**
 * The keys of one game (DESIGN.md, "Redis data model"). All share the hash tag `{gameId}`, so
 * they live in one Cluster slot and one Lua script may touch them all.
 */
export class RedisGameKeys {
  readonly game: string;
  readonly rabbit: string;
  readonly array: string;
  readonly events: string;
  /** Pub/sub channel of the game's battle events (a channel, not a key). */
  readonly channel: string;

  constructor(
    readonly prefix: string,
    readonly gameId: string,
  ) {
    const base = `${prefix}:{${gameId}}`;
    this.game = `${base}:game`;
    this.rabbit = `${base}:rabbit`;
    this.array = `${base}:array`;
    this.events = `${base}:events`;
    this.channel = `${base}:battle`;
  }

  /** The hash of one monster. */
  monster(monsterId: string): string {
    return `${this.prefix}:{${this.gameId}}:monster:${monsterId}`;
  }

  /**
   * The keys a write script gets, in this order: game, rabbit, array, events, then the hash of
   * every monster in the array, front first. Scripts address monsters as KEYS[4 + position].
   */
  forScript(monsterIds: readonly string[]): string[] {
    return [
      this.game,
      this.rabbit,
      this.array,
      this.events,
      ...monsterIds.map((id) => this.monster(id)),
    ];
  }
}

/** The game id of a battle channel name, or undefined for another channel. */
export function gameIdOfChannel(prefix: string, channel: string): string | undefined {
  const head = `${prefix}:{`;
  const tail = "}:battle";
  if (!channel.startsWith(head) || !channel.endsWith(tail)) return undefined;
  return channel.slice(head.length, -tail.length);
}
