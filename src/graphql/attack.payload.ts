import { Field, ObjectType } from "type-graphql";
import { BattleEventType } from "./battle-event.type";
import { GameType } from "./game.type";
import { userErrorType, type UserError } from "./user-error.type";

/** The expected outcomes of an attack that plays nothing. */
export const ATTACK_ERROR_CODES = ["GAME_NOT_FOUND", "GAME_OVER", "CONFLICT"] as const;
const AttackUserError = userErrorType("Attack", ATTACK_ERROR_CODES);

@ObjectType("AttackPayload", {
  description:
    "The result of one attack: the game after the turn and what happened, or why no turn was played.",
})
export class AttackPayload {
  @Field(() => GameType, {
    nullable: true,
    description: "The game after the turn; null if none was played.",
  })
  game?: GameType | null;

  @Field(() => [BattleEventType], {
    nullable: true,
    description: "This turn's events, in the order they happened; null if no turn was played.",
  })
  events?: BattleEventType[] | null;

  @Field(() => [AttackUserError], {
    description: "Why no turn was played; empty when one was.",
  })
  userErrors!: UserError<(typeof ATTACK_ERROR_CODES)[number]>[];
}
