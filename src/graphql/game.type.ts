import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { GameStatusEnum } from "./enums";
import { MonsterType } from "./monster.type";
import { NodeType } from "./node.type";
import { RabbitType } from "./rabbit.type";

@ObjectType("Game", {
  description: "One game of Dwemthy's Array: the rabbit, the array of monsters, the turn.",
  implements: NodeType,
})
export class GameType implements NodeType {
  @Field(() => ID, {
    description:
      "The game's id: unguessable, so knowing it is what lets one read and watch the game.",
  })
  id!: string;

  @Field(() => GameStatusEnum, {
    description: "IN_PROGRESS until the last monster dies, then VICTORY.",
  })
  status!: GameStatusEnum;

  @Field(() => Int, { description: "Turns played: 0 right after the start, +1 per attack." })
  turn!: number;

  @Field(() => Int, {
    description:
      "Bumped by every change (attack or monster update); tells two reads of the game apart.",
  })
  version!: number;

  @Field(() => RabbitType, { description: "The rabbit." })
  rabbit!: RabbitType;

  @Field(() => MonsterType, {
    nullable: true,
    description: "The monster at the front of the array, the one attacks hit; null after victory.",
  })
  currentMonster!: MonsterType | null;

  @Field(() => [MonsterType], {
    description: "The monsters behind the current one, in the order they will emerge.",
  })
  waitingMonsters!: MonsterType[];

  @Field(() => Int, { description: "Monsters left in the array, the current one included." })
  monstersRemaining!: number;

  @Field(() => DateTimeResolver, { description: "When the game started." })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { description: "When the game last changed." })
  updatedAt!: Date;
}
