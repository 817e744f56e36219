import { inject, injectable } from "tsyringe";
import { Arg, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { BESTIARY } from "../domain/bestiary";
import { GameService } from "../domain/game-service";
import { BattleEventConnectionType } from "./battle-event-connection.type";
import { DEFAULT_LAST_EVENTS, MAX_PAGE_EVENTS, pageOfEvents } from "./battle-event-page";
import { toBattleEvents, toGameType } from "./game.mapper";
import { GameType } from "./game.type";
import { MonsterTemplateType } from "./monster-template.type";

/** Reading games, their logs, and the bestiary. Thin: each calls the service and maps. */
// Domain errors pass through as they are: formatError (error-mapping.ts) maps and logs them.
@injectable()
@Resolver(() => GameType)
export class GameResolver {
  constructor(@inject(GameService) private readonly games: GameService) {}

  @Query(() => GameType, {
    nullable: true,
    description: "A game by id; null when there is no such game.",
  })
  async game(
    @Arg("id", () => ID, { description: "The game's id." }) id: string,
  ): Promise<GameType | null> {
    const state = await this.games.getGame(id);
    return state ? toGameType(state) : null;
  }

  @Query(() => [MonsterTemplateType], {
    nullable: true,
    description:
      "The original six monsters, in order: the array of a game started without custom monsters.",
  })
  bestiary(): MonsterTemplateType[] {
    return BESTIARY.map((m) => ({ ...m }));
  }

  @FieldResolver(() => BattleEventConnectionType, {
    description: `The battle log, a page at a time, oldest first: \`first\` with \`after\` reads forward, \`last\` with \`before\` backward; without first or last, the latest ${DEFAULT_LAST_EVENTS} events. Long battles keep their most recent turns only.`,
  })
  async events(
    @Root() game: GameType,
    @Arg("first", () => Int, {
      nullable: true,
      description: `How many of the oldest events after \`after\` (0 to ${MAX_PAGE_EVENTS}).`,
    })
    first: number | null,
    @Arg("after", () => String, {
      nullable: true,
      description: "Only events after this cursor.",
    })
    after: string | null,
    @Arg("last", () => Int, {
      nullable: true,
      description: `How many of the latest events before \`before\` (0 to ${MAX_PAGE_EVENTS}).`,
    })
    last: number | null,
    @Arg("before", () => String, {
      nullable: true,
      description: "Only events before this cursor.",
    })
    before: string | null,
  ): Promise<BattleEventConnectionType> {
    const args = { first, after, last, before };
    // Checked before the log is read: a bad argument costs nothing.
    pageOfEvents([], args);
    const events = await this.games.recentEvents(game.id, Number.MAX_SAFE_INTEGER);
    return pageOfEvents(toBattleEvents(game.id, events), args);
  }
}
