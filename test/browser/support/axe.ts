import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";

/** axe-core's own build, from the npm package: the page gets it from here, not from a CDN. */
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** What the tests keep of one axe violation: its rule, impact, and the elements it names. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  targets: string[];
}

/** The part of axe's global that runs in the page (the tests' tsconfig has no DOM library). */
declare const axe: {
  run(
    context: unknown,
    options: unknown,
  ): Promise<{
    violations: { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[];
  }>;
};
declare const document: unknown;

/**
 * Runs axe-core on the page as it is now (its default rules: WCAG A and AA and best practices)
 * and returns the violations of serious or critical impact, the ones a page must not have.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Injected on each call: a page that navigated since has lost the previous copy.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      targets: v.nodes.map((n) => n.target.map(String).join(" ")),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}
