/** The rabbit's four weapons; each use is one turn (docs/rules.md, "The rabbit"). */
export const WEAPONS = ["BOOMERANG", "SWORD", "LETTUCE", "BOMB"] as const;

/** One of {@link WEAPONS}. */
export type Weapon = (typeof WEAPONS)[number];

/** Attack bonus of the boomerang. */
export const BOOMERANG_BONUS = 13;
/** Attack bonus of a bomb. */
export const BOMB_BONUS = 86;
/** Attack bonus after eating lettuce. */
export const LETTUCE_BONUS = 0;

/** Whether a string names a weapon, for adapters that read weapons from outside. */
export function isWeapon(value: string): value is Weapon {
  return (WEAPONS as readonly string[]).includes(value);
}
