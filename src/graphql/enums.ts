import { registerEnumType } from "type-graphql";

/** The rabbit's weapons, as GraphQL names them (the domain's names, one to one). */
export enum WeaponEnum {
  BOOMERANG = "BOOMERANG",
  SWORD = "SWORD",
  LETTUCE = "LETTUCE",
  BOMB = "BOMB",
}

/** Whether a game goes on. */
export enum GameStatusEnum {
  IN_PROGRESS = "IN_PROGRESS",
  VICTORY = "VICTORY",
}

/** Who a creature event is about. */
export enum CreatureRoleEnum {
  RABBIT = "RABBIT",
  MONSTER = "MONSTER",
}

registerEnumType(WeaponEnum, {
  name: "Weapon",
  description: "The rabbit's four weapons. Each attack uses one and is one turn.",
  valuesConfig: {
    BOOMERANG: { description: "A fight turn with attack bonus 13." },
    SWORD: {
      description:
        "A fight turn with attack bonus roll(4 + (life mod 10)^2), drawn from the front monster's life before the turn.",
    },
    LETTUCE: {
      description:
        "Heals roll(charisma) life first (it can revive a dead rabbit), then a fight turn with attack bonus 0.",
    },
    BOMB: {
      description:
        "Spends one of the three bombs for a fight turn with attack bonus 86; with none left, nothing but an out-of-bombs event.",
    },
  },
});

registerEnumType(GameStatusEnum, {
  name: "GameStatus",
  description: "Whether the battle goes on. A dead rabbit does not end it: lettuce can revive it.",
  valuesConfig: {
    IN_PROGRESS: { description: "Monsters remain; attacks are accepted." },
    VICTORY: { description: "The array is decimated; every attack is refused with GAME_OVER." },
  },
});

registerEnumType(CreatureRoleEnum, {
  name: "CreatureRole",
  description: "Whether a creature event is about the rabbit or a monster.",
  valuesConfig: {
    RABBIT: { description: 'The rabbit (its events name it "Rabbit").' },
    MONSTER: { description: "A monster of the array." },
  },
});
