import { Field, Int, ObjectType } from "type-graphql";
import type { BattleEvent } from "../domain/battle-event";
import { BattleEventType } from "./battle-event.type";
import { GameType } from "./game.type";

@ObjectType("BattleTurn", {
  description:
    "One turn of a game's battle, as a spectator sees it: what happened, in order, and the game right after it.",
})
export class BattleTurnType {
  @Field(() => Int, {
    description:
      "The turn's number: 0 is the start of the game (the first monster emerging), each attack adds 1.",
  })
  turn!: number;

  @Field(() => [BattleEventType], { description: "What happened in the turn, in order." })
  events!: BattleEvent[];

  @Field(() => GameType, {
    nullable: true,
    description:
      "The game right after this turn: the rabbit, the monsters and their life. Null only for a turn replayed from the game's log (with fromTurn, or turns a dropped connection missed) when a later turn of the same replay follows it; the last turn of every replay, and every live turn, carry it.",
  })
  game!: GameType | null;
}
