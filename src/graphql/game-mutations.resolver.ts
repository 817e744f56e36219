import { inject, injectable } from "tsyringe";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { GameService } from "../domain/game-service";
import { AbandonGameInput } from "./abandon-game.input";
import { ABANDON_GAME_ERROR_CODES, AbandonGamePayload } from "./abandon-game.payload";
import { AttackInput } from "./attack.input";
import { ATTACK_ERROR_CODES, AttackPayload } from "./attack.payload";
import type { GraphQLContext } from "./context";
import { toBattleEvents, toGameType, toMonsterType } from "./game.mapper";
import { parseNodeId } from "./node-id";
import { StartGameInput } from "./start-game.input";
import { START_GAME_ERROR_CODES, StartGamePayload } from "./start-game.payload";
import { UpdateMonsterInput } from "./update-monster.input";
import { UPDATE_MONSTER_ERROR_CODES, UpdateMonsterPayload } from "./update-monster.payload";
import { withUserErrors } from "./user-errors";
import { DomainError } from "../domain/domain-error";

const NEEDS_TOKEN = "Needs `Authorization: Bearer <playerToken>`.";

/** Changing games: start, attack, change a monster, abandon. Thin: each calls the service and maps. */
// A mutation's expected outcomes become its payload's userErrors (withUserErrors); every other
// domain error passes through to formatError (error-mapping.ts), which maps and logs it.
@injectable()
@Resolver()
export class GameMutationsResolver {
  constructor(@inject(GameService) private readonly games: GameService) {}

  @Mutation(() => StartGamePayload, {
    nullable: true,
    description:
      "Starts a game: the original bestiary or a custom array, a given seed or a random one. Returns the player token, shown only here.",
  })
  startGame(
    @Arg("input", () => StartGameInput, {
      nullable: true,
      description: "Custom monsters and seed; both optional.",
    })
    input?: StartGameInput,
  ): Promise<StartGamePayload> {
    return withUserErrors(START_GAME_ERROR_CODES, async () => {
      const started = await this.games.startGame({
        monsters: input?.monsters ?? undefined,
        seed: input?.seed ?? undefined,
      });
      return {
        game: toGameType(started.game),
        playerToken: started.playerToken,
        events: toBattleEvents(started.game.id, started.events),
      };
    });
  }

  @Mutation(() => AttackPayload, {
    nullable: true,
    description: `Plays one turn with a weapon against the front monster. ${NEEDS_TOKEN} Answered GAME_OVER once the array is decimated.`,
  })
  attack(
    @Arg("input", () => AttackInput, { description: "The game, the weapon, the turn expected." })
    input: AttackInput,
    @Ctx() context: GraphQLContext,
  ): Promise<AttackPayload> {
    return withUserErrors(ATTACK_ERROR_CODES, async () => {
      const { game, events } = await this.games.attack(
        input.gameId,
        input.weapon,
        context.playerToken,
        input.expectedTurn ?? undefined,
      );
      return { game: toGameType(game), events: toBattleEvents(game.id, events) };
    });
  }

  @Mutation(() => UpdateMonsterPayload, {
    nullable: true,
    description: `Sets some fields of a monster still in the array (a stronger or weaker monster, a new name). ${NEEDS_TOKEN}`,
  })
  updateMonster(
    @Arg("input", () => UpdateMonsterInput, {
      description: "The monster, the fields to set, the version expected.",
    })
    input: UpdateMonsterInput,
    @Ctx() context: GraphQLContext,
  ): Promise<UpdateMonsterPayload> {
    return withUserErrors(UPDATE_MONSTER_ERROR_CODES, async () => {
      const ref = parseNodeId(input.monsterId);
      if (ref?.type !== "Monster") {
        throw new DomainError(
          "MONSTER_NOT_FOUND",
          `There is no monster ${JSON.stringify(input.monsterId.slice(0, 100))}.`,
          "monsterId",
        );
      }
      const { game, monster } = await this.games
        .updateMonster(
          ref.gameId,
          ref.monsterId,
          { ...input.patch },
          context.playerToken,
          input.expectedVersion ?? undefined,
        )
        .catch((error: unknown) => {
          throw namedByMonsterId(error);
        });
      return { game: toGameType(game), monster: toMonsterType(game.id, monster) };
    });
  }

  @Mutation(() => AbandonGamePayload, {
    nullable: true,
    description: `Ends the game for good: it and its log are gone, and its watchers' subscriptions complete. ${NEEDS_TOKEN}`,
  })
  abandonGame(
    @Arg("input", () => AbandonGameInput, { description: "The game, the version expected." })
    input: AbandonGameInput,
    @Ctx() context: GraphQLContext,
  ): Promise<AbandonGamePayload> {
    return withUserErrors(ABANDON_GAME_ERROR_CODES, async () => {
      await this.games.abandonGame(
        input.gameId,
        context.playerToken,
        input.expectedVersion ?? undefined,
      );
      return { abandonedGameId: input.gameId };
    });
  }
}

/**
 * updateMonster names its game only through the monster's id, so a game not found is that
 * input's fault: without this its userError would point at an `input.gameId` that is not there.
 */
function namedByMonsterId(error: unknown): unknown {
  if (!(error instanceof DomainError) || error.code !== "GAME_NOT_FOUND") return error;
  return new DomainError(error.code, error.message, "monsterId");
}
