/* eslint-disable */
/** The concrete types of every interface and union of schema.graphql. */
export const possibleTypes: Record<string, string[]> = {
  "BattleEvent": [
    "ArrayDecimatedEvent",
    "BombsRanOutEvent",
    "CreatureDiedEvent",
    "LettuceEatenEvent",
    "MagickPoweredUpEvent",
    "MonsterEmergedEvent",
    "MonsterHitRabbitEvent",
    "RabbitHitMonsterEvent",
    "RabbitWasTooDeadToFightEvent"
  ],
  "Node": [
    "Game",
    "Monster"
  ],
  "UserError": [
    "AbandonGameUserError",
    "AttackUserError",
    "StartGameUserError",
    "UpdateMonsterUserError"
  ]
};

/** The object types of schema.graphql without an `id`: embedded in their parent. */
export const embeddedTypes: string[] = [
  "AbandonGamePayload",
  "AbandonGameUserError",
  "ArrayDecimatedEvent",
  "AttackPayload",
  "AttackUserError",
  "BattleEventConnection",
  "BattleEventEdge",
  "BattleTurn",
  "BombsRanOutEvent",
  "CreatureDiedEvent",
  "LettuceEatenEvent",
  "MagickPoweredUpEvent",
  "MonsterEmergedEvent",
  "MonsterHitRabbitEvent",
  "MonsterTemplate",
  "PageInfo",
  "Rabbit",
  "RabbitHitMonsterEvent",
  "RabbitWasTooDeadToFightEvent",
  "StartGamePayload",
  "StartGameUserError",
  "UpdateMonsterPayload",
  "UpdateMonsterUserError"
];
