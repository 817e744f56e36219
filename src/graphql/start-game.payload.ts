import { Field, ObjectType } from "type-graphql";
import { BattleEventType } from "./battle-event.type";
import { GameType } from "./game.type";

@ObjectType("StartGamePayload", {
  description: "A new game and the secret that lets its player act on it.",
})
export class StartGamePayload {
  @Field(() => GameType, { description: "The game, at turn 0 with its first monster emerged." })
  game!: GameType;

  @Field({
    description:
      'The player\'s token, shown only here: the server keeps no copy it could show again. Send it as `Authorization: Bearer <token>` to attack, update monsters or abandon the game; over WebSocket, as connection params { authorization: "Bearer <token>" }.',
  })
  playerToken!: string;

  @Field(() => [BattleEventType], { description: "The opening events: the first monster emerges." })
  events!: BattleEventType[];
}
