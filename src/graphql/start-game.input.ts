import { Field, InputType, Int } from "type-graphql";
import { MONSTER_BOUNDS } from "./monster-bounds";
import { MonsterInput } from "./monster.input";

@InputType("StartGameInput", { description: "How a game starts; every field is optional." })
export class StartGameInput {
  @Field(() => [MonsterInput], {
    nullable: true,
    description: `A custom array of ${MONSTER_BOUNDS.arraySize} monsters, front first; the original six when absent.`,
  })
  monsters?: MonsterInput[];

  @Field(() => Int, {
    nullable: true,
    description:
      "Seed of the game's dice: the same seed and the same weapons replay the same battle. Random when absent.",
  })
  seed?: number;
}
