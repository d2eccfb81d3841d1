// Account journey: sign up (with form errors), verify by mail, sign in (wrong password first),
// create a municipality, switch language, sign out, reset the password by mail, sign in again.
import { expect, test } from "@playwright/test";
import { checkPage, DEMO, fieldError, fillSignUp, NEW_PASSWORD, signOut, uniqueEmail, verifyFromMail, visit } from "./support/app";
import { linkFrom, waitForMail } from "./support/mail";

test("sign up, verify, create a municipality, switch language, reset the password", async ({ page }) => {
  const email = uniqueEmail("anna");
  const password = "Een-lange-zin-als-wachtwoord-1";

  // Sign up: client and server validation show in the form.
  await visit(page, "/registreren");
  await expect(page.getByRole("heading", { level: 1, name: "Account aanmaken" })).toBeVisible();
  await fillSignUp(page, { name: "Anna de Boer", email: "anna-at-gemeente", password: "kort" });
  await expect(fieldError(page, "E-mailadres")).toHaveText("Vul een geldig e-mailadres in, zoals naam@gemeente.nl.");
  await expect(fieldError(page, "Wachtwoord")).toHaveText("Het wachtwoord moet minimaal 12 tekens lang zijn.");
  await expect(page.getByLabel("E-mailadres")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/registreren$/);
  await checkPage(page);

  await fillSignUp(page, { name: "Anna de Boer", email, password: "wachtwoord123" });
  await expect(fieldError(page, "Wachtwoord")).toHaveText("Dit wachtwoord is te voorspelbaar. Kies een langer, minder gangbaar wachtwoord.");

  // An address that already has an account: the server says so next to the field.
  await fillSignUp(page, { name: "Anna de Boer", email: DEMO.lead, password });
  await expect(fieldError(page, "E-mailadres")).toHaveText("Er bestaat al een account met dit e-mailadres. Log in, of herstel uw wachtwoord.");
  await checkPage(page);

  await fillSignUp(page, { name: "Anna de Boer", email, password });
  await expect(page).toHaveURL(/\/registreren\/controleer-email/);
  await expect(page.getByRole("heading", { level: 1, name: "Bevestig uw e-mailadres" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(email);
  await checkPage(page);

  // Confirm through the link in the mail: the sign-in page confirms it.
  await verifyFromMail(page, email);

  // A wrong password gives the clear message, never a stack trace.
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill("Niet-het-goede-wachtwoord");
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Deze combinatie van e-mailadres en wachtwoord kennen we niet. Controleer beide en probeer het opnieuw.",
  );
  const body = await page.locator("body").innerText();
  expect(body).not.toMatch(/APIError|node_modules|at \S+ \(|Error:|INVALID_EMAIL_OR_PASSWORD/);
  await checkPage(page);

  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();

  // No municipality yet: straight to creating one.
  await expect(page).toHaveURL(/\/gemeenten\/nieuw$/);
  await expect(page.getByRole("heading", { level: 1, name: "Gemeente aanmaken" })).toBeVisible();
  await checkPage(page);

  const name = page.getByLabel("Naam van de gemeente");
  const code = page.getByLabel("CBS-code");
  const create = page.getByRole("button", { name: "Gemeente aanmaken" });
  await name.fill("Amsterdam");
  await code.fill("0363");
  await create.click();
  await expect(fieldError(page, "CBS-code")).toHaveText("Een CBS-code is GM gevolgd door 4 cijfers, bijvoorbeeld GM0363.");
  await checkPage(page);

  await code.fill("GM9999");
  await create.click();
  await expect(fieldError(page, "CBS-code")).toHaveText("CBS-code GM9999 hoort niet bij een Nederlandse gemeente in 2026.");

  await code.fill("GM0050");
  await create.click();
  await expect(fieldError(page, "CBS-code")).toHaveText("Er bestaat in Koers al een gemeente met CBS-code GM0050.");
  await checkPage(page);

  await code.fill("gm0363");
  await create.click();
  await expect(page).toHaveURL(/\/g\/GM0363$/);
  await expect(page.getByRole("heading", { level: 1, name: "Programma-overzicht" })).toBeVisible();
  await expect(page.getByText("Waar staat Amsterdam in de vier fasen?")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" })).toContainText("Programmaleider · GM0363");
  await checkPage(page);

  // English, and it sticks after a reload.
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Programme overview" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveURL(/\/g\/GM0363$/);
  await checkPage(page);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Programme overview" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main menu" })).toContainText("Programme lead · GM0363");
  await checkPage(page);

  // Sign out (in English), then back to Dutch on the sign-in page.
  await signOut(page);
  await expect(page.getByRole("status")).toHaveText("You have been signed out.");
  await page.getByRole("button", { name: /Nederlands/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Inloggen bij Koers" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await checkPage(page);

  // Forgot password → mail (in the account's language: English) → new password.
  await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
  await expect(page).toHaveURL(/\/wachtwoord-vergeten$/);
  await expect(page.getByRole("heading", { level: 1, name: "Wachtwoord herstellen" })).toBeVisible();
  await checkPage(page);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByRole("button", { name: "Stuur herstellink" }).click();
  await expect(page.getByRole("status")).toContainText("Als er een account bij dit e-mailadres hoort, is er een herstellink verstuurd.");
  await checkPage(page);

  const resetMail = await waitForMail(email, /Choose a new password for Koers|Nieuw wachtwoord kiezen voor Koers/);
  await page.goto(linkFrom(resetMail, "/wachtwoord-herstellen/"));
  await expect(page.getByRole("heading", { level: 1, name: "Nieuw wachtwoord kiezen" })).toBeVisible();
  await checkPage(page);
  await page.getByLabel("Nieuw wachtwoord").fill("te-kort");
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(fieldError(page, "Nieuw wachtwoord")).toHaveText("Het wachtwoord moet minimaal 12 tekens lang zijn.");
  await page.getByLabel("Nieuw wachtwoord").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page).toHaveURL(/\/inloggen\?hersteld=1/);
  await expect(page.getByRole("status")).toHaveText("Uw wachtwoord is gewijzigd. Log in met uw nieuwe wachtwoord.");
  await checkPage(page);

  // The old password no longer works; the new one does.
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Deze combinatie van e-mailadres en wachtwoord kennen we niet.");
  await page.getByLabel("Wachtwoord", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();
  await expect(page).toHaveURL(/\/g\/GM0363$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await checkPage(page);

  // The reset link works only once.
  await page.goto(linkFrom(resetMail, "/wachtwoord-herstellen/"));
  await page.getByLabel("Nieuw wachtwoord").fill("Nog-een-ander-wachtwoord-9");
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page.getByRole("alert")).toHaveText("Deze herstellink is ongeldig of verlopen. Vraag een nieuwe aan.");
  await checkPage(page);
});
