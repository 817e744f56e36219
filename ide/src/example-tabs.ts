import type { ComponentProps } from "react";
import type { GraphiQL } from "graphiql";

/** One preloaded tab (graphiql re-exports no name for it). */
type TabDefinition = NonNullable<ComponentProps<typeof GraphiQL>["defaultTabs"]>[number];

const START = `# 1. Start a game (▶ or Ctrl-Enter), then copy
# game.id and playerToken (shown only once) into the
# other tabs. A seed makes it reproducible; this short
# array can be won (the full bestiary cannot, really).
mutation Start {
  startGame(
    input: {
      seed: 65
      monsters: [
        { name: "Snail", life: 20, strength: 1, charisma: 10, weapon: 1 }
        { name: "GiantSlug", life: 35, strength: 3, charisma: 25, weapon: 2 }
      ]
    }
  ) {
    playerToken
    game {
      id
      turn
      status
      rabbit { life bombs }
      currentMonster { name life }
    }
    events { message }
  }
}
`;

const ATTACK = `# 3. Attack: set gameId in Variables and your
# playerToken in Headers, then run it until VICTORY.
# Weapons: BOOMERANG, SWORD, LETTUCE (heals first),
# BOMB (three of them).
mutation Attack($gameId: ID!) {
  attack(gameId: $gameId, weapon: BOOMERANG) {
    game {
      turn
      status
      rabbit { life alive bombs }
      currentMonster { name life }
      monstersRemaining
    }
    events { message }
  }
}
`;

const WATCH = `# 2. Watch the battle live (over WebSocket): set
# gameId in Variables and run it, then attack from the
# Attack tab. One message per turn: what happened,
# and the game right after it. fromTurn: 0 first
# replays every turn stored so far.
subscription Watch($gameId: ID!) {
  battleTurns(gameId: $gameId, fromTurn: 0) {
    turn
    events { message }
    game {
      turn
      status
      rabbit { life alive bombs }
      currentMonster { name life }
      monstersRemaining
    }
  }
}
`;

const BESTIARY = `# The original six monsters: the array of a game
# started without custom ones.
query Bestiary {
  bestiary { name life strength charisma weapon }
}
`;

const gameIdVariables = JSON.stringify({ gameId: "<game.id from Start>" }, null, 2);

/** The tabs a first visit opens with (GraphiQL keeps the user's own tabs after that). */
export const EXAMPLE_TABS: TabDefinition[] = [
  { query: START },
  { query: WATCH, variables: gameIdVariables },
  {
    query: ATTACK,
    variables: gameIdVariables,
    headers: JSON.stringify({ Authorization: "Bearer <playerToken from Start>" }, null, 2),
  },
  { query: BESTIARY },
];
