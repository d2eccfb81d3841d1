// The KPI dashboard and a KPI's page in the browser: the lead of Enschede sees the fixture KPI
// (KRS-BER-03) on the dashboard without data, opens its page, enters two quarterly measurements
// with the form (Dutch decimal comma), sees the latest value, the traffic light in words, the trend
// chart figure and the measurements with their provenance; a value of 11 is refused at the field;
// the lead shares the KPI for comparison with other municipalities; back on the dashboard the card
// shows the value and the light. Every page is checked with axe.
import { expect, test, type Page } from "@playwright/test";
import { makePeriod, shiftPeriod } from "../../app/modules/kpis/periods";
import { checkPage, fieldError, signIn } from "./support/app";
import { DASHBOARD_KPI, PHASES_LEAD, PHASES_MUNICIPALITY } from "./support/fixtures-data";

const DASHBOARD = `/g/${PHASES_MUNICIPALITY.cbsCode}/kpis`;

/** The current quarter in Dutch time, and the quarters before it. */
function quarter(steps: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [y, m] = today.split("-").map(Number) as [number, number];
  return shiftPeriod(makePeriod("quarter", y, Math.floor((m - 1) / 3) + 1), steps).label;
}

async function enterMeasurement(page: Page, period: string, value: string, reason: string) {
  const form = page.getByRole("form", { name: "Meting invoeren" });
  await form.getByLabel("Periode").fill(period);
  await form.getByLabel(`Waarde (${DASHBOARD_KPI.unit})`).fill(value);
  await form.getByLabel("Reden en bron").fill(reason);
  await form.getByRole("button", { name: "Meting opslaan" }).click();
}

test("a lead enters measurements and follows a KPI on the dashboard and its page", async ({ page }) => {
  test.slow();
  await signIn(page, PHASES_LEAD.email, PHASES_LEAD.password);
  await page.goto(DASHBOARD);
  await expect(page.getByRole("heading", { level: 1, name: "KPI-dashboard" })).toBeVisible();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: DASHBOARD_KPI.name }) });
  await expect(card).toContainText("Bibliotheek: KRS-BER-03");
  await expect(card).toContainText("Nog geen metingen");
  await expect(card).not.toContainText("Definitie onvolledig");
  await expect(page.getByRole("status")).toContainText("zonder gegevens");
  await checkPage(page);

  await card.getByRole("link", { name: `Bekijk ${DASHBOARD_KPI.name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: DASHBOARD_KPI.name })).toBeVisible();
  await expect(page.getByText("Nog geen metingen.").first()).toBeVisible();
  await checkPage(page);

  const before = quarter(-2);
  const last = quarter(-1);
  await enterMeasurement(page, before, "7,1", "Uitkomst inwonerspanel");
  await expect(page.getByRole("status").filter({ hasText: "opgeslagen" })).toHaveText(`Meting voor ${before} opgeslagen: 7,1.`);
  await enterMeasurement(page, last, "6,4", "Uitkomst inwonerspanel, tweede ronde");
  await expect(page.getByRole("status").filter({ hasText: "opgeslagen" })).toHaveText(`Meting voor ${last} opgeslagen: 6,4.`);

  const status = page.getByRole("region", { name: "Stand" });
  await expect(status).toContainText(`Laatste meting: 6,4 ${DASHBOARD_KPI.unit} (${last})`);
  await expect(status).toContainText("Stoplicht: Rood (slechter dan de norm)");
  await expect(page.getByRole("figure", { name: /Verloop van/ })).toBeVisible();
  await expect(page.getByText("Te weinig gegevens voor een prognose (minimaal 4 metingen).")).toBeVisible();
  const table = page.getByRole("table", { name: new RegExp(`Alle metingen van`) });
  const lastRow = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: last }) });
  await expect(lastRow).toContainText("6,4");
  await expect(lastRow).toContainText(`Handmatig ingevoerd door ${PHASES_LEAD.name} op`);
  await expect(lastRow).toContainText("Uitkomst inwonerspanel, tweede ronde");
  await checkPage(page);

  // A report mark of 11 is refused, with the error at the value field.
  await enterMeasurement(page, quarter(-3), "11", "Tikfout");
  await expect(fieldError(page, `Waarde (${DASHBOARD_KPI.unit})`)).toHaveText("Een rapportcijfer ligt tussen 1 en 10.");
  await expect(table.getByRole("row")).toHaveCount(3);
  await checkPage(page);

  // Comparing with other municipalities is opt-in by the lead; once shared, the comparison table
  // shows the own values (no other municipality shares this KPI in the fixtures).
  const compare = page.getByRole("region", { name: "Vergelijken met andere gemeenten" });
  await expect(compare).toContainText("Deze gemeente deelt deze KPI niet");
  await compare.getByLabel(/Deel de waarden van deze KPI/).check();
  await compare.getByRole("button", { name: "Instelling opslaan" }).click();
  await expect(compare).toContainText("De instelling voor vergelijken is opgeslagen.");
  await expect(compare).toContainText("U deelt deze KPI anoniem.");
  const comparison = compare.getByRole("table", { name: /Vergelijking per periode/ });
  await expect(comparison.getByRole("row").filter({ has: page.getByRole("rowheader", { name: last }) })).toContainText("6,4");
  await checkPage(page);

  await page.getByRole("link", { name: "Terug naar het KPI-dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "KPI-dashboard" })).toBeVisible();
  await expect(card).toContainText("6,4");
  await expect(card).toContainText(`(${last})`);
  await expect(card).toContainText("Stoplicht: Rood");
  await expect(card).toContainText("2 metingen, van 7,1 naar 6,4.");
  await checkPage(page);
});
