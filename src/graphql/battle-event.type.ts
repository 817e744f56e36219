import { Field, Int, InterfaceType } from "type-graphql";
import type { BattleEvent } from "../domain/battle-event";

@InterfaceType("BattleEvent", {
  description:
    "Something that happened in a battle. Each kind is its own type with its data; `message` is the line the original game prints.",
  resolveType: (event: BattleEvent) => `${event.type}Event`,
})
export abstract class BattleEventType {
  @Field(() => Int, { description: "The turn it happened in: 0 is the start, each attack adds 1." })
  turn!: number;

  @Field({
    description: 'The original game\'s line for it, e.g. "[You hit with 7 points of damage!]".',
  })
  message!: string;
}
