// Phases and gates: a programme lead starts phase 1, is refused closing its gate while criteria
// are open, adds, ticks and removes a criterion of her own, answers the transition questions and
// approves mission and vision (phase 1's criteria are all computed from that work), closes the gate
// (phase 2 becomes active, also on the overview), reopens phase 1 (a reason is required), and finds
// it all in the audit log. Enschede's policy map and closed quickscan round come from the e2e
// fixtures (tests/e2e/support/seed-fixtures.ts). A viewer sees no controls and a viewer's POST is refused.
import { expect, test, type Page } from "@playwright/test";
import { BASE_URL } from "../../playwright.config";
import { checkPage, DEMO, DEMO_CODE, fieldError, signIn, visit } from "./support/app";
import { PHASES_LEAD, PHASES_MUNICIPALITY, PHASES_SCAN_ROUND } from "./support/fixtures-data";

const CODE = PHASES_MUNICIPALITY.cbsCode;
const PHASE_1 = "Fase 1: Bewustwording en strategische focus";
const PHASE_2 = "Fase 2: KPI's bepalen";
const VISION = "Missie en visie vastgesteld";
const QUICKSCAN = "Volwassenheidsscan afgenomen";
const POLICY_MAPS = "Strategische doelen en kritieke succesfactoren vastgelegd voor de gekozen aandachtsgebieden";
const TRANSITION = "Transitievragen beantwoord";
const ANSWERS = [
  "Eerst De veilige stad: daar is bestuurlijke urgentie en de politiecijfers zijn op orde.",
  "Het college staat erachter; bij de teams verwachten we twijfel over afrekenen.",
  "Open over tegenvallers, leren in plaats van afrekenen.",
  "Een data-analist in huis, de rest via regionale samenwerking.",
  "Koppeling met de BAG en het zaaksysteem; eigenaarschap bij de afdelingen.",
];

function statusOf(page: Page) {
  return page.locator("dl.koers-facts dt", { hasText: "Status" }).locator("xpath=following-sibling::dd[1]");
}

function timelineItem(page: Page, heading: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("link", { name: heading }) });
}

test("a lead starts phase 1, closes its gate once its work is done, and reopens it", async ({ page }) => {
  // A long journey (many pages, each checked with axe) on a shared, sometimes slow machine.
  test.setTimeout(300_000);
  await signIn(page, PHASES_LEAD.email, PHASES_LEAD.password);

  await visit(page, `/g/${CODE}/fase/1`);
  await expect(page.getByRole("heading", { level: 1, name: PHASE_1 })).toBeVisible();
  await expect(statusOf(page)).toHaveText("Niet gestart");
  // Every criterion of phase 1 is computed from the work itself; none waits for a module.
  await expect(page.getByText("Wordt automatisch berekend.", { exact: true })).toHaveCount(4);
  await expect(page.getByText(/tot dan handmatig/i)).toHaveCount(0);
  const focus = page.getByRole("region", { name: "Strategische focus" });
  await expect(focus).toContainText("1 gekozen, waarvan 1 met een volledige beleidskaart");
  await expect(focus).toContainText(`Laatste ronde: ${PHASES_SCAN_ROUND} (gesloten). Respons: 3 van 3 ingevuld (100%).`);
  await expect(focus).toContainText("0 van 5 beantwoord");
  await expect(focus.getByRole("link", { name: "Naar aandachtsgebieden en beleidskaarten" })).toHaveAttribute("href", `/g/${CODE}/aandachtsgebieden`);
  await expect(focus.getByRole("link", { name: "Naar de quickscan" })).toHaveAttribute("href", `/g/${CODE}/quickscan`);

  await page.getByRole("button", { name: "Fase starten" }).click();
  await expect(page.getByRole("status")).toContainText("Fase 1 is gestart.");
  await expect(statusOf(page)).toHaveText("Actief");
  await checkPage(page);

  // Closing the gate with open criteria is refused, naming what is still open.
  await page.getByRole("button", { name: "Fasepoort sluiten" }).click();
  const refusal = page.getByRole("alert");
  await expect(refusal).toContainText("De fasepoort kan nog niet gesloten worden");
  for (const label of [VISION, TRANSITION]) await expect(refusal).toContainText(label);
  for (const label of [QUICKSCAN, POLICY_MAPS]) await expect(refusal).not.toContainText(label);
  await expect(statusOf(page)).toHaveText("Actief");
  await expect(page.getByText("2 van 4 criteria behaald")).toBeVisible();
  await checkPage(page);

  // A criterion of her own is added, ticked by hand and removed again.
  await page.getByLabel("Omschrijving van het criterium").fill("Stuurgroep geïnformeerd");
  await page.getByRole("button", { name: "Criterium toevoegen" }).click();
  await expect(page.getByRole("status")).toContainText("Criterium toegevoegd: Stuurgroep geïnformeerd.");
  await expect(page.getByText("2 van 5 criteria behaald")).toBeVisible();
  await page.getByLabel("Stuurgroep geïnformeerd", { exact: true }).check();
  await expect(page.getByRole("status")).toContainText("Criterium afgevinkt: Stuurgroep geïnformeerd.");
  await expect(page.getByText("3 van 5 criteria behaald")).toBeVisible();
  await expect(page.getByText(/Afgevinkt door Fenna Faseleider/).first()).toBeVisible();
  await checkPage(page);
  await page.getByRole("button", { name: /^Verwijderen\s*: Stuurgroep geïnformeerd$/ }).click();
  await expect(page.getByRole("status")).toContainText("Criterium verwijderd: Stuurgroep geïnformeerd.");
  await expect(page.getByText("2 van 4 criteria behaald")).toBeVisible();
  // Computed criteria have no box to tick.
  for (const label of [VISION, QUICKSCAN, POLICY_MAPS, TRANSITION]) await expect(page.getByLabel(label, { exact: true })).toHaveCount(0);

  // The transition questions, answered on their own page.
  await focus.getByRole("link", { name: "Naar de transitievragen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Transitievragen" })).toBeVisible();
  await checkPage(page);
  for (const [index, answer] of ANSWERS.entries()) {
    const question = page.getByRole("region", { name: new RegExp(`^${index + 1}\\. `) });
    await question.getByRole("textbox", { name: /^Antwoord van het team/ }).fill(answer);
    await question.getByRole("button", { name: /^Antwoord opslaan/ }).click();
    await expect(question.getByRole("status")).toContainText("Antwoord opgeslagen");
    await expect(page.getByText(`${index + 1} van 5 vragen beantwoord`)).toBeVisible();
  }
  await page.getByRole("link", { name: "Terug naar fase 1" }).click();
  await expect(page.getByRole("heading", { level: 1, name: PHASE_1 })).toBeVisible();
  await expect(focus).toContainText("5 van 5 beantwoord");
  await expect(page.getByText("3 van 4 criteria behaald")).toBeVisible();

  // Approving the mission and the vision meets the last criterion.
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

  // A finished phase's answers are fixed.
  await visit(page, `/g/${CODE}/fase/1/transitievragen`);
  await expect(page.getByText("Fase 1 is afgerond; de antwoorden liggen vast.")).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.locator("main")).toContainText(ANSWERS[0]!);

  await visit(page, `/g/${CODE}`);
  await expect(timelineItem(page, PHASE_1)).toContainText("Afgerond");
  await expect(timelineItem(page, PHASE_1)).toContainText("4 van 4 criteria");
  await expect(timelineItem(page, PHASE_2)).toContainText("Actief");
  // Phase 2's computed criteria read real KPIs: the fixture KPI of the dashboard journey is fully
  // defined and owned, so "all defined" and "all owned" are met; "KPI set adopted" is the lead's call.
  await expect(timelineItem(page, PHASE_2)).toContainText("2 van 3 criteria");
  const open = page.getByRole("link", { name: /Open criteria in de fasepoort van fase 2/ });
  await expect(open).toContainText("1");
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
  // Only phase 1 has the strategic focus section.
  await expect(page.getByRole("region", { name: "Strategische focus" })).toHaveCount(0);

  await visit(page, `/g/${CODE}/logboek`);
  const log = page.locator("main");
  for (const action of ["fase gestart", "criterium afgevinkt", "transitievraag beantwoord", "document vastgesteld", "criterium toegevoegd", "criterium verwijderd", "fasepoort gesloten", "fase heropend", "fase teruggezet naar niet gestart"]) {
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
