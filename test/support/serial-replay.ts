import type { BattleEvent } from "../../src/domain/battle-event";
import type { GameService } from "../../src/domain/game-service";
import type { MonsterSpec } from "../../src/domain/monster";
import type { Weapon } from "../../src/domain/weapon";
import { play, startSeeded } from "./play";

/**
 * A monster that never hits back (strength and weapon 0) and never powers up, with a million life:
 * the rabbit never dies, so every turn names its weapon in a RabbitHitMonster event.
 */
export const PUNCHING_BAG: readonly MonsterSpec[] = [
  { name: "Bag", life: 1_000_000, strength: 0, charisma: 0, weapon: 0 },
];

/** The weapon each turn of a log was played with, in turn order (turn 0, the start, has none). */
function weaponsOf(log: readonly BattleEvent[]): Weapon[] {
  return log.flatMap((e) => (e.type === "RabbitHitMonster" ? [e.weapon] : []));
}

/**
 * Two instances (each its own service, cache included) fire `perInstance` attacks each at one
 * game at once, A with BOOMERANG and B with SWORD (give them retries enough for that many). Expects every attack applied exactly once, and
 * the log and the final state to be exactly those of a serial replay of the turns in the order
 * the store committed them: the same dice, the same events.
 */
export async function expectSerialReplayOfRacingInstances(
  a: GameService,
  b: GameService,
  perInstance: number,
): Promise<void> {
  const seed = 77;
  const { game, playerToken } = await a.startGame({ seed, monsters: PUNCHING_BAG });
  // Both instances know the game first, so each later attack starts from its own kept state.
  await a.attack(game.id, "BOOMERANG", playerToken);
  await b.attack(game.id, "SWORD", playerToken);
  const fire = (service: GameService, weapon: Weapon) =>
    Promise.all(
      Array.from({ length: perInstance }, () => service.attack(game.id, weapon, playerToken)),
    );
  await Promise.all([fire(a, "BOOMERANG"), fire(b, "SWORD")]);

  const log = await a.recentEvents(game.id, 10_000);
  const weapons = weaponsOf(log);
  expect(weapons.filter((w) => w === "BOOMERANG")).toHaveLength(perInstance + 1);
  expect(weapons.filter((w) => w === "SWORD")).toHaveLength(perInstance + 1);
  const replay = startSeeded(seed, PUNCHING_BAG);
  const replayed = [...replay.events, ...play(replay.game, weapons)];
  expect(log).toEqual(replayed);
  const stored = (await b.getGame(game.id))!;
  const expected = replay.game.toState();
  expect({ turn: stored.turn, version: stored.version, dice: stored.dice }).toEqual({
    turn: expected.turn,
    version: expected.version,
    dice: expected.dice,
  });
  expect({ rabbit: stored.rabbit, monsters: stored.monsters }).toEqual({
    rabbit: expected.rabbit,
    monsters: expected.monsters,
  });
}
