import { Field, ObjectType } from "type-graphql";
import { GameType } from "./game.type";
import { MonsterType } from "./monster.type";
import { userErrorType, type UserError } from "./user-error.type";

/** The expected outcomes of a monster update that changes nothing. */
export const UPDATE_MONSTER_ERROR_CODES = [
  "GAME_NOT_FOUND",
  "MONSTER_NOT_FOUND",
  "INVALID_MONSTER",
  "CONFLICT",
] as const;
const UpdateMonsterUserError = userErrorType("UpdateMonster", UPDATE_MONSTER_ERROR_CODES);

@ObjectType("UpdateMonsterPayload", {
  description: "The monster as changed and its game, or why nothing was changed.",
})
export class UpdateMonsterPayload {
  @Field(() => MonsterType, {
    nullable: true,
    description: "The monster after the change; null if nothing was changed.",
  })
  monster?: MonsterType | null;

  @Field(() => GameType, {
    nullable: true,
    description: "The game after the change (its version moved on); null if nothing was changed.",
  })
  game?: GameType | null;

  @Field(() => [UpdateMonsterUserError], {
    description: "Why nothing was changed; empty when the monster was.",
  })
  userErrors!: UserError<(typeof UPDATE_MONSTER_ERROR_CODES)[number]>[];
}
