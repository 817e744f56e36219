import { Field, InputType, Int } from "type-graphql";
import { MONSTER_BOUNDS } from "./monster-bounds";

@InputType("MonsterInput", {
  description: `A monster of a custom array. Name: ${MONSTER_BOUNDS.name}. Life: ${MONSTER_BOUNDS.life}. Strength, charisma, weapon: ${MONSTER_BOUNDS.stat}.`,
})
export class MonsterInput {
  @Field({
    description: `Its name: ${MONSTER_BOUNDS.name}, not blank: ${MONSTER_BOUNDS.nameCharacters}.`,
  })
  name!: string;

  @Field(() => Int, { description: `Life points at the start: ${MONSTER_BOUNDS.life}.` })
  life!: number;

  @Field(() => Int, { description: `Strength: ${MONSTER_BOUNDS.stat}.` })
  strength!: number;

  @Field(() => Int, { description: `Charisma: ${MONSTER_BOUNDS.stat}.` })
  charisma!: number;

  @Field(() => Int, { description: `Weapon: ${MONSTER_BOUNDS.stat}.` })
  weapon!: number;
}
