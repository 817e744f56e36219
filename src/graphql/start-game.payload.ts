import { Field, ObjectType } from "type-graphql";
import { BattleEventType } from "./battle-event.type";
import { GameType } from "./game.type";
import { userErrorType, type UserError } from "./user-error.type";

/** The expected outcomes of a start that starts nothing. */
export const START_GAME_ERROR_CODES = ["INVALID_MONSTER", "INVALID_SEED"] as const;
const StartGameUserError = userErrorType("StartGame", START_GAME_ERROR_CODES);

@ObjectType("StartGamePayload", {
  description:
    "A new game and the secret that lets its player act on it, or why no game was started.",
})
export class StartGamePayload {
  @Field(() => GameType, {
    nullable: true,
    description: "The game, at turn 0 with its first monster emerged; null if none was started.",
  })
  game?: GameType | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The player\'s token, shown only here: the server keeps no copy it could show again. Send it as `Authorization: Bearer <token>` to attack, update monsters or abandon the game; over WebSocket, as connection params { authorization: "Bearer <token>" }.',
  })
  playerToken?: string | null;

  @Field(() => [BattleEventType], {
    nullable: true,
    description: "The opening events: the first monster emerges.",
  })
  events?: BattleEventType[] | null;

  @Field(() => [StartGameUserError], {
    description: "Why no game was started; empty when one was.",
  })
  userErrors!: UserError<(typeof START_GAME_ERROR_CODES)[number]>[];
}
