import { startGame } from "./rules/rules-support";

const OGRE = { name: "Ogre", life: 20, strength: 5, charisma: 10, weapon: 2 };
const GNAT = { name: "Gnat", life: 1, strength: 1, charisma: 1, weapon: 0 };
const SHAMAN = { name: "Shaman", life: 20, strength: 5, charisma: 20, weapon: 2 };

describe("the change a turn returns (what a store writes)", () => {
  it("a hit the monster survives: its life, the rabbit's life after the retaliation, version + 1", () => {
    // hit roll(15) = 8; Ogre's charisma roll(10) = 0; retaliation roll(7) = 3; rabbit roll(44) = 0.
    const { game } = startGame([OGRE], [8, 0, 3, 0]);
    const { change } = game.attack("BOOMERANG", 5_000);
    expect(change).toEqual({
      fromVersion: 0,
      toVersion: 1,
      removedMonsterIds: [],
      monsters: [{ id: "1", fields: { life: 12 } }],
      rabbit: { life: 7 },
    });
    expect(game.toState()).toMatchObject({ version: 1, turn: 1, updatedAt: 5_000 });
  });

  it("a kill: the dead monster is removed, the one that emerges is unchanged, a bomb is spent", () => {
    // hit roll(88) = 5; Gnat's roll(1) = 0, dies; Ogre emerges and hits roll(7) = 0; rabbit roll(44) = 0.
    const { game } = startGame([GNAT, OGRE], [5, 0, 0, 0]);
    const { change } = game.attack("BOMB");
    expect(change).toEqual({
      fromVersion: 0,
      toVersion: 1,
      removedMonsterIds: ["1"],
      monsters: [],
      rabbit: { bombs: 2 },
    });
  });

  it("lives that end where they began are not written", () => {
    // hit roll(15) = 4; Shaman's roll(20) = 16 (16 mod 9 = 7: +4 life), so 20 + 4 - 4 = 20;
    // retaliation roll(7) = 0; rabbit roll(44) = 0.
    const { game } = startGame([SHAMAN], [4, 16, 0, 0]);
    const { events, change } = game.attack("BOOMERANG");
    expect(events.map((e) => e.type)).toEqual([
      "RabbitHitMonster",
      "MagickPoweredUp",
      "MonsterHitRabbit",
    ]);
    expect(change).toMatchObject({ removedMonsterIds: [], monsters: [], rabbit: {} });
  });

  it("the last kill removes the last monster; each turn bumps the version once more", () => {
    // First turn: hit roll(15) = 0, Gnat's roll(1) = 0, Gnat hits roll(1) = 0, rabbit roll(44) = 0.
    // Second: hit roll(15) = 3, Gnat's roll(1) = 0: it dies and the array is decimated.
    const { game } = startGame([GNAT], [0, 0, 0, 0, 3, 0]);
    expect(game.attack("BOOMERANG").change).toMatchObject({ fromVersion: 0, toVersion: 1 });
    const { change } = game.attack("BOOMERANG");
    expect(change).toEqual({
      fromVersion: 1,
      toVersion: 2,
      removedMonsterIds: ["1"],
      monsters: [],
      rabbit: {},
    });
    expect(game.toState()).toMatchObject({ status: "VICTORY", version: 2, monsters: [] });
  });

  it("a monster patch: exactly the fields given, version + 1, nothing else", () => {
    const { game } = startGame([OGRE, GNAT]);
    const { monster, change } = game.updateMonster("2", { name: "Big Gnat", life: 9 }, 7_000);
    expect(monster).toEqual({ ...GNAT, id: "2", name: "Big Gnat", life: 9 });
    expect(change).toEqual({
      fromVersion: 0,
      toVersion: 1,
      removedMonsterIds: [],
      monsters: [{ id: "2", fields: { name: "Big Gnat", life: 9 } }],
      rabbit: {},
    });
    expect(game.toState()).toMatchObject({ version: 1, turn: 0, updatedAt: 7_000 });
  });
});
