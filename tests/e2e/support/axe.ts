// Accessibility check for every page a journey visits: WCAG 2.1 A and AA rules of axe-core.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export async function expectNoA11yViolations(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const report = results.violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `      - ${n.target.join(" ")}\n        ${n.failureSummary?.replace(/\n/g, "\n        ") ?? ""}\n        ${n.html.slice(0, 200)}`)
        .join("\n");
      const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : "";
      return `  [${v.impact ?? "?"}] ${v.id}: ${v.help} (${v.nodes.length}×)\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join("\n");
  expect(results.violations.map((v) => v.id), `Accessibility violations on ${page.url()}:\n${report}`).toEqual([]);
}
