// Two-step sign-in (TOTP): enrol on /account, then sign in with the code; a municipality can
// require it of its programme leads. Uses fresh users and municipalities only.
import { expect, test, type Page } from "@playwright/test";
import { checkPage, createMunicipality, fieldError, NEW_PASSWORD, signOut, signUpVerifiedUser, totp, visit } from "./support/app";

/** On /account: enables TOTP with the password, confirms with a computed code; returns the secret and that code. */
async function enrolTotp(page: Page, password: string): Promise<{ secret: string; usedCode: string }> {
  await expect(page.getByText("Tweestapsverificatie staat uit.")).toBeVisible();
  await page.getByLabel("Bevestig met uw wachtwoord").fill("Niet-mijn-wachtwoord-1");
  await page.getByRole("button", { name: "Tweestapsverificatie aanzetten" }).click();
  await expect(page.getByRole("alert")).toHaveText("Dit wachtwoord klopt niet.");
  await checkPage(page);

  await page.getByLabel("Bevestig met uw wachtwoord").fill(password);
  await page.getByRole("button", { name: "Tweestapsverificatie aanzetten" }).click();
  const secretBox = page.getByTestId("totp-secret");
  await expect(secretBox).toBeVisible();
  await expect(page.getByRole("img", { name: /Scan deze QR-code/ })).toBeVisible();
  await checkPage(page);
  const secret = (await secretBox.innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);

  await page.getByLabel("Verificatiecode").fill(wrongCode(secret));
  await page.getByRole("button", { name: "Activeren" }).click();
  await expect(page.getByRole("alert")).toHaveText("Deze code klopt niet. Gebruik de actuele code uit uw authenticator-app.");
  await checkPage(page);

  const usedCode = totp(secret);
  await page.getByLabel("Verificatiecode").fill(usedCode);
  await page.getByRole("button", { name: "Activeren" }).click();
  await expect(page).toHaveURL(/\/account\?melding=enabled/);
  await expect(page.getByRole("status")).toHaveText("Tweestapsverificatie is aangezet.");
  await expect(page.getByText("Tweestapsverificatie staat aan.")).toBeVisible();
  await checkPage(page);
  return { secret, usedCode };
}

/** A valid code (this or the next 30-second step: the server accepts one step either side) not used before. */
function freshCode(secret: string, used: string): string {
  const now = totp(secret);
  return now !== used ? now : totp(secret, Date.now(), 1);
}

/** A code that is valid in none of the accepted time steps. */
function wrongCode(secret: string): string {
  const valid = new Set([-1, 0, 1].map((step) => totp(secret, Date.now(), step)));
  for (let n = 123456; ; n++) if (!valid.has(String(n))) return String(n);
}

test("a lead enables TOTP and then signs in with the second step", async ({ page }) => {
  const email = await signUpVerifiedUser(page, "tom", "Tom Tweestaps");
  await createMunicipality(page, "Rotterdam", "GM0599");

  await page.getByRole("link", { name: /Mijn account/ }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: "Mijn account" })).toBeVisible();
  await checkPage(page);
  const { secret, usedCode } = await enrolTotp(page, NEW_PASSWORD);

  await signOut(page);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();

  // Second step: the code; the password alone does not sign in.
  await expect(page).toHaveURL(/\/inloggen\/tweestaps/);
  await expect(page.getByRole("heading", { level: 1, name: "Tweestapsverificatie" })).toBeVisible();
  await checkPage(page);
  const blocked = await page.request.get("/g/GM0599", { maxRedirects: 0 });
  expect(blocked.status()).toBe(302);
  expect(blocked.headers().location).toMatch(/^\/inloggen/);

  await page.getByLabel("Verificatiecode").fill("12ab");
  await page.getByRole("button", { name: "Controleren" }).click();
  await expect(fieldError(page, "Verificatiecode")).toHaveText("Vul de 6 cijfers uit uw authenticator-app in.");

  await page.getByLabel("Verificatiecode").fill(wrongCode(secret));
  await page.getByRole("button", { name: "Controleren" }).click();
  await expect(fieldError(page, "Verificatiecode")).toHaveText("Deze code klopt niet. Gebruik de actuele code uit uw authenticator-app.");
  await checkPage(page);

  // Each code works once: the one used to confirm the enrolment is refused.
  await page.getByLabel("Verificatiecode").fill(usedCode);
  await page.getByRole("button", { name: "Controleren" }).click();
  await expect(fieldError(page, "Verificatiecode")).toHaveText("Deze code klopt niet. Gebruik de actuele code uit uw authenticator-app.");

  await page.getByLabel("Verificatiecode").fill(freshCode(secret, usedCode));
  await page.getByRole("button", { name: "Controleren" }).click();
  await expect(page).toHaveURL(/\/g\/GM0599$/);
  await expect(page.getByRole("heading", { level: 1, name: "Programma-overzicht" })).toBeVisible();
  await checkPage(page);
});

test("a municipality that requires two-step sign-in sends its leads to enrol first", async ({ page }) => {
  await signUpVerifiedUser(page, "vera", "Vera Verplicht");
  await createMunicipality(page, "'s-Gravenhage", "GM0518");

  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Instellingen" }).click();
  await expect(page).toHaveURL(/\/g\/GM0518\/instellingen$/);
  await expect(page.getByRole("heading", { level: 1, name: "Instellingen van de gemeente" })).toBeVisible();
  await checkPage(page);
  const required = page.getByLabel("Programmaleiders moeten tweestapsverificatie gebruiken");
  await expect(required).not.toBeChecked();
  await required.check();
  await page.getByRole("button", { name: "Opslaan" }).click();

  // The lead has no second factor yet: every page of the municipality sends them to enrol.
  await expect(page).toHaveURL(/\/account\?tweestaps=verplicht&gemeente=GM0518/);
  await expect(page.getByRole("status")).toHaveText(
    "Uw gemeente vereist tweestapsverificatie voor programmaleiders. Zet deze aan om verder te gaan.",
  );
  await expect(page.getByRole("link", { name: "Naar het overzicht" })).toHaveCount(0);
  await checkPage(page);
  await page.goto("/g/GM0518/leden");
  await expect(page).toHaveURL(/\/account\?tweestaps=verplicht&gemeente=GM0518/);

  await enrolTotp(page, NEW_PASSWORD);
  // Required by the municipality: it cannot be switched off.
  await expect(page.getByText("Uw gemeente vereist tweestapsverificatie voor programmaleiders; uitzetten kan niet.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Tweestapsverificatie uitzetten" })).toHaveCount(0);

  await page.getByRole("link", { name: "Naar het overzicht" }).click();
  await expect(page).toHaveURL(/\/g\/GM0518$/);
  await checkPage(page);
  await visit(page, "/g/GM0518/instellingen");
  await expect(page.getByLabel("Programmaleiders moeten tweestapsverificatie gebruiken")).toBeChecked();

  // The change is in the audit log.
  await visit(page, "/g/GM0518/logboek");
  await expect(page.getByRole("table").getByRole("row").nth(1)).toContainText("instellingen van de gemeente gewijzigd");
});
