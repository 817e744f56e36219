import type { BattleEvent } from "../../src/domain/battle-event";
import { BESTIARY } from "../../src/domain/bestiary";
import { Game, type GameState } from "../../src/domain/game";
import type { MonsterSpec } from "../../src/domain/monster";
import type { Weapon } from "../../src/domain/weapon";
import { PureRandDiceFactory } from "../../src/infrastructure/pure-rand-dice-factory";

/** Real seeded dice, as the server uses them. */
export const diceFactory = new PureRandDiceFactory();

/** Starts a game on real seeded dice. */
export function startSeeded(
  seed: number,
  monsters: readonly MonsterSpec[] = BESTIARY,
): { game: Game; events: BattleEvent[] } {
  return Game.start({
    id: "g",
    dice: diceFactory.fromSeed(seed),
    tokenHash: "h",
    monsters,
    now: 0,
  });
}

/** Plays the weapons in order, stopping at victory; returns every event including the start. */
export function play(game: Game, weapons: readonly Weapon[]): BattleEvent[] {
  const events: BattleEvent[] = [];
  for (const weapon of weapons) {
    if (game.status === "VICTORY") break;
    events.push(...game.attack(weapon).events);
  }
  return events;
}

/** Stores and reloads a game through its plain state, as a store does between turns. */
export function reload(game: Game): Game {
  const state = structuredClone(game.toState());
  return Game.restore(state, diceFactory.restore(state.dice));
}

/** Everything a replay decides: the state without id, token, version and clock times. */
export function played(state: GameState) {
  const { rabbit, monsters, turn, status, dice } = state;
  return { rabbit, monsters, turn, status, dice };
}
