// Delivery agreements in the browser, in the demo municipality: the lead drafts an agreement from a
// KPI (a missing KPI choice is refused at the field), edits a proposed field (a wrong number is
// refused at the field), and submits it for review; the department owner comments; the lead sees
// signatures refused while the comment is open, resolves it and requests signatures (the text is
// frozen with its SHA-256 and the owner is mailed). Then the whole of phase 3 in one go: the owner and
// the lead sign with their passwords, the agreement is in force, the lead delivers a file for this
// quarter and the KPI's value appears on its page. axe checks every page on the way.
import { expect, test } from "@playwright/test";
import { makePeriod } from "../../app/modules/kpis/periods";
import { checkPage, DEMO, DEMO_CODE, DEMO_PASSWORD, signIn, signOut, visit } from "./support/app";
import { waitForMail } from "./support/mail";

// The second journey goes on with the agreement the first one sent for signatures.
test.describe.configure({ mode: "serial" });

const BASE = `/g/${DEMO_CODE}/overeenkomsten`;
const KPI = "Reizigers buslijn Zeewolde–Harderwijk";
const FIELD = "reizigers_buslijn_zeewolde_harderwijk";
const COMMENT = "Kunnen we de instappers ook per maand leveren?";

test("a lead drafts an agreement from a KPI, the owner reviews it, and the lead asks for signatures", async ({ page }) => {
  test.setTimeout(240_000);
  const started = new Date();
  await signIn(page, DEMO.lead);

  // The list: the demo's agreements, and the lead's button.
  await visit(page, BASE);
  await expect(page.getByRole("heading", { level: 1, name: "Leveringsafspraken" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Leveringsafspraken" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("row", { name: /Ruimtelijke ordening/ }).first()).toContainText("Actief");
  await page.getByRole("link", { name: "Nieuwe overeenkomst" }).click();

  // New: without a KPI the field says so; then a draft proposed from the bus KPI.
  await expect(page.getByRole("heading", { level: 1, name: "Nieuwe leveringsafspraak" })).toBeVisible();
  await checkPage(page);
  await page.getByLabel("Leverende partij").selectOption({ label: "Burgerzaken" });
  await page.getByLabel("Titel (optioneel)").fill("Instappers buslijn");
  await page.getByRole("button", { name: "Concept maken" }).click();
  await expect(page.getByText("Kies minstens één KPI die deze overeenkomst voedt.")).toBeVisible();
  await page.getByRole("checkbox", { name: new RegExp(KPI) }).check();
  await page.getByRole("button", { name: "Concept maken" }).click();

  // Edit: the proposal, a field edited (a wrong number refused at the field first).
  await expect(page).toHaveURL(new RegExp(`${BASE}/[^/]+/bewerken`));
  await expect(page.getByRole("heading", { level: 1, name: /GLO-\d{4}-\d{3} versie 1 bewerken/ })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "is gemaakt uit 1 KPI('s)" })).toBeVisible();
  await expect(page.getByText("Het concept is compleet.")).toBeVisible();
  await checkPage(page);
  await page.getByText(`Veld ${FIELD} bewerken`, { exact: true }).click();
  const fieldForm = page.getByRole("form", { name: `Veld ${FIELD} bewerken` });
  await fieldForm.getByLabel("Maximum").fill("veel");
  await fieldForm.getByRole("button", { name: "Veld opslaan" }).click();
  await expect(fieldForm.locator(".utrecht-form-field-error-message").filter({ hasText: "Vul een getal in" })).toBeVisible();
  await fieldForm.getByLabel("Maximum").fill("50000");
  await fieldForm.getByLabel("Eenheid").fill("instappers");
  await fieldForm.getByRole("button", { name: "Veld opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Opgeslagen." })).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(FIELD) });
  await expect(row).toContainText("maximaal 50000");
  await expect(row).toContainText("instappers");
  await checkPage(page);

  // Submit for review from the agreement's page.
  await page.getByRole("link", { name: "Terug naar de overeenkomst" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /GLO-\d{4}-\d{3} · Instappers buslijn/ })).toBeVisible();
  const agreementUrl = new URL(page.url()).pathname;
  await checkPage(page);
  await page.getByRole("button", { name: "Ter review aanbieden" }).click();
  await expect(page.getByRole("status").filter({ hasText: "De overeenkomst is ter review aangeboden." })).toBeVisible();
  await expect(page.locator(".koers-facts .koers-badge")).toHaveText("In review");
  await signOut(page);

  // The department owner of Burgerzaken comments.
  await signIn(page, DEMO.owner);
  await visit(page, agreementUrl);
  await expect(page.getByRole("button", { name: "Ter review aanbieden" })).toHaveCount(0);
  await page.getByLabel("Uw opmerking").fill(COMMENT);
  await page.getByRole("button", { name: "Opmerking plaatsen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Uw opmerking is geplaatst." })).toBeVisible();
  await expect(page.getByText(COMMENT)).toBeVisible();
  await checkPage(page);
  await signOut(page);

  // The lead: signatures refused while the comment is open; resolved; then requested.
  await signIn(page, DEMO.lead);
  await visit(page, agreementUrl);
  await expect(page.getByText("Er staat nog 1 opmerking open.")).toBeVisible();
  await page.getByRole("button", { name: "Handtekeningen aanvragen" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Er staan nog reviewopmerkingen open. Handel ze eerst af." })).toBeVisible();
  await page.getByRole("button", { name: "Afhandelen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "De opmerking is afgehandeld." })).toBeVisible();
  await page.getByRole("button", { name: "Handtekeningen aanvragen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "De tekst is bevroren en de ondertekenaars zijn gemaild." })).toBeVisible();
  await expect(page.locator(".koers-facts .koers-badge")).toHaveText("Wacht op handtekeningen");
  await expect(page.getByRole("heading", { level: 2, name: "Tekst die wordt ondertekend" })).toBeVisible();
  await expect(page.locator("p .koers-mono").filter({ hasText: /^[0-9a-f]{64}$/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Concept bewerken" })).toHaveCount(0);
  await checkPage(page);
  const mail = await waitForMail(DEMO.owner, /^Ondertekenen: GLO-\d{4}-\d{3} versie 1$/, { after: started });
  expect(mail.text).toContain("Instappers buslijn");
});

/** This quarter's label in Europe/Amsterdam ("2026-Q4"): the first the new agreement covers. */
function thisQuarter(): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [y, m] = today.split("-").map(Number) as [number, number];
  return makePeriod("quarter", y, Math.floor((m - 1) / 3) + 1).label;
}

test("the signed agreement is in force and its first delivery feeds the KPI", async ({ page }) => {
  test.setTimeout(240_000);
  // The agreement the journey above sent for signatures (the newest one for Burgerzaken).
  await signIn(page, DEMO.owner);
  await visit(page, BASE);
  await page.getByRole("row", { name: /Instappers buslijn/ }).first().getByRole("link").first().click();
  const heading = page.getByRole("heading", { level: 1, name: /GLO-\d{4}-\d{3} · Instappers buslijn/ });
  await expect(heading).toBeVisible();
  const agreementUrl = new URL(page.url()).pathname;
  const reference = (await heading.textContent())!.match(/GLO-\d{4}-\d{3}/)![0];
  await page.getByRole("link", { name: "Ondertekenen", exact: true }).click();
  await expect(page.getByText("U ondertekent als: Afdelingseigenaar (leverende partij)")).toBeVisible();
  await page.getByLabel("Ik heb de tekst gelezen en onderteken deze versie").check();
  await page.getByLabel("Uw wachtwoord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Ondertekenen", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Uw handtekening is vastgelegd." })).toBeVisible();
  await signOut(page);

  await signIn(page, DEMO.lead);
  await visit(page, `${agreementUrl}/ondertekenen`);
  await page.getByLabel("Ik heb de tekst gelezen en onderteken deze versie").check();
  await page.getByLabel("Uw wachtwoord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Ondertekenen", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Beide partijen hebben getekend: versie 1 is nu actief." })).toBeVisible();
  await visit(page, agreementUrl);
  await expect(page.locator(".koers-facts .koers-badge")).toHaveText("Actief");
  await checkPage(page);

  // The first delivery: this quarter's number of passengers so far, as a Dutch Excel export would write it.
  const period = thisQuarter();
  await visit(page, `/g/${DEMO_CODE}/leveringen`);
  const target = page.getByLabel("Overeenkomst en dataset");
  const option = target.locator("option", { hasText: reference }).filter({ hasText: "KPI-waarden" });
  await target.selectOption((await option.getAttribute("value"))!);
  await page.getByLabel("Periode", { exact: true }).fill(period);
  await page.getByLabel("Bestand (CSV of XLSX)").setInputFiles({ name: "instappers.csv", mimeType: "text/csv", buffer: Buffer.from(`periode;${FIELD}\r\n${period};43210\r\n`, "utf8") });
  await page.getByRole("button", { name: "Aanleveren" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Geaccepteerd" })).toHaveText("Geaccepteerd: 1 rijen opgeslagen.");
  const values = page.getByRole("region", { name: "KPI-waarden uit deze levering" });
  await expect(values.getByRole("row").filter({ hasText: KPI })).toContainText(/43[.\s\u202f]?210/);
  await checkPage(page);
  await values.getByRole("link", { name: KPI }).click();
  await expect(page.getByRole("heading", { level: 1, name: KPI })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: period }).first()).toContainText(/43[.\s\u202f]?210/);
  await checkPage(page);
});
