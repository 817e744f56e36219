import type { BattleEvent } from "../../../src/domain/battle-event";

/** Every field of every event kind, so a test compares events whole. */
export const EVENT_FIELDS = `
  __typename turn message
  ... on MonsterEmergedEvent { monsterId monsterName }
  ... on LettuceEatenEvent { heal }
  ... on RabbitHitMonsterEvent { weapon monsterName damage }
  ... on MonsterHitRabbitEvent { monsterName damage }
  ... on MagickPoweredUpEvent { role creatureName power lifeGained }
  ... on CreatureDiedEvent { role creatureName }
`;

/** The fields of a game a player looks at. */
export const GAME_FIELDS = `
  id status turn version
  rabbit { life strength charisma weapon bombs alive }
  currentMonster { id name life strength charisma weapon }
  waitingMonsters { id name life strength charisma weapon }
  monstersRemaining createdAt updatedAt
`;

/** A mutation payload's refusals, whatever the mutation. */
export const USER_ERROR_FIELDS = "userErrors { code field message }";

export const START_GAME = `mutation Start($input: StartGameInput) {
  startGame(input: $input) {
    playerToken game { ${GAME_FIELDS} } events { ${EVENT_FIELDS} } ${USER_ERROR_FIELDS}
  }
}`;

export const ATTACK = `mutation Attack($gameId: ID!, $weapon: Weapon!, $expectedTurn: Int) {
  attack(input: { gameId: $gameId, weapon: $weapon, expectedTurn: $expectedTurn }) {
    game { ${GAME_FIELDS} } events { ${EVENT_FIELDS} } ${USER_ERROR_FIELDS}
  }
}`;

export const GAME = `query Game($id: ID!) { game(id: $id) { ${GAME_FIELDS} } }`;

export const UPDATE_MONSTER = `mutation Update($monsterId: ID!, $patch: MonsterPatchInput!, $expectedVersion: Int) {
  updateMonster(input: { monsterId: $monsterId, patch: $patch, expectedVersion: $expectedVersion }) {
    monster { id name life strength charisma weapon } game { id version } ${USER_ERROR_FIELDS}
  }
}`;

export const ABANDON = `mutation Abandon($gameId: ID!, $expectedVersion: Int) {
  abandonGame(input: { gameId: $gameId, expectedVersion: $expectedVersion }) {
    abandonedGameId ${USER_ERROR_FIELDS}
  }
}`;

/** A refusal in a mutation's payload, as USER_ERROR_FIELDS reads it. */
export interface ApiUserError {
  code: string;
  field: string[] | null;
  message: string;
}

/** The live feed, one message per committed turn: its number, its events, the game after it. */
export const BATTLE_TURNS = `subscription Watch($gameId: ID!, $fromTurn: Int) {
  battleTurns(gameId: $gameId, fromTurn: $fromTurn) {
    turn events { ${EVENT_FIELDS} } game { ${GAME_FIELDS} }
  }
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

/** A turn as BATTLE_TURNS reads it. */
export interface ApiTurn {
  turn: number;
  events: ApiEvent[];
  game: ApiGame | null;
}

/**
 * The turn a startGame or attack reply made, as the feed must deliver it: the reply's turn, its
 * events, and its game.
 */
export function turnOf(reply: { game: ApiGame; events: ApiEvent[] }): ApiTurn {
  return { turn: reply.game.turn, events: reply.events, game: reply.game };
}

/**
 * Turns a subscription delivered, against the turns the replies made (`turnOf`): the same turns,
 * in order, each once, each with exactly its events. Each carries the game right after it (its
 * `turn` the turn's own), except that a turn replayed from the log may carry null when a later one
 * follows it; the last one always carries it. For turns that were all live, where every one
 * carries its game, compare with `toEqual` instead.
 */
export function expectTurns(received: readonly ApiTurn[], expected: readonly ApiTurn[]): void {
  expect(received.map((t) => t.turn)).toEqual(expected.map((t) => t.turn));
  expect(received.map((t) => t.events)).toEqual(expected.map((t) => t.events));
  received.forEach(({ turn, game }, i) => {
    if (game === null && i < received.length - 1) return;
    expect(game?.turn).toBe(turn);
    expect(game).toEqual(expected[i]!.game);
  });
}

/**
 * A domain event of the game `gameId` as the API shows it: `type` becomes `__typename` (kind +
 * "Event"), a name is `monsterName` or `creatureName`, and a monster's id is global.
 */
export function asApiEvent(gameId: string, event: BattleEvent): ApiEvent {
  const { type, ...fields } = event;
  const api: ApiEvent = { __typename: `${type}Event`, ...fields };
  if ("monster" in fields) {
    delete api.monster;
    api.monsterName = fields.monster;
  }
  if ("creature" in fields) {
    delete api.creature;
    api.creatureName = fields.creature;
  }
  if ("monsterId" in fields) api.monsterId = `${gameId}.${fields.monsterId}`;
  return api;
}

/**
 * A monster's global id in the game `gameId`: `<gameId>.<n>`, `n` its place in the starting
 * array (from 1). Clients treat it as opaque; tests build it to aim at a given monster.
 */
export function monsterIdIn(gameId: string, n: number | string): string {
  return `${gameId}.${n}`;
}
