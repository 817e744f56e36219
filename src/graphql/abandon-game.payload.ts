import { Field, ID, ObjectType } from "type-graphql";
import { userErrorType, type UserError } from "./user-error.type";

/** The expected outcomes of an abandon that ends nothing. */
export const ABANDON_GAME_ERROR_CODES = ["GAME_NOT_FOUND", "CONFLICT"] as const;
const AbandonGameUserError = userErrorType("AbandonGame", ABANDON_GAME_ERROR_CODES);

@ObjectType("AbandonGamePayload", {
  description: "The game that was ended, or why none was.",
})
export class AbandonGamePayload {
  @Field(() => ID, {
    nullable: true,
    description:
      "The id of the game ended (a client cache may evict it); null if none was. Its watchers' subscriptions complete.",
  })
  abandonedGameId?: string | null;

  @Field(() => [AbandonGameUserError], {
    description: "Why no game was ended; empty when it was.",
  })
  userErrors!: UserError<(typeof ABANDON_GAME_ERROR_CODES)[number]>[];
}
