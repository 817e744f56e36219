import { Field, Int, ObjectType } from "type-graphql";

@ObjectType("MonsterTemplate", {
  description: "A monster of the original bestiary, as a new game's default array holds it.",
})
export class MonsterTemplateType {
  @Field({ description: "Its name." })
  name!: string;

  @Field(() => Int, { description: "Life points at the start." })
  life!: number;

  @Field(() => Int, { description: "Strength." })
  strength!: number;

  @Field(() => Int, { description: "Charisma." })
  charisma!: number;

  @Field(() => Int, { description: "Weapon." })
  weapon!: number;
}
