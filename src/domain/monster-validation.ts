import { InvalidMonsterError } from "./domain-error";
import type { MonsterSpec } from "./monster";

/** Bounds on custom monsters, so that a game stays playable and a store stays small. */
export const MONSTER_LIMITS = Object.freeze({
  minMonsters: 1,
  maxMonsters: 100,
  maxNameLength: 64,
  minLife: 1,
  minStat: 0,
  maxStat: 1_000_000,
});

/** A partial change to a monster: any of its name and four stats. */
export type MonsterPatch = Partial<MonsterSpec>;

const STAT_FIELDS = ["life", "strength", "charisma", "weapon"] as const;
// Control, format, surrogate, private-use and unassigned code points cannot be printed.
const UNPRINTABLE = /\p{C}/u;

/** Whether a name is one a monster may have: 1 to 64 printable characters, not blank. */
export function isMonsterName(name: unknown): name is string {
  if (typeof name !== "string" || name.trim() === "" || UNPRINTABLE.test(name)) return false;
  const length = [...name].length;
  return length >= 1 && length <= MONSTER_LIMITS.maxNameLength;
}

function checkName(name: unknown, field: string): void {
  if (typeof name !== "string") throw new InvalidMonsterError(field, `${field} must be a string.`);
  const length = [...name].length;
  if (length < 1 || length > MONSTER_LIMITS.maxNameLength || name.trim() === "") {
    throw new InvalidMonsterError(
      field,
      `${field} must be 1 to ${MONSTER_LIMITS.maxNameLength} printable characters, not blank (got ${length}).`,
    );
  }
  if (UNPRINTABLE.test(name)) {
    throw new InvalidMonsterError(field, `${field} must contain only printable characters.`);
  }
}

function checkStat(stat: (typeof STAT_FIELDS)[number], value: unknown, field: string): void {
  const min = stat === "life" ? MONSTER_LIMITS.minLife : MONSTER_LIMITS.minStat;
  if (
    typeof value !== "number" ||
    !Number.isInteger(value) ||
    value < min ||
    value > MONSTER_LIMITS.maxStat
  ) {
    throw new InvalidMonsterError(
      field,
      `${field} must be a whole number from ${min} to ${MONSTER_LIMITS.maxStat} (got ${String(value)}).`,
    );
  }
}

/**
 * Checks a custom array before a game starts from it.
 * @throws InvalidMonsterError naming the first monster and field at fault.
 */
export function validateMonsters(monsters: readonly MonsterSpec[]): void {
  if (
    monsters.length < MONSTER_LIMITS.minMonsters ||
    monsters.length > MONSTER_LIMITS.maxMonsters
  ) {
    throw new InvalidMonsterError(
      "monsters",
      `monsters must hold ${MONSTER_LIMITS.minMonsters} to ${MONSTER_LIMITS.maxMonsters} monsters (got ${monsters.length}).`,
    );
  }
  monsters.forEach((monster, i) => {
    checkName(monster.name, `monsters[${i}].name`);
    for (const stat of STAT_FIELDS) checkStat(stat, monster[stat], `monsters[${i}].${stat}`);
  });
}

/**
 * Checks a patch to a monster: at least one field, each within the bounds of a custom monster.
 * @throws InvalidMonsterError naming the field at fault.
 */
export function validateMonsterPatch(patch: MonsterPatch): void {
  for (const key of Object.keys(patch)) {
    if (key !== "name" && !(STAT_FIELDS as readonly string[]).includes(key)) {
      throw new InvalidMonsterError(
        `patch.${key}`,
        `patch.${key} is not a monster field (name, life, strength, charisma, weapon).`,
      );
    }
  }
  const given = Object.entries(patch).filter(([, v]) => v !== undefined && v !== null);
  if (given.length === 0) {
    throw new InvalidMonsterError(
      "patch",
      "patch must change at least one of name, life, strength, charisma, weapon.",
    );
  }
  if (patch.name !== undefined && patch.name !== null) checkName(patch.name, "patch.name");
  for (const stat of STAT_FIELDS) {
    const value = patch[stat];
    if (value !== undefined && value !== null) checkStat(stat, value, `patch.${stat}`);
  }
}
