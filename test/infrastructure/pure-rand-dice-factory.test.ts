import { type DomainError } from "../../src/domain/domain-error";
import { PureRandDiceFactory } from "../../src/infrastructure/pure-rand-dice-factory";

const factory = new PureRandDiceFactory();

describe("PureRandDiceFactory", () => {
  it("gives the same rolls for the same seed, and other rolls for another seed", () => {
    const a = factory.fromSeed(42);
    const b = factory.fromSeed(42);
    const c = factory.fromSeed(43);
    const rollsA = Array.from({ length: 50 }, () => a.roll(1000));
    const rollsB = Array.from({ length: 50 }, () => b.roll(1000));
    const rollsC = Array.from({ length: 50 }, () => c.roll(1000));
    expect(rollsA).toEqual(rollsB);
    expect(rollsA).not.toEqual(rollsC);
  });

  it("rolls 0 for n <= 0 without drawing", () => {
    const dice = factory.fromSeed(7);
    const before = dice.save();
    expect([dice.roll(0), dice.roll(-5)]).toEqual([0, 0]);
    expect(dice.save()).toBe(before);
  });

  it("saves the four words as 22 base64url characters", () => {
    expect(factory.fromSeed(5).save()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(() => factory.restore("AAAAAQAAAAIAAAADAAAABA")).not.toThrow();
  });

  it("continues identically after save and restore", () => {
    const dice = factory.fromSeed(2024);
    for (let i = 0; i < 17; i++) dice.roll(100);
    const restored = factory.restore(dice.save());
    const next = Array.from({ length: 30 }, () => dice.roll(1_000_000));
    const nextRestored = Array.from({ length: 30 }, () => restored.roll(1_000_000));
    expect(nextRestored).toEqual(next);
  });

  it.each([
    "",
    "xoroshiro128plus:1,2,3,4",
    "AAAAAQAAAAIAAAADAAAA", // 15 bytes
    "AAAAAQAAAAIAAAADAAAABA==", // padded
    "AAAAAQAAAAIAAAADAAAABB", // unused bits set: not the canonical form
    "AAAAAQAAAAIAAAADAAAAB+",
    "AAAAAQAAAAIAAAADAAAABAA",
  ])("refuses the state %p with CORRUPT_GAME", (state) => {
    expect(() => factory.restore(state)).toThrow(
      expect.objectContaining({ code: "CORRUPT_GAME" }) as DomainError,
    );
  });

  it("draws random seeds that are 32-bit integers", () => {
    const seeds = Array.from({ length: 100 }, () => factory.randomSeed());
    for (const s of seeds) {
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(-0x8000_0000);
      expect(s).toBeLessThanOrEqual(0x7fff_ffff);
    }
    expect(new Set(seeds).size).toBeGreaterThan(90);
  });
});
