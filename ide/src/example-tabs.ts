import type { ComponentProps } from "react";
import type { GraphiQL } from "graphiql";

/** One preloaded tab (graphiql re-exports no name for it). */
type TabDefinition = NonNullable<ComponentProps<typeof GraphiQL>["defaultTabs"]>[number];

const START = `# 1. Start a game (▶ or Ctrl-Enter), then copy
# game.id and playerToken (shown only once) into the
# other tabs. This battle can be won: run Start once,
# then run Attack 8 times (seed 3, 8 BOOMERANG
# attacks: VICTORY at turn 8, the rabbit alive all
# along). Without monsters, a game gets the original
# bestiary, which cannot really be won.
mutation Start {
  startGame(
    input: {
      seed: 3
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
      currentMonster { id name life }
    }
    events { message }
    userErrors { code field message }
  }
}
`;

const ATTACK = `# 3. Attack: set gameId in Variables and your
# playerToken in Headers, then run it until VICTORY
# (8 times after the seed-3 Start). Weapons:
# BOOMERANG, SWORD, LETTUCE (heals first), BOMB (3).
# A refusal (GAME_OVER, CONFLICT, GAME_NOT_FOUND)
# comes back in userErrors, with game: null.
mutation Attack($gameId: ID!) {
  attack(input: { gameId: $gameId, weapon: BOOMERANG }) {
    game {
      turn
      status
      rabbit { life alive bombs }
      currentMonster { name life }
      monstersRemaining
    }
    events {
      message
      ... on RabbitHitMonsterEvent { monsterName damage }
      ... on MonsterHitRabbitEvent { monsterName damage }
    }
    userErrors { code message }
  }
}
`;

const WATCH = `# 2. Watch the battle live (over WebSocket): open
# this page in a second browser tab (the IDE stops a
# subscription when you leave its tab), set gameId in
# Variables here and run it, then attack from the
# first browser tab. One message per turn: what
# happened, and the game right after it. fromTurn: 0
# first replays every turn stored so far.
subscription Watch($gameId: ID!) {
  battleTurns(gameId: $gameId, fromTurn: 0) {
    turn
    events {
      message
      ... on RabbitHitMonsterEvent { monsterName damage }
      ... on MonsterHitRabbitEvent { monsterName damage }
      ... on CreatureDiedEvent { role creatureName }
    }
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
