// Phases and gates: a new programme lead starts phase 1, is refused closing its gate while criteria
// are open, ticks the manual ones and approves mission and vision (the computed one), closes the gate (phase 2 becomes active, also on the overview), reopens
// phase 1 (a reason is required), and finds it all in the audit log. A viewer sees no controls and
// a viewer's POST is refused.
import { expect, test, type Page } from "@playwright/test";
import { BASE_URL } from "../../playwright.config";
import { checkPage, createMunicipality, DEMO, DEMO_CODE, fieldError, signIn, signUpVerifiedUser, visit } from "./support/app";

const CODE = "GM0153";
const PHASE_1 = "Fase 1: Bewustwording en strategische focus";
const PHASE_2 = "Fase 2: KPI's bepalen";
const CRITERIA_1 = [
  "Missie en visie vastgesteld",
  "Volwassenheidsscan afgenomen",
  "Strategische doelen en kritieke succesfactoren vastgelegd voor de gekozen aandachtsgebieden",
  "Transitievragen beantwoord",
];

function statusOf(page: Page) {
  return page.locator("dl.koers-facts dt", { hasText: "Status" }).locator("xpath=following-sibling::dd[1]");
}

function timelineItem(page: Page, heading: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("link", { name: heading }) });
}

test("a lead starts phase 1, closes its gate and reopens it", async ({ page }) => {
  await signUpVerifiedUser(page, "fenna", "Fenna Faseleider");
  await createMunicipality(page, "Enschede", CODE);

  await visit(page, `/g/${CODE}/fase/1`);
  await expect(page.getByRole("heading", { level: 1, name: PHASE_1 })).toBeVisible();
  await expect(statusOf(page)).toHaveText("Niet gestart");
  // "Missie en visie vastgesteld" is computed from the documents; the others are ticked by hand for now.
  await expect(page.getByText("Wordt automatisch berekend.", { exact: true })).toHaveCount(1);
  await expect(page.getByText(/wordt automatisch berekend zodra .* er is; tot dan handmatig/i).first()).toBeVisible();

  await page.getByRole("button", { name: "Fase starten" }).click();
  await expect(page.getByRole("status")).toContainText("Fase 1 is gestart.");
  await expect(statusOf(page)).toHaveText("Actief");
  await checkPage(page);

  // Closing the gate with open criteria is refused, naming what is still open.
  await page.getByRole("button", { name: "Fasepoort sluiten" }).click();
  const refusal = page.getByRole("alert");
  await expect(refusal).toContainText("De fasepoort kan nog niet gesloten worden");
  for (const label of CRITERIA_1) await expect(refusal).toContainText(label);
  await expect(statusOf(page)).toHaveText("Actief");
  await checkPage(page);

  // A custom criterion can be added and removed again.
  await page.getByLabel("Omschrijving van het criterium").fill("Stuurgroep geïnformeerd");
  await page.getByRole("button", { name: "Criterium toevoegen" }).click();
  await expect(page.getByRole("status")).toContainText("Criterium toegevoegd: Stuurgroep geïnformeerd.");
  await expect(page.getByText("0 van 5 criteria behaald")).toBeVisible();
  await page.getByRole("button", { name: /^Verwijderen\s*: Stuurgroep geïnformeerd$/ }).click();
  await expect(page.getByRole("status")).toContainText("Criterium verwijderd: Stuurgroep geïnformeerd.");
  await expect(page.getByText("0 van 4 criteria behaald")).toBeVisible();

  const [computed, ...manual] = CRITERIA_1;
  await expect(page.getByLabel(computed!, { exact: true })).toHaveCount(0);
  for (const [index, label] of manual.entries()) {
    await page.getByLabel(label, { exact: true }).check();
    await expect(page.getByRole("status")).toContainText(`Criterium afgevinkt: ${label}.`);
    await expect(page.getByText(`${index + 1} van 4 criteria behaald`)).toBeVisible();
  }
  await expect(page.getByText(/Afgevinkt door Fenna Faseleider/).first()).toBeVisible();
  await checkPage(page);

  // Approving the mission and the vision meets the computed criterion.
  for (const title of ["Missie", "Visie"]) {
    await page.getByRole("link", { name: title, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await page.getByText("Vaststellen", { exact: true }).click();
    await page.getByRole("button", { name: "Document vaststellen" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Het document is vastgesteld." })).toBeVisible();
    await visit(page, `/g/${CODE}/fase/1`);
  }
  await expect(page.getByText("4 van 4 criteria behaald")).toBeVisible();

  await page.getByRole("button", { name: "Fasepoort sluiten" }).click();
  await expect(page.getByRole("status")).toContainText("De fasepoort van fase 1 is gesloten.");
  await expect(statusOf(page)).toHaveText("Afgerond");
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await checkPage(page);

  await visit(page, `/g/${CODE}`);
  await expect(timelineItem(page, PHASE_1)).toContainText("Afgerond");
  await expect(timelineItem(page, PHASE_1)).toContainText("4 van 4 criteria");
  await expect(timelineItem(page, PHASE_2)).toContainText("Actief");
  await expect(timelineItem(page, PHASE_2)).toContainText("0 van 3 criteria");
  const open = page.getByRole("link", { name: /Open criteria in de fasepoort van fase 2/ });
  await expect(open).toContainText("3");
  await expect(open).toHaveAttribute("href", `/g/${CODE}/fase/2`);
  const overdue = page.getByRole("link", { name: /Taken te laat/ });
  await expect(overdue).toContainText("0");
  await expect(overdue).toHaveAttribute("href", `/g/${CODE}/fase/2/bord?telaat=1`);

  // Reopening needs a reason.
  await visit(page, `/g/${CODE}/fase/1`);
  await page.getByRole("button", { name: "Fase heropenen" }).click();
  await expect(fieldError(page, "Reden voor heropenen")).toContainText("Geef een reden op van minimaal 3 tekens.");
  await expect(statusOf(page)).toHaveText("Afgerond");
  await checkPage(page);
  await page.getByLabel("Reden voor heropenen").fill("De raad wil de visie nog eens bespreken");
  await page.getByRole("button", { name: "Fase heropenen" }).click();
  await expect(page.getByRole("status")).toContainText("Fase 1 is heropend.");
  await expect(statusOf(page)).toHaveText("Actief");
  await checkPage(page);

  await visit(page, `/g/${CODE}/fase/2`);
  await expect(page.getByRole("heading", { level: 1, name: PHASE_2 })).toBeVisible();
  await expect(statusOf(page)).toHaveText("Niet gestart");

  await visit(page, `/g/${CODE}/logboek`);
  const log = page.locator("main");
  for (const action of ["fase gestart", "criterium afgevinkt", "document vastgesteld", "criterium toegevoegd", "criterium verwijderd", "fasepoort gesloten", "fase heropend", "fase teruggezet naar niet gestart"]) {
    await expect(log, action).toContainText(action);
  }
});

test("a viewer sees a phase read-only and cannot change it", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await visit(page, `/g/${DEMO_CODE}/fase/1`);
  await expect(page.getByRole("heading", { level: 1, name: PHASE_1 })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Fasepoort" })).toBeVisible();
  await expect(page.getByText("Missie en visie vastgesteld")).toBeVisible();
  await expect(page.getByText(/Alleen programmaleiders kunnen/)).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.locator("main").getByRole("button")).toHaveCount(0);

  for (const intent of ["startPhase", "closeGate", "addCriterion"]) {
    const response = await page.request.post(`/g/${DEMO_CODE}/fase/1`, { form: { intent, label: "Niet toegestaan" }, headers: { Origin: BASE_URL }, maxRedirects: 0 });
    expect(response.status(), intent).toBe(403);
  }
  await visit(page, `/g/${DEMO_CODE}/fase/1`);
  await expect(page.getByText("Niet toegestaan")).toHaveCount(0);
});
