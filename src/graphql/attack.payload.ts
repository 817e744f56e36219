import { Field, ObjectType } from "type-graphql";
import { BattleEventType } from "./battle-event.type";
import { GameType } from "./game.type";

@ObjectType("AttackPayload", {
  description: "The result of one attack: the game after the turn, and what happened.",
})
export class AttackPayload {
  @Field(() => GameType, { description: "The game after the turn." })
  game!: GameType;

  @Field(() => [BattleEventType], {
    description: "This turn's events, in the order they happened.",
  })
  events!: BattleEventType[];
}
