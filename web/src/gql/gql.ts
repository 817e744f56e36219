/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment GameFields on Game {\n    id\n    turn\n    version\n    status\n    monstersRemaining\n    rabbit {\n      life\n      alive\n      strength\n      charisma\n      weapon\n      bombs\n    }\n    currentMonster {\n      id\n      name\n      life\n      strength\n      charisma\n      weapon\n    }\n    waitingMonsters {\n      id\n      name\n      life\n      strength\n      charisma\n      weapon\n    }\n  }\n": typeof types.GameFieldsFragmentDoc,
    "\n  query Bestiary {\n    bestiary {\n      name\n      life\n      strength\n      charisma\n      weapon\n    }\n  }\n": typeof types.BestiaryDocument,
    "\n  query Game($id: ID!) {\n    game(id: $id) {\n      ...GameFields\n    }\n  }\n": typeof types.GameDocument,
    "\n  mutation StartGame($input: StartGameInput) {\n    startGame(input: $input) {\n      playerToken\n      game {\n        ...GameFields\n      }\n      userErrors {\n        code\n        field\n        message\n      }\n    }\n  }\n": typeof types.StartGameDocument,
    "\n  mutation Attack($input: AttackInput!) {\n    attack(input: $input) {\n      game {\n        ...GameFields\n      }\n      userErrors {\n        code\n        field\n        message\n      }\n    }\n  }\n": typeof types.AttackDocument,
    "\n  subscription BattleTurns($gameId: ID!, $fromTurn: Int) {\n    battleTurns(gameId: $gameId, fromTurn: $fromTurn) {\n      turn\n      events {\n        __typename\n        turn\n        message\n        ... on CreatureDiedEvent {\n          role\n        }\n        ... on MagickPoweredUpEvent {\n          role\n        }\n      }\n      game {\n        ...GameFields\n      }\n    }\n  }\n": typeof types.BattleTurnsDocument,
};
const documents: Documents = {
    "\n  fragment GameFields on Game {\n    id\n    turn\n    version\n    status\n    monstersRemaining\n    rabbit {\n      life\n      alive\n      strength\n      charisma\n      weapon\n      bombs\n    }\n    currentMonster {\n      id\n      name\n      life\n      strength\n      charisma\n      weapon\n    }\n    waitingMonsters {\n      id\n      name\n      life\n      strength\n      charisma\n      weapon\n    }\n  }\n": types.GameFieldsFragmentDoc,
    "\n  query Bestiary {\n    bestiary {\n      name\n      life\n      strength\n      charisma\n      weapon\n    }\n  }\n": types.BestiaryDocument,
    "\n  query Game($id: ID!) {\n    game(id: $id) {\n      ...GameFields\n    }\n  }\n": types.GameDocument,
    "\n  mutation StartGame($input: StartGameInput) {\n    startGame(input: $input) {\n      playerToken\n      game {\n        ...GameFields\n      }\n      userErrors {\n        code\n        field\n        message\n      }\n    }\n  }\n": types.StartGameDocument,
    "\n  mutation Attack($input: AttackInput!) {\n    attack(input: $input) {\n      game {\n        ...GameFields\n      }\n      userErrors {\n        code\n        field\n        message\n      }\n    }\n  }\n": types.AttackDocument,
    "\n  subscription BattleTurns($gameId: ID!, $fromTurn: Int) {\n    battleTurns(gameId: $gameId, fromTurn: $fromTurn) {\n      turn\n      events {\n        __typename\n        turn\n        message\n        ... on CreatureDiedEvent {\n          role\n        }\n        ... on MagickPoweredUpEvent {\n          role\n        }\n      }\n      game {\n        ...GameFields\n      }\n    }\n  }\n": types.BattleTurnsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GameFields on Game {\n    id\n    turn\n    version\n    status\n    monstersRemaining\n    rabbit {\n      life\n      alive\n      strength\n      charisma\n      weapon\n      bombs\n    }\n    currentMonster {\n      id\n      name\n      life\n      strength\n      charisma\n      weapon\n    }\n    waitingMonsters {\n      id\n      name\n      life\n      strength\n      charisma\n      weapon\n    }\n  }\n"): (typeof documents)["\n  fragment GameFields on Game {\n    id\n    turn\n    version\n    status\n    monstersRemaining\n    rabbit {\n      life\n      alive\n      strength\n      charisma\n      weapon\n      bombs\n    }\n    currentMonster {\n      id\n      name\n      life\n      strength\n      charisma\n      weapon\n    }\n    waitingMonsters {\n      id\n      name\n      life\n      strength\n      charisma\n      weapon\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Bestiary {\n    bestiary {\n      name\n      life\n      strength\n      charisma\n      weapon\n    }\n  }\n"): (typeof documents)["\n  query Bestiary {\n    bestiary {\n      name\n      life\n      strength\n      charisma\n      weapon\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Game($id: ID!) {\n    game(id: $id) {\n      ...GameFields\n    }\n  }\n"): (typeof documents)["\n  query Game($id: ID!) {\n    game(id: $id) {\n      ...GameFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartGame($input: StartGameInput) {\n    startGame(input: $input) {\n      playerToken\n      game {\n        ...GameFields\n      }\n      userErrors {\n        code\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StartGame($input: StartGameInput) {\n    startGame(input: $input) {\n      playerToken\n      game {\n        ...GameFields\n      }\n      userErrors {\n        code\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Attack($input: AttackInput!) {\n    attack(input: $input) {\n      game {\n        ...GameFields\n      }\n      userErrors {\n        code\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Attack($input: AttackInput!) {\n    attack(input: $input) {\n      game {\n        ...GameFields\n      }\n      userErrors {\n        code\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BattleTurns($gameId: ID!, $fromTurn: Int) {\n    battleTurns(gameId: $gameId, fromTurn: $fromTurn) {\n      turn\n      events {\n        __typename\n        turn\n        message\n        ... on CreatureDiedEvent {\n          role\n        }\n        ... on MagickPoweredUpEvent {\n          role\n        }\n      }\n      game {\n        ...GameFields\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription BattleTurns($gameId: ID!, $fromTurn: Int) {\n    battleTurns(gameId: $gameId, fromTurn: $fromTurn) {\n      turn\n      events {\n        __typename\n        turn\n        message\n        ... on CreatureDiedEvent {\n          role\n        }\n        ... on MagickPoweredUpEvent {\n          role\n        }\n      }\n      game {\n        ...GameFields\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;