/** The start form's monster fields, as MonsterInput names them. */
export type MonsterField = "name" | "life" | "strength" | "charisma" | "weapon";

/** One input of the start form: a monster's field (by 0-based row), or the seed. */
export type FieldKey = { row: number; stat: MonsterField } | "seed";

const MONSTER_FIELDS: readonly string[] = ["name", "life", "strength", "charisma", "weapon"];

/** The bounds of MonsterInput, as schema.graphql describes them, for a sentence a player reads. */
const RULES: Record<MonsterField, string> = {
  name: "must be 1 to 64 printable characters (letters, numbers, punctuation, symbols, spaces), not blank",
  life: "must be a whole number from 1 to 1000000",
  strength: "must be a whole number from 0 to 1000000",
  charisma: "must be a whole number from 0 to 1000000",
  weapon: "must be a whole number from 0 to 1000000",
};

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * The start-form input a refusal's `field` path names (["input", "monsters", "1", "life"] or
 * ["input", "seed"]); undefined for a path that names none of them.
 */
export function fieldFromPath(path: readonly string[] | null | undefined): FieldKey | undefined {
  if (!path || path[0] !== "input") return undefined;
  if (path.length === 2 && path[1] === "seed") return "seed";
  const [, list, index, stat] = path;
  if (path.length !== 4 || list !== "monsters" || !/^\d+$/.test(index ?? "")) return undefined;
  if (!MONSTER_FIELDS.includes(stat ?? "")) return undefined;
  return { row: Number(index), stat: stat as MonsterField };
}

/** What is wrong with an input, as a plain sentence: "Monster 2's life must be ...". */
export function problemSentence(field: FieldKey): string {
  if (field === "seed")
    return `The seed must be a whole number from ${INT32_MIN} to ${INT32_MAX}, or left empty.`;
  return `Monster ${field.row + 1}'s ${field.stat} ${RULES[field.stat]}.`;
}

/** Whether two keys name the same input. */
export function sameField(a: FieldKey | undefined, b: FieldKey): boolean {
  if (a === undefined) return false;
  if (a === "seed" || b === "seed") return a === b;
  return a.row === b.row && a.stat === b.stat;
}

/**
 * Text to a whole number the API's Int can carry, or undefined. Text that is not one cannot be
 * sent at all (GraphQL itself would refuse it, in its own words), so the form stops it here; the
 * bounds within that range are the server's to check.
 */
export function parseInt32(text: string): number | undefined {
  if (!/^\s*-?\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return value >= INT32_MIN && value <= INT32_MAX ? value : undefined;
}
