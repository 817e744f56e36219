import type { GraphQLSchema } from "graphql";
import type { DependencyContainer } from "tsyringe";
import { buildSchema, type PubSub } from "type-graphql";
import { BATTLE_EVENT_KINDS } from "./battle-event-kinds.type";
import { BattleTurnsResolver } from "./battle-turns.resolver";
import { GameMutationsResolver } from "./game-mutations.resolver";
import { GameResolver } from "./game.resolver";
import { NodeResolver } from "./node.resolver";

/** The resolvers of the API, for the composition root to register. */
export const RESOLVERS = [
  GameResolver,
  NodeResolver,
  GameMutationsResolver,
  BattleTurnsResolver,
] as const;

/**
 * type-graphql insists on a PubSub whenever a subscription exists, even one that brings its own
 * `subscribe` (ours: a LiveTurnSource over GameService.watch). This one is never reached.
 */
const unusedPubSub: PubSub = {
  publish: () => {
    throw new Error("type-graphql's PubSub is not used: battle turns come from GameService.watch");
  },
  subscribe: () => {
    throw new Error("type-graphql's PubSub is not used: battle turns come from GameService.watch");
  },
};

/**
 * Builds the executable schema; resolvers come from `container` (see the composition root).
 * Without a container (printing the schema) resolvers are never called.
 */
export async function buildGraphQLSchema(container?: DependencyContainer): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...RESOLVERS],
    orphanedTypes: [...BATTLE_EVENT_KINDS],
    pubSub: unusedPubSub,
    container: container ? { get: (type) => container.resolve<unknown>(type as never) } : undefined,
    // Inputs are validated by the domain (one source of truth for the game's bounds).
    validate: false,
    emitSchemaFile: false,
  });
  // type-graphql gives the root types no description; the contract documents every type.
  const roots = [
    [
      schema.getQueryType(),
      "Reading games and the bestiary. Needs no token: a game's id is enough.",
    ],
    [
      schema.getMutationType(),
      "Changing games. All but startGame need `Authorization: Bearer <playerToken>`.",
    ],
    [
      schema.getSubscriptionType(),
      "Live battles, over WebSocket (graphql-ws protocol) at /graphql.",
    ],
  ] as const;
  for (const [type, description] of roots) if (type) type.description = description;
  return schema;
}
