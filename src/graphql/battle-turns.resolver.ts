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
import type { BattleTurn } from "../domain/battle-turn";
import { BattleTurnType } from "./battle-turn.type";
import type { GraphQLContext } from "./context";
import { badUserInput } from "./error-mapping";
import { toBattleEvents, toGameType } from "./game.mapper";
import { LiveTurnSource } from "./live-turn-source";

interface BattleTurnsArgs {
  gameId: string;
  fromTurn?: number | null;
}

function watch({
  args,
  context,
}: SubscribeResolverData<unknown, BattleTurnsArgs, GraphQLContext>): LiveTurnSource {
  const { gameId, fromTurn } = args;
  if (fromTurn != null && fromTurn < 0)
    throw badUserInput("fromTurn", `fromTurn must be 0 or more (got ${fromTurn}).`);
  return new LiveTurnSource(context.games, gameId, fromTurn ?? undefined);
}

/** The live battle. */
@injectable()
@Resolver()
export class BattleTurnsResolver {
  @Subscription(() => BattleTurnType, {
    description:
      "Every turn of a game as it is committed (on any server instance), one message per turn, each once and in order: the turn's events and the game right after it. Turns this server missed while cut off from the others are read from the game's log and sent once it is back. With fromTurn, first the stored turns from that turn on, then the live ones: use it to catch up after a reconnect. Completes when the game is abandoned or expires.",
    subscribe: watch,
  })
  battleTurns(
    @Root() turn: BattleTurn,
    // Shared by every watcher of this game's turn (the share key leaves root arguments out).
    @Arg("gameId", () => ID, { description: "The game to watch." }) gameId: string,
    @Arg("fromTurn", () => Int, {
      nullable: true,
      description: "Replay stored turns from this one (0 = from the start) before the live ones.",
    })
    _fromTurn?: number,
  ): BattleTurnType {
    return {
      turn: turn.turn,
      events: toBattleEvents(gameId, turn.events),
      game: turn.game ? toGameType(turn.game) : null,
    };
  }
}
