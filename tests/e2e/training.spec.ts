// Training (phase 4) in the browser, in Zoetermeer (tests/e2e/support/seed-training.ts): the trainer
// plans a session, invites a staff member (who gets the invitation with a calendar file), is stopped
// from double-booking herself, and logs the attendance of yesterday's session; the coverage page
// shows the change. Then the staff member who attended finds the topics ticked on her checklist.
// Every page is checked with axe, forms also with their errors shown.
import { expect, test, type Page } from "@playwright/test";
import { checkPage, fieldError, signIn, signOut, visit } from "./support/app";
import { waitForMail } from "./support/mail";
import { PAST_SESSION, TRAINING_INVITEE, TRAINING_MUNICIPALITY, TRAINING_STAFF, TRAINING_TRAINER } from "./support/training-data";

const TRAINING = `/g/${TRAINING_MUNICIPALITY.cbsCode}/training`;
const NEW_SESSION = { title: "Leveringen uploaden in de praktijk", location: "Stadhuis, zaal 3.02", startTime: "13:00", endTime: "15:00", capacity: "8", topic: "Levering uploaden" };

/** A day in Amsterdam as yyyy-mm-dd, `days` from today. */
function amsterdamDay(days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + days * 86_400_000));
}

/** The cell of the coverage table with the given caption, in the row of `group`, under the column `column`. */
async function coverageCell(page: Page, caption: string, group: string, column: string) {
  const table = page.getByRole("table", { name: caption });
  const headers = await table.getByRole("columnheader").allInnerTexts();
  const index = headers.findIndex((h) => h.trim() === column);
  expect(index, `column ${column} in ${caption}`).toBeGreaterThan(0);
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: group, exact: true }) });
  return (await row.locator("th, td").nth(index).innerText()).trim();
}

async function readCoverage(page: Page) {
  return {
    overall: (await page.getByTestId("coverage-overall").innerText()).trim(),
    dashboardAll: await coverageCell(page, "Trainingsdekking per afdeling en onderwerp", "Alle eindgebruikers", "Dashboard lezen"),
    dashboardDepartment: await coverageCell(page, "Trainingsdekking per afdeling en onderwerp", TRAINING_STAFF.department, "Dashboard lezen"),
    fullyDepartment: await coverageCell(page, "Trainingsdekking per afdeling en onderwerp", TRAINING_STAFF.department, "Volledig getraind"),
  };
}

async function fillSessionForm(page: Page, input: { title: string; date: string; startTime: string; endTime: string; location: string; capacity: string; topic: string }) {
  await page.getByLabel("Titel", { exact: true }).fill(input.title);
  await page.getByLabel("Datum", { exact: true }).fill(input.date);
  await page.getByLabel("Begintijd").fill(input.startTime);
  await page.getByLabel("Eindtijd").fill(input.endTime);
  await page.getByLabel("Locatie", { exact: true }).fill(input.location);
  await page.getByLabel("Maximaal aantal deelnemers").fill(input.capacity);
  await page.getByRole("group", { name: "Onderwerpen van de checklist" }).getByRole("checkbox", { name: input.topic, exact: true }).check();
}

test.describe.serial("training", () => {
  test("a trainer plans and invites (mail with .ics), cannot double-book, logs attendance; coverage rises", async ({ page }) => {
    test.slow();
    const date = amsterdamDay(7);
    await signIn(page, TRAINING_TRAINER.email, TRAINING_TRAINER.password);
    await visit(page, `/g/${TRAINING_MUNICIPALITY.cbsCode}`);
    await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Training en spelregels" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Training" })).toBeVisible();
    const toLog = page.getByRole("region", { name: "Nog te registreren" });
    await expect(toLog.getByRole("link", { name: PAST_SESSION.title })).toBeVisible();
    await checkPage(page);

    // The coverage before anything is logged.
    await visit(page, `${TRAINING}/dekking`);
    await expect(page.getByRole("heading", { level: 1, name: "Trainingsdekking" })).toBeVisible();
    const before = await readCoverage(page);
    expect(before.overall).toContain("0 van 4 eindgebruikers volledig getraind");
    expect(before.dashboardAll).toMatch(/^0\s?% \(0\/4\)$/);

    // Plan a session next week: the form first shows its errors (nothing filled in).
    await visit(page, TRAINING);
    await page.getByRole("link", { name: "Sessie plannen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sessie plannen" })).toBeVisible();
    await checkPage(page);
    await page.getByRole("button", { name: "Sessie opslaan" }).click();
    await expect(fieldError(page, "Titel")).toHaveText("Geef de sessie een titel.");
    await checkPage(page);
    await fillSessionForm(page, { ...NEW_SESSION, date });
    await page.getByRole("button", { name: "Sessie opslaan" }).click();
    await expect(page.getByRole("heading", { level: 1, name: NEW_SESSION.title })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "De sessie is gepland." })).toBeVisible();
    await expect(page.getByText(NEW_SESSION.location)).toBeVisible();
    await expect(page.getByText("0 van 8 plaatsen bezet")).toBeVisible();
    await checkPage(page);
    const sessionUrl = page.url();

    // Invite the second staff member: a seat, and a mail with the calendar invitation.
    const invitedAt = new Date();
    await page.getByRole("checkbox", { name: new RegExp(TRAINING_INVITEE.name) }).check();
    await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 uitnodiging verstuurd." })).toBeVisible();
    await expect(page.getByRole("table", { name: "Ingeschreven" }).getByRole("row").filter({ hasText: TRAINING_INVITEE.name })).toContainText("uitgenodigd");
    await expect(page.getByText("1 van 8 plaatsen bezet")).toBeVisible();
    await checkPage(page);
    const mail = await waitForMail(TRAINING_INVITEE.email, `Uitnodiging training: ${NEW_SESSION.title}`, { after: invitedAt });
    expect(mail.attachments).toHaveLength(1);
    const ics = Buffer.from(mail.attachments[0]!.content, "base64").toString("utf8");
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics).toContain(NEW_SESSION.title);
    expect(mail.attachments[0]!.filename).toMatch(/\.ics$/);

    // A second session at the same time with the same trainer is refused at the trainer field.
    await visit(page, `${TRAINING}/sessies/nieuw`);
    await fillSessionForm(page, { ...NEW_SESSION, date, title: "Dubbel geboekt", startTime: "14:00", endTime: "16:00", topic: "Dashboard lezen" });
    await page.getByRole("button", { name: "Sessie opslaan" }).click();
    await expect(fieldError(page, "Trainer")).toContainText(`${TRAINING_TRAINER.name} geeft dan al de sessie “${NEW_SESSION.title}”`);
    await expect(page.getByRole("combobox", { name: "Trainer", exact: true })).toHaveAttribute("aria-invalid", "true");
    await checkPage(page);

    // Log yesterday's session: the staff member was there, the three topics were covered.
    await visit(page, TRAINING);
    await page.getByRole("region", { name: "Nog te registreren" }).getByRole("link", { name: PAST_SESSION.title }).click();
    await expect(page.getByRole("heading", { level: 1, name: PAST_SESSION.title })).toBeVisible();
    await expect(page.getByText("Deze sessie is voorbij en nog niet geregistreerd.")).toBeVisible();
    await checkPage(page);
    await page.getByRole("link", { name: "Aanwezigheid registreren" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Aanwezigheid registreren: ${PAST_SESSION.title}` })).toBeVisible();
    await checkPage(page);
    await page.getByRole("group", { name: "Aanwezigen" }).getByRole("checkbox", { name: new RegExp(TRAINING_STAFF.name) }).check();
    const covered = page.getByRole("group", { name: "Behandelde onderwerpen" });
    // Someone attended but no topic is ticked: refused, with the message at the topics.
    for (const topic of PAST_SESSION.topics) await covered.getByRole("checkbox", { name: topic, exact: true }).uncheck();
    await page.getByRole("button", { name: "Registratie opslaan" }).click();
    await expect(covered).toHaveAccessibleDescription(/Kies welke onderwerpen behandeld zijn\./);
    await checkPage(page);
    await expect(page.getByRole("group", { name: "Aanwezigen" }).getByRole("checkbox", { name: new RegExp(TRAINING_STAFF.name) })).toBeChecked();
    for (const topic of PAST_SESSION.topics) await covered.getByRole("checkbox", { name: topic, exact: true }).check();
    await page.getByLabel("Notities (optioneel)").fill("Goede vragen over het stoplicht.");
    await page.getByRole("button", { name: "Registratie opslaan" }).click();
    await expect(page.getByRole("heading", { level: 1, name: PAST_SESSION.title })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "De registratie is opgeslagen" })).toHaveText("De registratie is opgeslagen: 1 aanwezig, 0 afwezig.");
    await expect(page.getByRole("table", { name: "Aanwezigheid" }).getByRole("row").filter({ hasText: TRAINING_STAFF.name })).toContainText("Aanwezig");
    await checkPage(page);

    // The coverage has risen: the staff member covered her whole checklist.
    await visit(page, `${TRAINING}/dekking`);
    const after = await readCoverage(page);
    expect(after.overall).toContain("1 van 4 eindgebruikers volledig getraind");
    expect(after.overall).not.toEqual(before.overall);
    expect(after.dashboardAll).toMatch(/^25\s?% \(1\/4\)$/);
    expect(before.dashboardDepartment).toMatch(/^0\s?% \(0\/1\)$/);
    expect(after.dashboardDepartment).toMatch(/^100\s?% \(1\/1\)$/);
    expect(before.fullyDepartment).toMatch(/\(0\/1\)$/);
    expect(after.fullyDepartment).toMatch(/\(1\/1\)$/);
    const chart = page.getByRole("img", { name: /Trainingsdekking per onderwerp/ });
    await expect(chart).toBeVisible();
    await expect(chart.locator("svg")).toHaveCount(1);

    // The other training pages.
    await visit(page, `${TRAINING}/checklists`);
    await expect(page.getByRole("heading", { level: 1, name: "Checklists per rol" })).toBeVisible();
    await visit(page, `${TRAINING}/spelregels`);
    await expect(page.getByRole("heading", { level: 1, name: "Spelregels voor het dashboard" })).toBeVisible();
    await visit(page, sessionUrl);
    await expect(page.getByRole("heading", { level: 1, name: NEW_SESSION.title })).toBeVisible();
    await signOut(page);
  });

  test("the staff member who attended sees the topics ticked on her checklist", async ({ page }) => {
    await signIn(page, TRAINING_STAFF.email, TRAINING_STAFF.password);
    await visit(page, TRAINING);
    await expect(page.getByRole("heading", { level: 1, name: "Training" })).toBeVisible();
    const checklist = page.getByRole("region", { name: "Mijn checklist" });
    await expect(checklist).toContainText("3 van 3 onderwerpen afgerond");
    const row = checklist.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Dashboard lezen/ }) });
    await expect(row).toContainText("Afgerond");
    await expect(row).toContainText(`Behandeld in “${PAST_SESSION.title}”`);
    // She does not plan sessions, and has no sessions to log.
    await expect(page.getByRole("link", { name: "Sessie plannen" })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Nog te registreren" })).toHaveCount(0);
    await checkPage(page);
    await visit(page, `${TRAINING}/checklists`);
    await expect(page.getByText("Alleen trainers en programmaleiders wijzigen de checklists.")).toBeVisible();
  });
});
