// KPI definitions in the browser: the lead of Enschede searches the library, chooses
// "Veiligheidsgevoel inwoners" (KRS-VEI-01) for a success factor of the fixture policy map, sees it
// incomplete, defines it (owner, source, formula, a target with thresholds — a wrong threshold
// order is refused at the field), sees it complete, finds it in the tree, and retires it again (so
// the phase-2 gate of the shared fixture municipality is as the other journeys expect). Every page
// is checked with axe.
import { expect, test } from "@playwright/test";
import { checkPage, fieldError, signIn, visit } from "./support/app";
import { KPI_DEFINITION_FIXTURES, PHASES_FOCUS_AREA, PHASES_LEAD, PHASES_MUNICIPALITY } from "./support/fixtures-data";

const BASE = `/g/${PHASES_MUNICIPALITY.cbsCode}/kpis`;
const KPI = "Veiligheidsgevoel inwoners";
const YEAR = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", year: "numeric" }).format(new Date());

test("a lead chooses a KPI from the library and defines it completely", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, PHASES_LEAD.email, PHASES_LEAD.password);

  // The library: search (a GET form, so the URL can be shared).
  await visit(page, `${BASE}/bibliotheek`);
  await expect(page.getByRole("heading", { level: 1, name: "KPI-bibliotheek" })).toBeVisible();
  await expect(page.getByText("97 van 97 KPI's in de bibliotheek")).toBeVisible();
  await expect(page.getByRole("row", { name: /BBV-07/ })).toContainText("Vervallen");
  await page.getByLabel("Zoek op naam, eenheid of code").fill("veiligheidsgevoel");
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page).toHaveURL(/[?&]q=veiligheidsgevoel/);
  await expect(page.getByText("1 van 97 KPI's in de bibliotheek")).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(KPI) });
  await expect(row).toContainText("KRS-VEI-01");
  await expect(row).toContainText("Veiligheidsmonitor");
  await checkPage(page);

  // Choose it for the fixture's success factor.
  await row.getByRole("link", { name: `Kiezen: ${KPI}` }).click();
  await expect(page.getByRole("heading", { level: 2, name: `KPI kiezen: ${KPI}` })).toBeVisible();
  await page.getByLabel("Kritieke succesfactor").selectOption({ label: PHASES_FOCUS_AREA.factor });
  await checkPage(page);
  await page.getByRole("button", { name: "Kiezen en definiëren" }).click();

  // The definition page: chosen from the library, still incomplete.
  await expect(page).toHaveURL(new RegExp(`${BASE}/[^/]+/definitie$`));
  await expect(page.getByRole("heading", { level: 1, name: `Definitie van ${KPI}` })).toBeVisible();
  await expect(page.getByText("Gekozen uit de bibliotheek: KRS-VEI-01 (Koers-modelset)")).toBeVisible();
  const incomplete = page.getByRole("region", { name: "Definitie onvolledig" });
  await expect(incomplete).toBeVisible();
  for (const part of ["omschrijving", "formule of telregel", `streefwaarde voor ${YEAR}`, "eigenaar", "bron (afdeling of externe bron)"]) {
    await expect(incomplete.getByRole("link", { name: part })).toBeVisible();
  }
  await expect(page.getByRole("listitem").filter({ hasText: PHASES_FOCUS_AREA.factor })).toBeVisible();
  await checkPage(page);

  // Define it.
  const definition = page.getByRole("form", { name: "Definitie" });
  await definition.getByLabel("Omschrijving").fill("Het deel van de inwoners dat zich in de eigen buurt meestal veilig voelt.");
  await definition.getByLabel("Formule of telregel").fill("Aantal ‘meestal veilig’ / aantal respondenten × 100");
  await definition.getByLabel("Eigenaar").selectOption({ label: `${PHASES_LEAD.name} (${PHASES_LEAD.email})` });
  await definition.getByLabel("Bron", { exact: true }).selectOption({ label: KPI_DEFINITION_FIXTURES.department });
  await definition.getByRole("button", { name: "Definitie opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: `De definitie van “${KPI}” is opgeslagen.` })).toBeVisible();
  await expect(incomplete.getByRole("link")).toHaveText([`streefwaarde voor ${YEAR}`]);

  // A target with thresholds in the wrong order is refused at the field; then the right one.
  const addTarget = page.getByRole("form", { name: "Streefwaarde toevoegen" });
  await expect(addTarget.getByLabel("Jaar")).toHaveValue(YEAR);
  await addTarget.getByLabel("Streefwaarde").fill("75");
  await addTarget.getByLabel("Groen vanaf").fill("60");
  await addTarget.getByLabel("Oranje vanaf").fill("70");
  await addTarget.getByRole("button", { name: "Streefwaarde toevoegen" }).click();
  await expect(fieldError(page, "Groen vanaf")).toHaveText("Bij ‘hoger is beter’ moet de groengrens gelijk aan of hoger zijn dan de oranjegrens.");
  await expect(page.getByRole("table", { name: `Streefwaarden van ${KPI} per jaar` })).toHaveCount(0);
  await checkPage(page);
  await addTarget.getByLabel("Streefwaarde").fill("75,5");
  await addTarget.getByLabel("Groen vanaf").fill("72");
  await addTarget.getByLabel("Oranje vanaf").fill("65");
  await addTarget.getByRole("button", { name: "Streefwaarde toevoegen" }).click();
  const targets = page.getByRole("table", { name: `Streefwaarden van ${KPI} per jaar` });
  await expect(targets.getByRole("row", { name: new RegExp(`^${YEAR}`) })).toContainText("75,5");

  // Now it is complete.
  await expect(page.getByText("Deze KPI is volledig gedefinieerd.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Definitie onvolledig" })).toHaveCount(0);
  await checkPage(page);

  // The tree lists it under its success factor, as a link, and draws the interactive graph.
  await visit(page, `${BASE}/samenhang`);
  await expect(page.getByRole("heading", { level: 1, name: "Samenhang van de KPI's" })).toBeVisible();
  const list = page.locator(".koers-kpi-tree-list");
  await expect(list.getByRole("listitem").filter({ hasText: PHASES_FOCUS_AREA.factor }).getByRole("link", { name: KPI })).toBeVisible();
  await expect(page.locator(".koers-kpi-chart__canvas svg").first()).toBeVisible();
  await checkPage(page);

  // Retire it again: it leaves the tree, the library offers it again.
  await list.getByRole("link", { name: KPI }).evaluate((a) => a.getAttribute("href")).then((href) => page.goto(`${href}/definitie`));
  await page.getByRole("button", { name: "KPI intrekken" }).click();
  await expect(page.getByRole("status").filter({ hasText: `“${KPI}” is ingetrokken.` })).toBeVisible();
  await visit(page, `${BASE}/bibliotheek?q=KRS-VEI-01`);
  await expect(page.getByRole("link", { name: `Kiezen: ${KPI}` })).toBeVisible();
});
