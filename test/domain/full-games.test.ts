import type { BattleEvent } from "../../src/domain/battle-event";
import type { Game } from "../../src/domain/game";
import type { Weapon } from "../../src/domain/weapon";
import { reload, startSeeded } from "../support/play";

const SHORT_ARRAY = [
  { name: "Snail", life: 20, strength: 1, charisma: 10, weapon: 1 },
  { name: "GiantSlug", life: 35, strength: 3, charisma: 25, weapon: 2 },
];

/** A simple player: lettuce when weak, the boomerang otherwise. */
const policy = (game: Game): Weapon => (game.rabbit.life <= 3 ? "LETTUCE" : "BOOMERANG");

/** Plays to victory (bounded), reloading the game from its plain state after every turn. */
function playToVictory(seed: number): { turns: BattleEvent[][]; weapons: Weapon[]; game: Game } {
  const start = startSeeded(seed, SHORT_ARRAY);
  let game = start.game;
  const turns: BattleEvent[][] = [start.events];
  const weapons: Weapon[] = [];
  while (game.status !== "VICTORY" && weapons.length < 200) {
    const weapon = policy(game);
    weapons.push(weapon);
    turns.push(game.attack(weapon).events);
    game = reload(game);
  }
  return { turns, weapons, game };
}

describe("full seeded games", () => {
  it("plays a short array to victory, the same way every time", () => {
    const { turns, weapons, game } = playToVictory(1);
    const all = turns.flat();

    expect(game.status).toBe("VICTORY");
    expect(game.currentMonster).toBeUndefined();
    expect(game.turn).toBe(weapons.length);
    expect(all.at(-1)).toEqual({
      type: "ArrayDecimated",
      turn: weapons.length,
      message: "[Whoa.  You decimated Dwemthy's Array!]",
    });
    expect(all.filter((e) => e.type === "MonsterEmerged").map((e) => e.message)).toEqual([
      "[Get ready. Snail has emerged!]",
      "[Get ready. GiantSlug has emerged!]",
    ]);
    expect(
      all.filter((e) => e.type === "CreatureDied" && e.role === "MONSTER").map((e) => e.message),
    ).toEqual(["[Snail has died!]", "[GiantSlug has died!]"]);
    expect(() => game.attack("BOOMERANG").events).toThrow(
      expect.objectContaining({ code: "GAME_OVER" }),
    );

    // Another run from the same seed, without reloading, gives the very same battle.
    const again = startSeeded(1, SHORT_ARRAY);
    const replay = [again.events, ...weapons.map((w) => again.game.attack(w).events)];
    expect(replay).toEqual(turns);
  });

  it("lets the rabbit die, revives it with lettuce, and still wins", () => {
    const { turns, weapons, game } = playToVictory(65);
    const diedAt = turns.findIndex((t) =>
      t.some((e) => e.type === "CreatureDied" && e.role === "RABBIT"),
    );
    expect(diedAt).toBeGreaterThan(0);

    // While dead, a turn may find it too dead to fight; a later lettuce turn revives it and it hits.
    const tooDeadAt = turns.findIndex((t) => t.some((e) => e.type === "RabbitWasTooDeadToFight"));
    expect(tooDeadAt).toBeGreaterThan(diedAt);
    const revivedAt = turns.findIndex(
      (t, i) => i > tooDeadAt && t[0]?.type === "LettuceEaten" && t[1]?.type === "RabbitHitMonster",
    );
    expect(revivedAt).toBeGreaterThan(tooDeadAt);
    expect(weapons[revivedAt - 1]).toBe("LETTUCE");

    expect(game.status).toBe("VICTORY");
    expect(turns.flat().at(-1)?.type).toBe("ArrayDecimated");
  });
});
