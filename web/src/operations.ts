import { graphql } from "./gql";

/**
 * Everything the page shows of a game; the same selection for the query, both mutations and the
 * live feed's turns, so each of them leaves the cached Game whole.
 */
export const GameFieldsFragment = graphql(`
  fragment GameFields on Game {
    id
    turn
    version
    status
    monstersRemaining
    rabbit {
      life
      alive
      strength
      charisma
      weapon
      bombs
    }
    currentMonster {
      id
      name
      life
      strength
      charisma
      weapon
    }
    waitingMonsters {
      id
      name
      life
      strength
      charisma
      weapon
    }
  }
`);

/** The original six monsters, shown on the start form. */
export const BestiaryQuery = graphql(`
  query Bestiary {
    bestiary {
      name
      life
      strength
      charisma
      weapon
    }
  }
`);

/** A game by id; null when there is none (never was, or expired). */
export const GameQuery = graphql(`
  query Game($id: ID!) {
    game(id: $id) {
      ...GameFields
    }
  }
`);

/**
 * Starts a game; the token comes back only here. A refused start (a monster out of bounds, a bad
 * seed) is data: `userErrors`, each naming the input at fault.
 */
export const StartGameMutation = graphql(`
  mutation StartGame($input: StartGameInput) {
    startGame(input: $input) {
      playerToken
      game {
        ...GameFields
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

/**
 * One turn. `expectedTurn` is the turn on screen, so a retry after an unclear failure is refused
 * with CONFLICT instead of playing twice. The events are not read here: the log shows what the
 * subscription delivers, the same for the player and for anyone watching. The game after the turn
 * updates the cached Game, so the board moves even before the feed's turn arrives.
 */
export const AttackMutation = graphql(`
  mutation Attack($input: AttackInput!) {
    attack(input: $input) {
      game {
        ...GameFields
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

/**
 * The battle, one message per committed turn: its events for the log, and the game right after it
 * (null only inside a replay, for a turn a later one of the same replay follows), which the cache
 * writes over the cached Game, so the board follows. From `fromTurn` on (replayed from the
 * store), then live.
 */
export const BattleTurnsSubscription = graphql(`
  subscription BattleTurns($gameId: ID!, $fromTurn: Int) {
    battleTurns(gameId: $gameId, fromTurn: $fromTurn) {
      turn
      events {
        __typename
        turn
        message
        ... on CreatureDiedEvent {
          role
        }
        ... on MagickPoweredUpEvent {
          role
        }
      }
      game {
        ...GameFields
      }
    }
  }
`);
