import { Field, ID, InputType, Int } from "type-graphql";

@InputType("AbandonGameInput", { description: "The game to end for good." })
export class AbandonGameInput {
  @Field(() => ID, { description: "The game to end." })
  gameId!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      "End it only if the game is still at this version (else CONFLICT, nothing done): no game ended over a turn the player has not seen.",
  })
  expectedVersion?: number | null;
}
