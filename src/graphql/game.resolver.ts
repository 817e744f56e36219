import { inject, injectable } from "tsyringe";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { BESTIARY } from "../domain/bestiary";
import { GameService } from "../domain/game-service";
import { AttackPayload } from "./attack.payload";
import { BattleEventConnectionType } from "./battle-event-connection.type";
import { DEFAULT_LAST_EVENTS, MAX_PAGE_EVENTS, pageOfEvents } from "./battle-event-page";
import type { GraphQLContext } from "./context";
import { WeaponEnum } from "./enums";
import { toGameType, toMonsterType } from "./game.mapper";
import { GameType } from "./game.type";
import { MonsterPatchInput } from "./monster-patch.input";
import { MonsterTemplateType } from "./monster-template.type";
import { MonsterType } from "./monster.type";
import { NodeType } from "./node.type";
import { StartGameInput } from "./start-game.input";
import { StartGamePayload } from "./start-game.payload";

/** Games: read, start, attack, change monsters, abandon. Thin: each calls the service and maps. */
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

  @Query(() => NodeType, {
    nullable: true,
    description:
      "Anything by its id (a game, for now); null when there is no such thing. What a client cache refetches by.",
  })
  async node(
    @Arg("id", () => ID, { description: "Its id." }) id: string,
  ): Promise<GameType | null> {
    return this.game(id);
  }

  @Query(() => [MonsterTemplateType], {
    description:
      "The original six monsters, in order: the array of a game started without custom monsters.",
  })
  bestiary(): MonsterTemplateType[] {
    return BESTIARY.map((m) => ({ ...m }));
  }

  @Mutation(() => StartGamePayload, {
    description:
      "Starts a game: the original bestiary or a custom array, a given seed or a random one. Returns the player token, shown only here.",
  })
  async startGame(
    @Arg("input", () => StartGameInput, {
      nullable: true,
      description: "Custom monsters and seed; both optional.",
    })
    input?: StartGameInput,
  ): Promise<StartGamePayload> {
    const started = await this.games.startGame({
      monsters: input?.monsters ?? undefined,
      seed: input?.seed ?? undefined,
    });
    return {
      game: toGameType(started.game),
      playerToken: started.playerToken,
      events: started.events,
    };
  }

  @Mutation(() => AttackPayload, {
    description:
      "Plays one turn with a weapon against the front monster. Needs `Authorization: Bearer <playerToken>`. Refused with GAME_OVER once the array is decimated.",
  })
  async attack(
    @Arg("gameId", () => ID, { description: "The game's id." }) gameId: string,
    @Arg("weapon", () => WeaponEnum, { description: "The weapon of this turn." })
    weapon: WeaponEnum,
    @Ctx() context: GraphQLContext,
    @Arg("expectedTurn", () => Int, {
      nullable: true,
      description:
        "Play only if the game is still at this turn (else CONFLICT, nothing applied). Send the turn you last saw, and a retry after STORE_UNAVAILABLE can never play twice.",
    })
    expectedTurn?: number | null,
  ): Promise<AttackPayload> {
    const { game, events } = await this.games.attack(
      gameId,
      weapon,
      context.playerToken,
      expectedTurn ?? undefined,
    );
    return { game: toGameType(game), events };
  }

  @Mutation(() => MonsterType, {
    description:
      "Sets some fields of a monster still in the array (a stronger or weaker monster, a new name). Needs `Authorization: Bearer <playerToken>`.",
  })
  async updateMonster(
    @Arg("gameId", () => ID, { description: "The game's id." }) gameId: string,
    @Arg("monsterId", () => ID, { description: "The monster's id within the game." })
    monsterId: string,
    @Arg("patch", () => MonsterPatchInput, { description: "The fields to set; at least one." })
    patch: MonsterPatchInput,
    @Ctx() context: GraphQLContext,
  ): Promise<MonsterType> {
    const monster = await this.games.updateMonster(
      gameId,
      monsterId,
      { ...patch },
      context.playerToken,
    );
    return toMonsterType(monster);
  }

  @Mutation(() => Boolean, {
    description:
      "Ends the game for good: it and its log are gone, and its watchers' subscriptions complete. Needs `Authorization: Bearer <playerToken>`.",
  })
  async abandonGame(
    @Arg("gameId", () => ID, { description: "The game's id." }) gameId: string,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    return this.games.abandonGame(gameId, context.playerToken);
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
    return pageOfEvents(await this.games.recentEvents(game.id, Number.MAX_SAFE_INTEGER), args);
  }
}
