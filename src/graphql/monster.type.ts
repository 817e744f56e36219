import { SafeIntResolver } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { NodeType } from "./node.type";

@ObjectType("Monster", {
  implements: NodeType,
  description:
    "A monster of a game's array, as it stands now: its stats, and life going down as it is hit.",
})
export class MonsterType implements NodeType {
  @Field(() => ID, {
    description:
      "Its id: unique among the monsters of every game (it names its game), so a client may cache it by id.",
  })
  id!: string;

  @Field({ description: "Its name, as the battle messages use it." })
  name!: string;

  @Field(() => SafeIntResolver, {
    description:
      "Life points (magick can raise them past 32 bits); the monster dies and leaves the array at or below 0.",
  })
  life!: number;

  @Field(() => Int, {
    description: "Strength: with weapon, bounds its hits: roll(strength + weapon).",
  })
  strength!: number;

  @Field(() => Int, { description: "Charisma: drives its magick power-ups." })
  charisma!: number;

  @Field(() => Int, {
    description: "Weapon: with strength, bounds its hits: roll(strength + weapon).",
  })
  weapon!: number;
}
