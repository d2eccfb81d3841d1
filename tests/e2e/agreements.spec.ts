// Delivery agreements in the browser, in the demo municipality: the lead drafts an agreement from a
// KPI (a missing KPI choice is refused at the field), edits a proposed field (a wrong number is
// refused at the field), and submits it for review; the department owner comments; the lead sees
// signatures refused while the comment is open, resolves it and requests signatures (the text is
// frozen with its SHA-256 and the owner is mailed). axe checks the list, new, detail and edit pages.
import { expect, test } from "@playwright/test";
import { checkPage, DEMO, DEMO_CODE, signIn, signOut, visit } from "./support/app";
import { waitForMail } from "./support/mail";

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
