/**
 * The keys of one game (docs/architecture.md, "Redis layout"). All share the hash tag `{gameId}`, so
 * they live in one Cluster slot and one Lua script may touch them all.
 */
export class RedisGameKeys {
  readonly game: string;
  readonly array: string;
  readonly events: string;
  /** Pub/sub channel of the game's battle events (a channel, not a key). */
  readonly channel: string;

  constructor(
    readonly prefix: string,
    readonly gameId: string,
  ) {
    const base = `${prefix}:{${gameId}}`;
    // One letter a part: every key of every game carries it, and a fresh game has ten keys.
    this.game = `${base}:g`;
    this.array = `${base}:a`;
    this.events = `${base}:e`;
    this.channel = `${base}:b`;
    this.monsterPrefix = `${base}:m:`;
  }

  /**
   * What every monster's key starts with: the monster's id follows. It is the game's key with
   * `m:` for its last letter, which the commit script relies on (COMMIT_TURN).
   */
  readonly monsterPrefix: string;

  /** The hash of one monster. */
  monster(monsterId: string): string {
    return `${this.monsterPrefix}${monsterId}`;
  }

  /** How many keys come before the monsters' in {@link forScript}. */
  static readonly FIXED_SCRIPT_KEYS = 3;

  /** The Lua KEYS index (1-based) of the monster at `position` (0 = front) of a forScript list. */
  static scriptIndexOfMonster(position: number): number {
    return RedisGameKeys.FIXED_SCRIPT_KEYS + 1 + position;
  }

  /**
   * The keys a write script gets, in this order: game, array, events, then the hash of every
   * monster in the array, front first (see {@link scriptIndexOfMonster}).
   */
  forScript(monsterIds: readonly string[]): string[] {
    return [this.game, this.array, this.events, ...monsterIds.map((id) => this.monster(id))];
  }
}

/** The game id of a battle channel name, or undefined for another channel. */
export function gameIdOfChannel(prefix: string, channel: string): string | undefined {
  const head = `${prefix}:{`;
  const tail = "}:b";
  if (!channel.startsWith(head) || !channel.endsWith(tail)) return undefined;
  return channel.slice(head.length, -tail.length);
}
