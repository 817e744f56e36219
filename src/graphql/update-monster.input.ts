import { Field, ID, InputType, Int } from "type-graphql";
import { MonsterPatchInput } from "./monster-patch.input";

@InputType("UpdateMonsterInput", {
  description: "A change to a monster still in the array, and the game's version expected.",
})
export class UpdateMonsterInput {
  @Field(() => ID, { description: "The monster to change (its id names its game)." })
  monsterId!: string;

  @Field(() => MonsterPatchInput, { description: "The fields to set; at least one." })
  patch!: MonsterPatchInput;

  @Field(() => Int, {
    nullable: true,
    description:
      "Change it only if the game is still at this version (else CONFLICT, nothing applied): no change made over a game the player has not seen.",
  })
  expectedVersion?: number | null;
}
