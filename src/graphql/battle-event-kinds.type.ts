import { Field, ID, Int, ObjectType } from "type-graphql";
import { BattleEventType } from "./battle-event.type";
import { CreatureRoleEnum, WeaponEnum } from "./enums";

@ObjectType("MonsterEmergedEvent", {
  implements: BattleEventType,
  description:
    "A monster stepped to the front of the array: at the start, or when the one before it died.",
})
export class MonsterEmergedEventType extends BattleEventType {
  @Field(() => ID, {
    description: "The monster's id, the same as its Monster's: a client cache links the two.",
  })
  monsterId!: string;

  // The domain calls it `monster`; the contract says what the string holds.
  @Field({ name: "monsterName", description: "The monster's name." })
  monster!: string;
}

@ObjectType("LettuceEatenEvent", {
  implements: BattleEventType,
  description: "The rabbit ate lettuce and gained life, before fighting.",
})
export class LettuceEatenEventType extends BattleEventType {
  @Field(() => Int, { description: "Life points gained: roll(rabbit's charisma)." })
  heal!: number;
}

@ObjectType("BombsRanOutEvent", {
  implements: BattleEventType,
  description: "The rabbit reached for a bomb and had none: nothing else happened that turn.",
})
export class BombsRanOutEventType extends BattleEventType {}

@ObjectType("RabbitWasTooDeadToFightEvent", {
  implements: BattleEventType,
  description: "The rabbit was dead when its turn came, so it could not fight.",
})
export class RabbitWasTooDeadToFightEventType extends BattleEventType {}

@ObjectType("RabbitHitMonsterEvent", {
  implements: BattleEventType,
  description: "The rabbit struck the front monster.",
})
export class RabbitHitMonsterEventType extends BattleEventType {
  @Field(() => WeaponEnum, { description: "The weapon of the turn." })
  weapon!: WeaponEnum;

  @Field({ name: "monsterName", description: "The name of the monster struck." })
  monster!: string;

  @Field(() => Int, { description: "Damage dealt: roll(rabbit's strength + the weapon's bonus)." })
  damage!: number;
}

@ObjectType("MonsterHitRabbitEvent", {
  implements: BattleEventType,
  description: "The front monster struck back at the rabbit.",
})
export class MonsterHitRabbitEventType extends BattleEventType {
  @Field({ name: "monsterName", description: "The name of the monster that struck." })
  monster!: string;

  @Field(() => Int, { description: "Damage dealt: roll(monster's strength + weapon)." })
  damage!: number;
}

@ObjectType("MagickPoweredUpEvent", {
  implements: BattleEventType,
  description:
    "A creature's charisma roll came up `power` with power mod 9 = 7: it gained floor(power / 4) life before the hit landed.",
})
export class MagickPoweredUpEventType extends BattleEventType {
  @Field(() => CreatureRoleEnum, { description: "Whether it is the rabbit or a monster." })
  role!: CreatureRoleEnum;

  @Field({ name: "creatureName", description: "The creature's name." })
  creature!: string;

  @Field(() => Int, { description: "The charisma roll." })
  power!: number;

  @Field(() => Int, { description: "Life gained: floor(power / 4)." })
  lifeGained!: number;
}

@ObjectType("CreatureDiedEvent", {
  implements: BattleEventType,
  description:
    "A hit left a creature at or below zero life (told again for a creature already dead).",
})
export class CreatureDiedEventType extends BattleEventType {
  @Field(() => CreatureRoleEnum, { description: "Whether it is the rabbit or a monster." })
  role!: CreatureRoleEnum;

  @Field({ name: "creatureName", description: "The creature's name." })
  creature!: string;
}

@ObjectType("ArrayDecimatedEvent", {
  implements: BattleEventType,
  description: "The last monster died: the game is won.",
})
export class ArrayDecimatedEventType extends BattleEventType {}

/** Every concrete event type, for the schema to include even where only the interface is named. */
export const BATTLE_EVENT_KINDS = [
  MonsterEmergedEventType,
  LettuceEatenEventType,
  BombsRanOutEventType,
  RabbitWasTooDeadToFightEventType,
  RabbitHitMonsterEventType,
  MonsterHitRabbitEventType,
  MagickPoweredUpEventType,
  CreatureDiedEventType,
  ArrayDecimatedEventType,
] as const;
