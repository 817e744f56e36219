import { PureRandDiceFactory } from "../../src/infrastructure/pure-rand-dice-factory";

// Chi-square critical values at p = 0.001 for n - 1 degrees of freedom: a fixed seed keeps the
// test deterministic, and the strict level keeps it from flagging the ordinary luck of one seed.
const CRITICAL_P001: Record<number, number> = { 2: 10.83, 6: 20.52, 10: 27.88, 44: 66.62 };

describe("roll(n) on the seeded dice", () => {
  it.each([2, 6, 10, 44])("stays in 0..%i-1 and is close to uniform", (n) => {
    const dice = new PureRandDiceFactory().fromSeed(20_261_123 + n);
    const draws = 2_000 * n;
    const counts = new Array<number>(n).fill(0);
    for (let i = 0; i < draws; i++) {
      const r = dice.roll(n);
      expect(Number.isInteger(r) && r >= 0 && r < n).toBe(true);
      counts[r]! += 1;
    }
    const expected = draws / n;
    const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(CRITICAL_P001[n]!);
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });

  it("reaches both ends of a large range", () => {
    const dice = new PureRandDiceFactory().fromSeed(1);
    const draws = Array.from({ length: 20_000 }, () => dice.roll(1_000_000));
    expect(Math.max(...draws)).toBeGreaterThan(990_000);
    expect(Math.min(...draws)).toBeLessThan(10_000);
    expect(draws.every((d) => d < 1_000_000)).toBe(true);
  });
});
