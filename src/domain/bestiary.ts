import type { MonsterSpec } from "./monster";

/** The original six of Dwemthy's Array, in order: the default array of a new game. */
export const BESTIARY: readonly Readonly<MonsterSpec>[] = Object.freeze(
  [
    { name: "IndustrialRaverMonkey", life: 46, strength: 35, charisma: 91, weapon: 2 },
    { name: "DwarvenAngel", life: 540, strength: 6, charisma: 144, weapon: 50 },
    {
      name: "AssistantViceTentacleAndOmbudsman",
      life: 320,
      strength: 6,
      charisma: 144,
      weapon: 50,
    },
    { name: "TeethDeer", life: 655, strength: 192, charisma: 19, weapon: 109 },
    { name: "IntrepidDecomposedCyclist", life: 901, strength: 560, charisma: 422, weapon: 105 },
    { name: "Dragon", life: 1340, strength: 451, charisma: 1020, weapon: 939 },
  ].map((m) => Object.freeze(m)),
);
