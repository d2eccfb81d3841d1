// The maturity quickscan, end to end in the demo municipality: the lead creates a round (a missing
// name refused), invites three colleagues each for a department, and opens it. Each respondent
// follows the link in their invitation mail; one saves halfway, is refused a premature "Versturen",
// comes back later through "Uw uitnodigingen" and submits; the others answer in one go. The lead
// sees the response rate but no results while the round is open; once closed, the radar chart (server-rendered SVG with the dimension names, saved as a
// screenshot) with the same numbers in a table. A second
// submit is impossible: the answers show read-only. The third respondent answers with JavaScript
// off. Every page is checked with axe.
import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { checkPage, DEMO, DEMO_CODE, DEMO_PASSWORD, fieldError, signIn, visit } from "./support/app";
import { linkFrom, waitForMail } from "./support/mail";

const BASE = `/g/${DEMO_CODE}/quickscan`;
const TOTAL = 28;

async function newSession(browser: Browser, email: string, path?: string, javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  if (javaScriptEnabled) {
    await signIn(page, email, undefined, path ? { path } : {});
  } else {
    // axe needs scripts in the page: without JavaScript, sign in with the same form, unchecked.
    await page.goto(path ?? "/inloggen");
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Inloggen", exact: true }).click();
    await expect(page).not.toHaveURL(/\/inloggen(\?|$)/);
  }
  return { context, page };
}

/** Picks, for statements from..to (0-based, in page order), the option produced by `label(i)`. */
async function answer(page: Page, from: number, to: number, label: (i: number) => string) {
  const statements = page.locator("fieldset.koers-qs-statement");
  await expect(statements).toHaveCount(TOTAL);
  for (let i = from; i < to; i++) await statements.nth(i).getByRole("radio", { name: label(i), exact: true }).check();
}

/** The invitation mail for the round: its link leads (through sign-in) to the questionnaire. */
async function followInvitation(browser: Browser, email: string, round: string, javaScriptEnabled = true) {
  const mail = await waitForMail(email, `Vul de quickscan “${round}” in`);
  const link = linkFrom(mail, `${BASE}/`);
  expect(new URL(link).pathname).toMatch(new RegExp(`^${BASE}/[0-9a-f-]{36}/invullen$`));
  const session = await newSession(browser, email, new URL(link).pathname, javaScriptEnabled);
  await expect(session.page).toHaveURL(new RegExp(`${BASE}/[0-9a-f-]{36}/invullen$`));
  await expect(session.page.getByRole("heading", { level: 1, name: `Quickscan: ${round}` })).toBeVisible();
  return session;
}

async function answerAllAndSubmit(page: Page, label: (i: number) => string, live = true) {
  await answer(page, 0, TOTAL, label);
  // The count follows the choices as they are made (with JavaScript; without, it counts what was saved).
  if (live) await expect(page.getByText(`${TOTAL} van ${TOTAL} beantwoord`)).toBeVisible();
  await page.getByRole("button", { name: "Versturen" }).click();
  await expect(page.getByRole("status")).toHaveText("Bedankt! Uw antwoorden zijn verstuurd.");
  await expect(page.getByRole("button", { name: "Versturen" })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Uw antwoorden bij Strategie en publieke waarde" })).toBeVisible();
}

test("a lead runs a quickscan round; three colleagues answer; the lead sees the radar", async ({ browser }) => {
  // Four people, 84 answers and a dozen axe runs: slow on a shared 2-core machine.
  test.setTimeout(600_000);
  const round = `Nulmeting ${crypto.randomBytes(3).toString("hex")}`;
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

  // The lead creates the round.
  const lead = await newSession(browser, DEMO.lead);
  const nav = lead.page.getByRole("navigation", { name: "Hoofdmenu" });
  await nav.getByRole("link", { name: "Quickscan" }).click();
  await expect(lead.page.getByRole("heading", { level: 1, name: "Quickscan datagedreven werken" })).toBeVisible();
  await checkPage(lead.page);
  await lead.page.getByRole("button", { name: "Ronde aanmaken" }).click();
  await expect(fieldError(lead.page, "Naam van de ronde")).toHaveText("Vul een naam voor de ronde in.");
  await lead.page.getByLabel("Naam van de ronde").fill(round);
  await lead.page.getByLabel("Invullen vóór (optioneel)").fill(due);
  await lead.page.getByRole("button", { name: "Ronde aanmaken" }).click();
  await expect(lead.page).toHaveURL(new RegExp(`${BASE}/[0-9a-f-]{36}$`));
  const roundPath = new URL(lead.page.url()).pathname;
  await expect(lead.page.getByRole("heading", { level: 1, name: round })).toBeVisible();
  await expect(lead.page.getByText("Concept", { exact: true })).toBeVisible();
  await checkPage(lead.page);

  // Nobody chosen: refused. Then three colleagues, each for a department.
  await lead.page.getByRole("button", { name: "Uitnodigen", exact: true }).click();
  await expect(lead.page.getByText("Kies minstens één lid om uit te nodigen.")).toBeVisible();
  await lead.page.getByRole("checkbox", { name: /Jan de Vries/ }).check();
  await lead.page.getByRole("checkbox", { name: /Sanne Jansen/ }).check();
  await lead.page.getByRole("checkbox", { name: /Pieter Bakker/ }).check();
  await lead.page.getByLabel("Afdeling van Jan de Vries").selectOption({ label: "Burgerzaken" });
  await lead.page.getByLabel("Afdeling van Sanne Jansen").selectOption({ label: "Sociaal domein" });
  await lead.page.getByLabel("Afdeling van Pieter Bakker").selectOption({ label: "Sociaal domein" });
  await lead.page.getByRole("button", { name: "Uitnodigen", exact: true }).click();
  await expect(lead.page.getByRole("status")).toHaveText("3 respondenten uitgenodigd.");
  const respondents = lead.page.getByRole("table", { name: "Uitgenodigde respondenten en hun voortgang" });
  await expect(respondents.getByRole("row", { name: /Jan de Vries/ })).toContainText("Burgerzaken");
  await expect(respondents.getByRole("row", { name: /Sanne Jansen/ })).toContainText("Sociaal domein");
  await expect(respondents.getByRole("row")).toHaveCount(4);
  // The viewer cannot answer, so she is not offered.
  await expect(lead.page.getByRole("checkbox", { name: /Ingrid Visser/ })).toHaveCount(0);
  await checkPage(lead.page);

  // Open the round (confirmed): the invitations go out.
  await lead.page.getByText("Ronde openen", { exact: true }).click();
  await lead.page.getByRole("button", { name: "Ja, open de ronde en verstuur de uitnodigingen" }).click();
  await expect(lead.page.getByRole("status")).toHaveText("De ronde is geopend. 3 uitnodigingen worden verstuurd.");
  await expect(lead.page.getByText("Open", { exact: true })).toBeVisible();
  await expect(lead.page.getByText("Respons: 0 van 3 uitgenodigden hebben ingeleverd (0%).")).toBeVisible();
  await checkPage(lead.page);

  // Respondent 1 (Jan) follows the mail, answers 12 statements, saves, tries to submit too early.
  const jan = await followInvitation(browser, DEMO.owner, round);
  await expect(jan.page.getByText(`0 van ${TOTAL} beantwoord`)).toBeVisible();
  await checkPage(jan.page);
  await answer(jan.page, 0, 12, (i) => (i % 4 === 3 ? "Weet niet" : "4 – Grotendeels"));
  await expect(jan.page.getByText(`12 van ${TOTAL} beantwoord`)).toBeVisible();
  await jan.page.getByRole("button", { name: "Opslaan en later verder" }).click();
  await expect(jan.page.getByRole("status")).toHaveText(`Uw antwoorden zijn opgeslagen: 12 van ${TOTAL} beantwoord. U kunt later verder gaan.`);
  await jan.page.getByRole("button", { name: "Versturen" }).click();
  await expect(jan.page.getByText("Kies bij deze stelling een score of ‘Weet niet’.")).toHaveCount(TOTAL - 12);
  await checkPage(jan.page);
  await jan.context.close();

  // Respondent 2 (Sanne) answers everything in one go.
  const sanne = await followInvitation(browser, DEMO.staff, round);
  await answerAllAndSubmit(sanne.page, (i) => (i % 2 === 0 ? "2 – Nauwelijks" : "3 – Deels"));
  await sanne.context.close();

  // Jan comes back later through his invitations and finds his saved answers.
  const janAgain = await newSession(browser, DEMO.owner);
  await visit(janAgain.page, BASE);
  const mine = janAgain.page.getByRole("table", { name: "Rondes waarvoor u bent uitgenodigd" });
  await expect(mine.getByRole("row", { name: new RegExp(round) })).toContainText("Bezig");
  await mine.getByRole("link", { name: `Verder invullen: ${round}` }).click();
  await expect(janAgain.page.getByText(`12 van ${TOTAL} beantwoord`)).toBeVisible();
  const first = janAgain.page.locator("fieldset.koers-qs-statement").first();
  await expect(first.getByRole("radio", { name: "4 – Grotendeels" })).toBeChecked();
  await expect(janAgain.page.locator("fieldset.koers-qs-statement").nth(3).getByRole("radio", { name: "Weet niet" })).toBeChecked();

  // Two responses: the lead sees the response rate, but no results yet.
  await lead.page.goto(roundPath);
  await expect(lead.page.getByText("Respons: 1 van 3 uitgenodigden hebben ingeleverd (33%).")).toBeVisible();
  await expect(lead.page.getByText(/De resultaten verschijnen zodra de ronde gesloten is/)).toBeVisible();

  await answer(janAgain.page, 12, TOTAL, () => "5 – Volledig van toepassing");
  await janAgain.page.getByRole("button", { name: "Versturen" }).click();
  await expect(janAgain.page.getByRole("status")).toHaveText("Bedankt! Uw antwoorden zijn verstuurd.");
  await expect(janAgain.page.getByRole("table", { name: "Uw antwoorden bij Strategie en publieke waarde" }).getByRole("row").nth(1)).toContainText("4 – Grotendeels");
  await checkPage(janAgain.page);
  await janAgain.context.close();

  await lead.page.reload();
  await expect(lead.page.getByText(/De resultaten verschijnen zodra de ronde gesloten is/)).toBeVisible();
  await expect(lead.page.locator("figure")).toHaveCount(0);
  await expect(lead.page.getByRole("table", { name: "Resultaat per dimensie" })).toHaveCount(0);

  // Respondent 3 (Pieter) answers without JavaScript: the form works all the same. Three responses: results appear.
  const pieter = await followInvitation(browser, DEMO.trainer, round, false);
  await answerAllAndSubmit(pieter.page, () => "3 – Deels", false);
  await pieter.context.close();

  await lead.page.reload();
  await expect(lead.page.getByText("Respons: 3 van 3 uitgenodigden hebben ingeleverd (100%).")).toBeVisible();
  // Enough responses, but while the round is open no means: one more response would give itself away.
  await expect(lead.page.getByText(/De resultaten verschijnen zodra de ronde gesloten is/)).toBeVisible();
  await expect(lead.page.locator("figure")).toHaveCount(0);

  // Close the round: now the results appear.
  await lead.page.getByText("Ronde sluiten", { exact: true }).click();
  await lead.page.getByRole("button", { name: "Ja, sluit de ronde" }).click();
  await expect(lead.page.getByRole("status")).toHaveText("De ronde is gesloten. Er kan niet meer worden geantwoord.");
  const figure = lead.page.getByRole("img", { name: `Gemiddelde score per dimensie (schaal 1–5) in ${round}` });
  await expect(figure).toBeVisible();
  const svgText = await figure.locator("svg").textContent();
  for (const name of ["Strategie en", "publieke waarde", "Kennis van", "Data en ICT", round]) expect(svgText).toContain(name);
  const table = lead.page.getByRole("table", { name: "Resultaat per dimensie" });
  // Strategie en publieke waarde: Jan 4,4,4,weet niet; Sanne 2,3,2,3; Pieter 3,3,3,3 → 34 / 11.
  const strategy = table.getByRole("row", { name: /Strategie en publieke waarde/ });
  await expect(strategy).toContainText("3,09");
  await expect(strategy).toContainText("Verbreden door leren");
  await expect(table.getByRole("row", { name: /Data en ICT/ })).toContainText("3,50");
  // The demo's closed baseline round is the one compared with (its mean for this dimension: 39 / 16).
  await expect(strategy).toContainText("2,44");
  expect(svgText).toContain("Nulmeting 2026");
  // Sociaal domein has 2, Burgerzaken 1: no department shown on its own.
  await expect(lead.page.getByText("Nog geen afdeling heeft 3 of meer ingeleverde antwoorden.")).toBeVisible();
  await expect(respondents.getByRole("row", { name: /Pieter Bakker/ })).toContainText("Ingeleverd op");

  fs.mkdirSync("test-results", { recursive: true });
  const shot = await figure.screenshot({ path: "test-results/quickscan-radar.png" });
  expect(shot.byteLength).toBeGreaterThan(5_000);
  const box = await figure.boundingBox();
  expect(box!.width).toBeGreaterThan(300);
  expect(box!.height).toBeGreaterThan(200);
  expect(fs.statSync("test-results/quickscan-radar.png").size).toBeGreaterThan(5_000);
  await checkPage(lead.page);

  // The list shows the round closed with its response.
  await lead.page.getByRole("link", { name: "Alle rondes" }).click();
  const rounds = lead.page.getByRole("table", { name: "Rondes van de quickscan" });
  await expect(rounds.getByRole("row", { name: new RegExp(round) })).toContainText("Gesloten");
  await expect(rounds.getByRole("row", { name: new RegExp(round) })).toContainText("3 van 3 (100%)");
  await checkPage(lead.page);
  await lead.context.close();
});
