import { SafeIntResolver } from "graphql-scalars";
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType("Rabbit", { description: "The hero of the game: four stats and its bombs." })
export class RabbitType {
  @Field(() => SafeIntResolver, {
    description:
      "Life points (magick can raise them past 32 bits); at or below 0 the rabbit is dead (lettuce can revive it).",
  })
  life!: number;

  @Field(() => Int, { description: "Strength: every hit is roll(strength + the weapon's bonus)." })
  strength!: number;

  @Field(() => Int, { description: "Charisma: drives magick power-ups and lettuce's healing." })
  charisma!: number;

  @Field(() => Int, {
    description: "The weapon stat (kept from the original; attacks do not use it).",
  })
  weapon!: number;

  @Field(() => Int, { description: "Bombs left, from 3 down to 0." })
  bombs!: number;

  @Field({ description: "Whether life is above 0." })
  alive!: boolean;
}
