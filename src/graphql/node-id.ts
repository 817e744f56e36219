/** What a node id names: a game, or a monster of a game by its number in the starting array. */
export type NodeRef =
  { type: "Game"; gameId: string } | { type: "Monster"; gameId: string; monsterId: string };

// A game's id is base64url, so "." can only be the separator a monster's id adds.
const SEPARATOR = ".";

/**
 * A monster's global id: its game's id and its number, so that monsters of different games never
 * share an id in a client's cache. Clients treat it as opaque.
 */
export function monsterNodeId(gameId: string, monsterId: string): string {
  return `${gameId}${SEPARATOR}${monsterId}`;
}

/** What `id` names, or undefined for an id this server never gave out. */
export function parseNodeId(id: string): NodeRef | undefined {
  const parts = id.split(SEPARATOR);
  if (parts.length === 1) return { type: "Game", gameId: id };
  const [gameId, monsterId] = parts;
  if (parts.length !== 2 || !gameId || !/^[1-9][0-9]{0,2}$/.test(monsterId!)) return undefined;
  return { type: "Monster", gameId, monsterId: monsterId! };
}
