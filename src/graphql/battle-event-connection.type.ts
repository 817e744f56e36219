import { Field, Int, ObjectType } from "type-graphql";
import type { BattleEvent } from "../domain/battle-event";
import { BattleEventEdgeType } from "./battle-event-edge.type";
import { BattleEventType } from "./battle-event.type";
import { PageInfoType } from "./page-info.type";

@ObjectType("BattleEventConnection", {
  description:
    "A page of a game's battle log, oldest first. The log keeps the most recent turns of a long battle only: `oldestTurnKept` says where it starts.",
})
export class BattleEventConnectionType {
  @Field(() => [BattleEventEdgeType], { description: "The page's events, each with its cursor." })
  edges!: BattleEventEdgeType[];

  @Field(() => [BattleEventType], { description: "The page's events, without cursors." })
  nodes!: BattleEvent[];

  @Field(() => PageInfoType, { description: "Whether there is more before or after this page." })
  pageInfo!: PageInfoType;

  @Field(() => Int, {
    nullable: true,
    description:
      "The oldest turn the log still holds: 0 until a long battle has made it let go of its first turns; null when it holds none.",
  })
  oldestTurnKept!: number | null;
}
