import { Field, ObjectType } from "type-graphql";
import type { BattleEvent } from "../domain/battle-event";
import { BattleEventType } from "./battle-event.type";

@ObjectType("BattleEventEdge", { description: "One event of a page of the battle log." })
export class BattleEventEdgeType {
  @Field({
    description: "Where this event stands in the log, for `after` or `before`: an opaque string.",
  })
  cursor!: string;

  @Field(() => BattleEventType, { description: "The event." })
  node!: BattleEvent;
}
