import { injectable } from "tsyringe";
import {
  Arg,
  ID,
  Int,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from "type-graphql";
import type { BattleEvent } from "../domain/battle-event";
import { BattleEventType } from "./battle-event.type";
import type { GraphQLContext } from "./context";
import { badUserInput } from "./error-mapping";

interface BattleEventsArgs {
  gameId: string;
  fromTurn?: number | null;
}

async function watch({
  args,
  context,
}: SubscribeResolverData<unknown, BattleEventsArgs, GraphQLContext>): Promise<
  AsyncIterable<BattleEvent>
> {
  const { gameId, fromTurn } = args;
  if (fromTurn != null && fromTurn < 0)
    throw badUserInput("fromTurn", `fromTurn must be 0 or more (got ${fromTurn}).`);
  // A DomainError thrown here reaches the client through graphql-ws's onNext, mapped by formatError.
  return context.games.watch(gameId, fromTurn ?? undefined);
}

/** The live battle. */
@injectable()
@Resolver()
export class BattleEventsResolver {
  @Subscription(() => BattleEventType, {
    description:
      "Every event of a game, in order, as turns are committed (on any server instance); turns a dropped connection between servers missed are read from the game's log and sent once it is back. With fromTurn, first the stored events from that turn on, then live ones, each once: use it to catch up after a reconnect. Completes when the game is abandoned or expires.",
    subscribe: watch,
  })
  battleEvents(
    @Root() event: BattleEvent,
    @Arg("gameId", () => ID, { description: "The game to watch." }) _gameId: string,
    @Arg("fromTurn", () => Int, {
      nullable: true,
      description: "Replay stored events from this turn (0 = from the start) before the live ones.",
    })
    _fromTurn?: number,
  ): BattleEvent {
    return event;
  }
}
