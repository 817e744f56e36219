/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Why attack did nothing. */
export type AttackErrorCode =
  /** The game is not at the turn or version the operation expected (or it changed under the request too often): nothing was applied. */
  | 'CONFLICT'
  /** There is no game with this id: never started, abandoned, or expired after a long time without a move. */
  | 'GAME_NOT_FOUND'
  /** Dwemthy's Array is decimated: no weapon can be used any more. */
  | 'GAME_OVER';

/** One turn: the game, the weapon, and the turn expected. */
export type AttackInput = {
  /** Play only if the game is still at this turn (else CONFLICT, nothing applied). Send the turn you last saw, and a retry after STORE_UNAVAILABLE can never play twice. */
  expectedTurn?: number | null | undefined;
  /** The game to play a turn of. */
  gameId: string | number;
  /** The weapon of this turn. */
  weapon: Weapon;
};

/** Whether a creature event is about the rabbit or a monster. */
export type CreatureRole =
  /** A monster of the array. */
  | 'MONSTER'
  /** The rabbit (its events name it "Rabbit"). */
  | 'RABBIT';

/** Whether the battle goes on. A dead rabbit does not end it: lettuce can revive it. */
export type GameStatus =
  /** Monsters remain; attacks are accepted. */
  | 'IN_PROGRESS'
  /** The array is decimated; every attack is refused with GAME_OVER. */
  | 'VICTORY';

/** A monster of a custom array. Name: 1 to 64 printable characters. Life: 1 to 1000000. Strength, charisma, weapon: 0 to 1000000. */
export type MonsterInput = {
  /** Charisma: 0 to 1000000. */
  charisma: number;
  /** Life points at the start: 1 to 1000000. */
  life: number;
  /** Its name: 1 to 64 printable characters, not blank: letters, marks, numbers, punctuation, symbols (emoji too) and spaces; no control or format characters (newlines, tabs, zero-width characters, bidirectional overrides such as U+202E), surrogates, private-use or unassigned code points. */
  name: string;
  /** Strength: 0 to 1000000. */
  strength: number;
  /** Weapon: 0 to 1000000. */
  weapon: number;
};

/** Why startGame did nothing. */
export type StartGameErrorCode =
  /** A monster's name or stats break the bounds the input's description gives. */
  | 'INVALID_MONSTER'
  /** The seed is not a 32-bit whole number. */
  | 'INVALID_SEED';

/** How a game starts; every field is optional. */
export type StartGameInput = {
  /** A custom array of 1 to 100 monsters, front first; the original six when absent. */
  monsters?: Array<MonsterInput> | null | undefined;
  /** Seed of the game's dice: the same seed and the same weapons replay the same battle. Random when absent. */
  seed?: number | null | undefined;
};

/** The rabbit's four weapons. Each attack uses one and is one turn. */
export type Weapon =
  /** Spends one of the three bombs for a fight turn with attack bonus 86; with none left, nothing but an out-of-bombs event. */
  | 'BOMB'
  /** A fight turn with attack bonus 13. */
  | 'BOOMERANG'
  /** Heals roll(charisma) life first (it can revive a dead rabbit), then a fight turn with attack bonus 0. */
  | 'LETTUCE'
  /** A fight turn with attack bonus roll(4 + (life mod 10)^2), drawn from the front monster's life before the turn. */
  | 'SWORD';

export type GameFieldsFragment = { id: string, turn: number, version: number, status: GameStatus, monstersRemaining: number, rabbit: { life: number, alive: boolean, strength: number, charisma: number, weapon: number, bombs: number }, currentMonster: { id: string, name: string, life: number, strength: number, charisma: number, weapon: number } | null, waitingMonsters: Array<{ id: string, name: string, life: number, strength: number, charisma: number, weapon: number }> };

export type BestiaryQueryVariables = Exact<{ [key: string]: never; }>;


export type BestiaryQuery = { bestiary: Array<{ name: string, life: number, strength: number, charisma: number, weapon: number }> | null };

export type GameQueryVariables = Exact<{
  id: string | number;
}>;


export type GameQuery = { game: { id: string, turn: number, version: number, status: GameStatus, monstersRemaining: number, rabbit: { life: number, alive: boolean, strength: number, charisma: number, weapon: number, bombs: number }, currentMonster: { id: string, name: string, life: number, strength: number, charisma: number, weapon: number } | null, waitingMonsters: Array<{ id: string, name: string, life: number, strength: number, charisma: number, weapon: number }> } | null };

export type StartGameMutationVariables = Exact<{
  input?: StartGameInput | null | undefined;
}>;


export type StartGameMutation = { startGame: { playerToken: string | null, game: { id: string, turn: number, version: number, status: GameStatus, monstersRemaining: number, rabbit: { life: number, alive: boolean, strength: number, charisma: number, weapon: number, bombs: number }, currentMonster: { id: string, name: string, life: number, strength: number, charisma: number, weapon: number } | null, waitingMonsters: Array<{ id: string, name: string, life: number, strength: number, charisma: number, weapon: number }> } | null, userErrors: Array<{ code: StartGameErrorCode, field: Array<string> | null, message: string }> } | null };

export type AttackMutationVariables = Exact<{
  input: AttackInput;
}>;


export type AttackMutation = { attack: { game: { id: string, turn: number, version: number, status: GameStatus, monstersRemaining: number, rabbit: { life: number, alive: boolean, strength: number, charisma: number, weapon: number, bombs: number }, currentMonster: { id: string, name: string, life: number, strength: number, charisma: number, weapon: number } | null, waitingMonsters: Array<{ id: string, name: string, life: number, strength: number, charisma: number, weapon: number }> } | null, userErrors: Array<{ code: AttackErrorCode, field: Array<string> | null, message: string }> } | null };

export type BattleTurnsSubscriptionVariables = Exact<{
  gameId: string | number;
  fromTurn?: number | null | undefined;
}>;


export type BattleTurnsSubscription = { battleTurns: { turn: number, events: Array<
      | { __typename: 'ArrayDecimatedEvent', turn: number, message: string }
      | { __typename: 'BombsRanOutEvent', turn: number, message: string }
      | { __typename: 'CreatureDiedEvent', role: CreatureRole, turn: number, message: string }
      | { __typename: 'LettuceEatenEvent', turn: number, message: string }
      | { __typename: 'MagickPoweredUpEvent', role: CreatureRole, turn: number, message: string }
      | { __typename: 'MonsterEmergedEvent', turn: number, message: string }
      | { __typename: 'MonsterHitRabbitEvent', turn: number, message: string }
      | { __typename: 'RabbitHitMonsterEvent', turn: number, message: string }
      | { __typename: 'RabbitWasTooDeadToFightEvent', turn: number, message: string }
    >, game: { id: string, turn: number, version: number, status: GameStatus, monstersRemaining: number, rabbit: { life: number, alive: boolean, strength: number, charisma: number, weapon: number, bombs: number }, currentMonster: { id: string, name: string, life: number, strength: number, charisma: number, weapon: number } | null, waitingMonsters: Array<{ id: string, name: string, life: number, strength: number, charisma: number, weapon: number }> } | null } };

export const GameFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GameFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Game"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"turn"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"monstersRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"rabbit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"life"}},{"kind":"Field","name":{"kind":"Name","value":"alive"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"charisma"}},{"kind":"Field","name":{"kind":"Name","value":"weapon"}},{"kind":"Field","name":{"kind":"Name","value":"bombs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentMonster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"life"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"charisma"}},{"kind":"Field","name":{"kind":"Name","value":"weapon"}}]}},{"kind":"Field","name":{"kind":"Name","value":"waitingMonsters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"life"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"charisma"}},{"kind":"Field","name":{"kind":"Name","value":"weapon"}}]}}]}}]} as unknown as DocumentNode<GameFieldsFragment, unknown>;
export const BestiaryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Bestiary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bestiary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"life"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"charisma"}},{"kind":"Field","name":{"kind":"Name","value":"weapon"}}]}}]}}]} as unknown as DocumentNode<BestiaryQuery, BestiaryQueryVariables>;
export const GameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Game"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"game"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GameFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GameFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Game"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"turn"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"monstersRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"rabbit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"life"}},{"kind":"Field","name":{"kind":"Name","value":"alive"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"charisma"}},{"kind":"Field","name":{"kind":"Name","value":"weapon"}},{"kind":"Field","name":{"kind":"Name","value":"bombs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentMonster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"life"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"charisma"}},{"kind":"Field","name":{"kind":"Name","value":"weapon"}}]}},{"kind":"Field","name":{"kind":"Name","value":"waitingMonsters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"life"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"charisma"}},{"kind":"Field","name":{"kind":"Name","value":"weapon"}}]}}]}}]} as unknown as DocumentNode<GameQuery, GameQueryVariables>;
export const StartGameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartGame"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"StartGameInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startGame"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"playerToken"}},{"kind":"Field","name":{"kind":"Name","value":"game"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GameFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GameFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Game"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"turn"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"monstersRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"rabbit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"life"}},{"kind":"Field","name":{"kind":"Name","value":"alive"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"charisma"}},{"kind":"Field","name":{"kind":"Name","value":"weapon"}},{"kind":"Field","name":{"kind":"Name","value":"bombs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentMonster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"life"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"charisma"}},{"kind":"Field","name":{"kind":"Name","value":"weapon"}}]}},{"kind":"Field","name":{"kind":"Name","value":"waitingMonsters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"life"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"charisma"}},{"kind":"Field","name":{"kind":"Name","value":"weapon"}}]}}]}}]} as unknown as DocumentNode<StartGameMutation, StartGameMutationVariables>;
export const AttackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Attack"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AttackInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attack"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"game"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GameFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GameFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Game"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"turn"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"monstersRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"rabbit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"life"}},{"kind":"Field","name":{"kind":"Name","value":"alive"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"charisma"}},{"kind":"Field","name":{"kind":"Name","value":"weapon"}},{"kind":"Field","name":{"kind":"Name","value":"bombs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentMonster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"life"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"charisma"}},{"kind":"Field","name":{"kind":"Name","value":"weapon"}}]}},{"kind":"Field","name":{"kind":"Name","value":"waitingMonsters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"life"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"charisma"}},{"kind":"Field","name":{"kind":"Name","value":"weapon"}}]}}]}}]} as unknown as DocumentNode<AttackMutation, AttackMutationVariables>;
export const BattleTurnsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"BattleTurns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"gameId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fromTurn"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"battleTurns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"gameId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"gameId"}}},{"kind":"Argument","name":{"kind":"Name","value":"fromTurn"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fromTurn"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"turn"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"turn"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreatureDiedEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MagickPoweredUpEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"game"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GameFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GameFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Game"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"turn"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"monstersRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"rabbit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"life"}},{"kind":"Field","name":{"kind":"Name","value":"alive"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"charisma"}},{"kind":"Field","name":{"kind":"Name","value":"weapon"}},{"kind":"Field","name":{"kind":"Name","value":"bombs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentMonster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"life"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"charisma"}},{"kind":"Field","name":{"kind":"Name","value":"weapon"}}]}},{"kind":"Field","name":{"kind":"Name","value":"waitingMonsters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"life"}},{"kind":"Field","name":{"kind":"Name","value":"strength"}},{"kind":"Field","name":{"kind":"Name","value":"charisma"}},{"kind":"Field","name":{"kind":"Name","value":"weapon"}}]}}]}}]} as unknown as DocumentNode<BattleTurnsSubscription, BattleTurnsSubscriptionVariables>;