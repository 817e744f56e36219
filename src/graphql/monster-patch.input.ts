import { Field, InputType, Int } from "type-graphql";

@InputType("MonsterPatch", {
  description:
    "New values for some fields of a monster (at least one), with the bounds of MonsterInput.",
})
export class MonsterPatchInput {
  @Field({ nullable: true, description: "A new name: 1 to 64 printable characters, not blank." })
  name?: string;

  @Field(() => Int, { nullable: true, description: "New life points: 1 to 1000000." })
  life?: number;

  @Field(() => Int, { nullable: true, description: "New strength: 0 to 1000000." })
  strength?: number;

  @Field(() => Int, { nullable: true, description: "New charisma: 0 to 1000000." })
  charisma?: number;

  @Field(() => Int, { nullable: true, description: "New weapon: 0 to 1000000." })
  weapon?: number;
}
