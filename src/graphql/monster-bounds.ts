import { MONSTER_LIMITS as L } from "../domain/monster-validation";

/**
 * The bounds of custom monsters as the schema's descriptions state them, built from the domain's
 * limits so the contract can never promise other numbers than the rules enforce.
 */
export const MONSTER_BOUNDS = Object.freeze({
  name: `1 to ${L.maxNameLength} printable characters`,
  life: `${L.minLife} to ${L.maxStat}`,
  stat: `${L.minStat} to ${L.maxStat}`,
  arraySize: `${L.minMonsters} to ${L.maxMonsters}`,
});
