import { Field, InputType, Int } from "type-graphql";

@InputType("MonsterInput", {
  description:
    "A monster of a custom array. Name: 1 to 64 printable characters. Life: 1 to 1000000. Strength, charisma, weapon: 0 to 1000000.",
})
export class MonsterInput {
  @Field({ description: "Its name: 1 to 64 printable characters, not blank." })
  name!: string;

  @Field(() => Int, { description: "Life points at the start: 1 to 1000000." })
  life!: number;

  @Field(() => Int, { description: "Strength: 0 to 1000000." })
  strength!: number;

  @Field(() => Int, { description: "Charisma: 0 to 1000000." })
  charisma!: number;

  @Field(() => Int, { description: "Weapon: 0 to 1000000." })
  weapon!: number;
}
