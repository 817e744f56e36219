import type { Weapon } from "./weapon";

/** Who a creature event is about. */
export type CreatureRole = "RABBIT" | "MONSTER";

/** Every {@link CreatureRole}. */
export const CREATURE_ROLES: readonly CreatureRole[] = ["RABBIT", "MONSTER"];

interface EventBase {
  /** The turn the event happened in: 0 is the start of the game, each attack adds 1. */
  readonly turn: number;
  /** The line docs/rules.md gives for the event, to the letter. */
  readonly message: string;
}

/** A monster stepped to the front of the array (at the start, or after the one before it died). */
export interface MonsterEmerged extends EventBase {
  readonly type: "MonsterEmerged";
  readonly monsterId: string;
  readonly monster: string;
}

/** The rabbit ate lettuce and gained life before fighting. */
export interface LettuceEaten extends EventBase {
  readonly type: "LettuceEaten";
  readonly heal: number;
}

/** The rabbit reached for a bomb and had none left; nothing else happened that turn. */
export interface BombsRanOut extends EventBase {
  readonly type: "BombsRanOut";
}

/** The rabbit was dead when its turn came, so it could not fight. */
export interface RabbitWasTooDeadToFight extends EventBase {
  readonly type: "RabbitWasTooDeadToFight";
}

/** The rabbit struck the front monster. */
export interface RabbitHitMonster extends EventBase {
  readonly type: "RabbitHitMonster";
  readonly weapon: Weapon;
  readonly monster: string;
  readonly damage: number;
}

/** The front monster struck back at the rabbit. */
export interface MonsterHitRabbit extends EventBase {
  readonly type: "MonsterHitRabbit";
  readonly monster: string;
  readonly damage: number;
}

/** A creature's charisma roll came up `power` with `power mod 9 == 7`, giving `floor(power / 4)` life. */
export interface MagickPoweredUp extends EventBase {
  readonly type: "MagickPoweredUp";
  readonly role: CreatureRole;
  readonly creature: string;
  readonly power: number;
  readonly lifeGained: number;
}

/** A hit left a creature at or below zero life (repeats for a creature already dead). */
export interface CreatureDied extends EventBase {
  readonly type: "CreatureDied";
  readonly role: CreatureRole;
  readonly creature: string;
}

/** The last monster died: the game is won. */
export interface ArrayDecimated extends EventBase {
  readonly type: "ArrayDecimated";
}

/** Everything that can happen in a battle, discriminated by `type`. */
export type BattleEvent =
  | MonsterEmerged
  | LettuceEaten
  | BombsRanOut
  | RabbitWasTooDeadToFight
  | RabbitHitMonster
  | MonsterHitRabbit
  | MagickPoweredUp
  | CreatureDied
  | ArrayDecimated;

/** The `type` of a {@link BattleEvent}. */
export type BattleEventType = BattleEvent["type"];

/** Builders that keep each event's message in one place, worded exactly as docs/rules.md. */
export const battleEvent = {
  monsterEmerged: (turn: number, monsterId: string, monster: string): MonsterEmerged => ({
    type: "MonsterEmerged",
    turn,
    monsterId,
    monster,
    message: `[Get ready. ${monster} has emerged!]`,
  }),
  lettuceEaten: (turn: number, heal: number): LettuceEaten => ({
    type: "LettuceEaten",
    turn,
    heal,
    message: `[Healthy lettuce gives you ${heal} life points!!]`,
  }),
  bombsRanOut: (turn: number): BombsRanOut => ({
    type: "BombsRanOut",
    turn,
    message: "[UHN!! You're out of bombs!!]",
  }),
  rabbitWasTooDeadToFight: (turn: number): RabbitWasTooDeadToFight => ({
    type: "RabbitWasTooDeadToFight",
    turn,
    message: "[Rabbit is too dead to fight!]",
  }),
  rabbitHitMonster: (
    turn: number,
    weapon: Weapon,
    monster: string,
    damage: number,
  ): RabbitHitMonster => ({
    type: "RabbitHitMonster",
    turn,
    weapon,
    monster,
    damage,
    message: `[You hit with ${damage} points of damage!]`,
  }),
  monsterHitRabbit: (turn: number, monster: string, damage: number): MonsterHitRabbit => ({
    type: "MonsterHitRabbit",
    turn,
    monster,
    damage,
    message: `[Your enemy hit with ${damage} points of damage!]`,
  }),
  magickPoweredUp: (
    turn: number,
    role: CreatureRole,
    creature: string,
    power: number,
  ): MagickPoweredUp => ({
    type: "MagickPoweredUp",
    turn,
    role,
    creature,
    power,
    lifeGained: Math.floor(power / 4),
    message: `[${creature} magick powers up ${power}!]`,
  }),
  creatureDied: (turn: number, role: CreatureRole, creature: string): CreatureDied => ({
    type: "CreatureDied",
    turn,
    role,
    creature,
    message: `[${creature} has died!]`,
  }),
  arrayDecimated: (turn: number): ArrayDecimated => ({
    type: "ArrayDecimated",
    turn,
    message: "[Whoa.  You decimated Dwemthy's Array!]",
  }),
} as const;
