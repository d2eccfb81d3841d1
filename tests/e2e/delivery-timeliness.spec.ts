// Phase 3 timeliness in the browser: the lead of Deventer opens the phase-3 page and sees, per
// department and source, the agreements and the expected deliveries — Stadsbeheer with one quarter
// delivered late and one missing, Kadaster on time; the KPI dashboard shows each card's data health
// in words next to the traffic light; the KPI page says when, by whom and under which agreement the
// data last came in; the programme overview rolls the data health up. Every page is checked with axe.
import { expect, test } from "@playwright/test";
import { checkPage, signIn } from "./support/app";
import {
  FED_DATASET,
  FED_KPI,
  FED_REFERENCE,
  ON_TIME_KPI,
  TIMELINESS_DEPARTMENT,
  TIMELINESS_LEAD,
  TIMELINESS_MUNICIPALITY,
  TIMELINESS_SOCIAL,
  TIMELINESS_SOURCE,
  UNSIGNED_KPI,
} from "./support/timeliness-fixtures";

const BASE = `/g/${TIMELINESS_MUNICIPALITY.cbsCode}`;

test("a lead follows late and missing deliveries per department and the data health of each KPI", async ({ page }) => {
  test.slow();
  await signIn(page, TIMELINESS_LEAD.email, TIMELINESS_LEAD.password);

  await page.goto(`${BASE}/fase/3`);
  await expect(page.getByRole("heading", { level: 2, name: "Leveringen per afdeling en bron" })).toBeVisible();
  const section = page.getByRole("region", { name: "Leveringen per afdeling en bron" });
  await expect(section).toContainText("KPI's gevoed door een geldende overeenkomst2 van 3");
  const stadsbeheer = section.getByRole("region", { name: new RegExp(`^${TIMELINESS_DEPARTMENT}`) });
  await expect(stadsbeheer.getByRole("link", { name: `${FED_REFERENCE}: Meldingen openbare ruimte` })).toBeVisible();
  const problems = stadsbeheer.getByRole("table", { name: `Te late, ontbrekende en afgekeurde leveringen van ${TIMELINESS_DEPARTMENT}` });
  const lateRow = problems.getByRole("row").filter({ hasText: "Te laat" });
  await expect(lateRow).toHaveCount(1);
  await expect(lateRow.getByRole("rowheader")).toHaveText(FED_DATASET);
  await expect(lateRow.getByRole("link", { name: FED_REFERENCE })).toHaveAttribute("href", /\/overeenkomsten\//);
  await expect(problems.getByRole("row").filter({ hasText: "Ontbreekt" }).first()).toBeVisible();
  await expect(stadsbeheer.getByRole("list", { name: `Verwachte leveringen van ${TIMELINESS_DEPARTMENT} per stand` })).toContainText("Te laat 1");
  const social = section.getByRole("region", { name: new RegExp(`^${TIMELINESS_SOCIAL}`) });
  await expect(social).toContainText("Wacht op handtekeningen");
  const source = section.getByRole("region", { name: new RegExp(`^${TIMELINESS_SOURCE}`) });
  await expect(source).toContainText("Externe bron");
  await expect(source).toContainText("Geen te late of ontbrekende leveringen.");
  await checkPage(page);

  await page.goto(`${BASE}/kpis`);
  const card = (name: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name }) });
  await expect(card(FED_KPI)).toContainText("Gegevenslevering: Ontbreekt");
  await expect(card(UNSIGNED_KPI)).toContainText("Gegevenslevering: Overeenkomst nog niet getekend");
  await expect(card(ON_TIME_KPI)).toContainText("Gegevenslevering: Op tijd");
  await checkPage(page);

  await card(FED_KPI).getByRole("link", { name: `Bekijk ${FED_KPI}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: FED_KPI })).toBeVisible();
  const delivery = page.getByRole("region", { name: "Gegevenslevering" });
  await expect(delivery).toContainText("Gegevenslevering: Ontbreekt");
  await expect(delivery).toContainText(`door ${TIMELINESS_DEPARTMENT}, onder overeenkomst ${FED_REFERENCE}`);
  await expect(delivery.getByRole("link", { name: FED_REFERENCE, exact: true })).toHaveAttribute("href", /\/g\/GM0150\/overeenkomsten\/[0-9a-f-]+$/);
  await checkPage(page);

  await page.goto(BASE);
  const rollup = page.getByRole("region", { name: "Gegevenslevering van de KPI's" });
  await expect(rollup).toContainText("3 KPI's in totaal");
  const count = (state: string) => rollup.getByRole("listitem").filter({ hasText: `Gegevenslevering: ${state}` }).locator(".koers-stat");
  await expect(count("Ontbreekt")).toHaveText("1");
  await expect(count("Op tijd")).toHaveText("1");
  await expect(count("Overeenkomst nog niet getekend")).toHaveText("1");
  await checkPage(page);
});
