import { MONSTER_LIMITS as L } from "../domain/monster-validation";

/**
 * The bounds of custom monsters as the schema's descriptions state them, built from the domain's
 * limits so the contract can never promise other numbers than the rules enforce.
 */
export const MONSTER_BOUNDS = Object.freeze({
  name: `1 to ${L.maxNameLength} printable characters`,
  /** What "printable" means: the domain refuses Unicode's \p{C} (see monster-validation.ts). */
  nameCharacters:
    "letters, marks, numbers, punctuation, symbols (emoji too) and spaces; no control or format characters (newlines, tabs, zero-width characters, bidirectional overrides such as U+202E), surrogates, private-use or unassigned code points",
  life: `${L.minLife} to ${L.maxStat}`,
  stat: `${L.minStat} to ${L.maxStat}`,
  arraySize: `${L.minMonsters} to ${L.maxMonsters}`,
});
