// Deliveries in the browser: the lead of Enschede uploads a Dutch Excel export for last quarter
// under the seeded active agreement, sees it accepted with the KPI value it made, follows the link
// and finds the value on the KPI's page with its provenance; then uploads a bad file and sees every
// bad row (line, column, reason) and nothing stored. Every page is checked with axe.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { makePeriod, shiftPeriod } from "../../app/modules/kpis/periods";
import { checkPage, signIn } from "./support/app";
import { DELIVERIES_FIXTURE } from "./support/deliveries-data";
import { PHASES_LEAD, PHASES_MUNICIPALITY } from "./support/fixtures-data";

const DELIVERIES = `/g/${PHASES_MUNICIPALITY.cbsCode}/leveringen`;
const FIXTURES = path.resolve("tests/fixtures/deliveries");
const OPTION = `${DELIVERIES_FIXTURE.reference} ${DELIVERIES_FIXTURE.title} (${DELIVERIES_FIXTURE.department}) — ${DELIVERIES_FIXTURE.datasetName} (per kwartaal)`;

function quarter(steps: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [y, m] = today.split("-").map(Number) as [number, number];
  return shiftPeriod(makePeriod("quarter", y, Math.floor((m - 1) / 3) + 1), steps).label;
}

test("a lead delivers a good file (KPI value appears) and a bad one (every bad row shown)", async ({ page }) => {
  test.slow();
  await signIn(page, PHASES_LEAD.email, PHASES_LEAD.password);
  await page.goto(DELIVERIES);
  await expect(page.getByRole("heading", { level: 1, name: "Leveringen" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Leveringen" })).toBeVisible();
  await checkPage(page);

  // The period is checked at the field, the chosen dataset and file are kept in the form.
  const target = page.getByLabel("Overeenkomst en dataset");
  await target.selectOption({ label: OPTION });
  await expect(page.getByText(/Kolommen van .*: Wijk, Datum, Aantal/)).toBeVisible();
  await page.getByLabel("Periode", { exact: true }).fill("2999-Q1");
  await page.getByLabel("Bestand (CSV of XLSX)").setInputFiles(path.join(FIXTURES, "excel-nl-bom.csv"));
  await page.getByRole("button", { name: "Aanleveren" }).click();
  await expect(page.getByText("Deze periode is nog niet begonnen.")).toBeVisible();
  await checkPage(page);

  const last = quarter(-1);
  await page.getByLabel("Bestand (CSV of XLSX)").setInputFiles(path.join(FIXTURES, "excel-nl-bom.csv"));
  // Enter in the period field submits the form, as a keyboard user would.
  await page.getByLabel("Periode", { exact: true }).fill(last);
  await page.getByLabel("Periode", { exact: true }).press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: `Levering ${DELIVERIES_FIXTURE.datasetName} · ${last}` })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Geaccepteerd" })).toHaveText("Geaccepteerd: 3 rijen opgeslagen.");
  await expect(page.getByText("UTF-8, scheidingsteken “;”")).toBeVisible();
  const values = page.getByRole("region", { name: "KPI-waarden uit deze levering" });
  await expect(values.getByRole("row").filter({ hasText: DELIVERIES_FIXTURE.kpiName })).toContainText("25");
  await checkPage(page);

  await values.getByRole("link", { name: DELIVERIES_FIXTURE.kpiName }).click();
  await expect(page.getByRole("heading", { level: 1, name: DELIVERIES_FIXTURE.kpiName })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: last }).first()).toContainText("25");
  await checkPage(page);

  await page.goto(DELIVERIES);
  await page.getByLabel("Overeenkomst en dataset").selectOption({ label: OPTION });
  await page.getByLabel("Periode", { exact: true }).fill(quarter(-2));
  await page.getByLabel("Bestand (CSV of XLSX)").setInputFiles(path.join(FIXTURES, "bad-rows.csv"));
  await page.getByRole("button", { name: "Aanleveren" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Geweigerd" })).toContainText("9 fouten gevonden");
  const errors = page.getByRole("table", { name: /Fouten in het bestand/ });
  await expect(errors.getByRole("row")).toHaveCount(10);
  await expect(errors.getByRole("row").nth(1)).toContainText("3");
  await expect(errors.getByRole("row").nth(1)).toContainText("Datum");
  await expect(errors.getByRole("row").nth(1)).toContainText("Geen geldige datum");
  await expect(errors).toContainText("Dubbele rij: dezelfde waarden in Wijk, Datum als regel 2.");
  await expect(page.getByRole("link", { name: "Fouten downloaden (CSV)" })).toBeVisible();
  await checkPage(page);

  await page.getByRole("link", { name: "Terug naar de leveringen" }).click();
  const list = page.getByRole("table", { name: "Leveringen, nieuwste eerst" });
  await expect(list.getByRole("row").nth(1)).toContainText("Geweigerd");
  await expect(list.getByRole("row").nth(2)).toContainText("Geaccepteerd");
});
