import { Field, InputType, Int } from "type-graphql";
import { MONSTER_BOUNDS } from "./monster-bounds";

@InputType("MonsterPatchInput", {
  description:
    "New values for some fields of a monster (at least one), with the bounds of MonsterInput.",
})
export class MonsterPatchInput {
  @Field({
    nullable: true,
    description: `A new name: ${MONSTER_BOUNDS.name}, not blank: ${MONSTER_BOUNDS.nameCharacters}.`,
  })
  name?: string;

  @Field(() => Int, { nullable: true, description: `New life points: ${MONSTER_BOUNDS.life}.` })
  life?: number;

  @Field(() => Int, { nullable: true, description: `New strength: ${MONSTER_BOUNDS.stat}.` })
  strength?: number;

  @Field(() => Int, { nullable: true, description: `New charisma: ${MONSTER_BOUNDS.stat}.` })
  charisma?: number;

  @Field(() => Int, { nullable: true, description: `New weapon: ${MONSTER_BOUNDS.stat}.` })
  weapon?: number;
}
