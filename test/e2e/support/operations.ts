import type { BattleEvent } from "../../../src/domain/battle-event";

/** Every field of every event kind, so a test compares events whole. */
export const EVENT_FIELDS = `
  __typename turn message
  ... on MonsterEmergedEvent { monsterId monster }
  ... on LettuceEatenEvent { heal }
  ... on RabbitHitMonsterEvent { weapon monster damage }
  ... on MonsterHitRabbitEvent { monster damage }
  ... on MagickPoweredUpEvent { role creature power lifeGained }
  ... on CreatureDiedEvent { role creature }
`;

/** The fields of a game a player looks at. */
export const GAME_FIELDS = `
  id status turn version
  rabbit { life strength charisma weapon bombs alive }
  currentMonster { id name life strength charisma weapon }
  waitingMonsters { id name life strength charisma weapon }
  monstersRemaining createdAt updatedAt
`;

export const START_GAME = `mutation Start($input: StartGameInput) {
  startGame(input: $input) { playerToken game { ${GAME_FIELDS} } events { ${EVENT_FIELDS} } }
}`;

export const ATTACK = `mutation Attack($gameId: ID!, $weapon: Weapon!) {
  attack(gameId: $gameId, weapon: $weapon) { game { ${GAME_FIELDS} } events { ${EVENT_FIELDS} } }
}`;

export const GAME = `query Game($id: ID!) { game(id: $id) { ${GAME_FIELDS} } }`;

export const UPDATE_MONSTER = `mutation Update($gameId: ID!, $monsterId: ID!, $patch: MonsterPatch!) {
  updateMonster(gameId: $gameId, monsterId: $monsterId, patch: $patch) { id name life strength charisma weapon }
}`;

export const ABANDON = `mutation Abandon($gameId: ID!) { abandonGame(gameId: $gameId) }`;

export const BATTLE_EVENTS = `subscription Watch($gameId: ID!, $fromTurn: Int) {
  battleEvents(gameId: $gameId, fromTurn: $fromTurn) { ${EVENT_FIELDS} }
}`;

/** An event as the API shows it. */
export type ApiEvent = { __typename: string; turn: number; message: string } & Record<
  string,
  unknown
>;

/** A game as GAME_FIELDS reads it. */
export interface ApiGame {
  id: string;
  status: "IN_PROGRESS" | "VICTORY";
  turn: number;
  version: number;
  rabbit: {
    life: number;
    strength: number;
    charisma: number;
    weapon: number;
    bombs: number;
    alive: boolean;
  };
  currentMonster: { id: string; name: string; life: number } | null;
  waitingMonsters: { id: string; name: string }[];
  monstersRemaining: number;
  createdAt: string;
  updatedAt: string;
}

/** A domain event as the API shows it: `type` becomes `__typename` (kind + "Event"). */
export function asApiEvent(event: BattleEvent): ApiEvent {
  const { type, ...fields } = event;
  return { __typename: `${type}Event`, ...fields };
}
