import { Field, ID, InputType, Int } from "type-graphql";
import { WeaponEnum } from "./enums";

@InputType("AttackInput", { description: "One turn: the game, the weapon, and the turn expected." })
export class AttackInput {
  @Field(() => ID, { description: "The game to play a turn of." })
  gameId!: string;

  @Field(() => WeaponEnum, { description: "The weapon of this turn." })
  weapon!: WeaponEnum;

  @Field(() => Int, {
    nullable: true,
    description:
      "Play only if the game is still at this turn (else CONFLICT, nothing applied). Send the turn you last saw, and a retry after STORE_UNAVAILABLE can never play twice.",
  })
  expectedTurn?: number | null;
}
