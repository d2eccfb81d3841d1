// Shared steps of the browser journeys. Every page a journey shows is checked with axe (`visit`,
// `checkPage`); the steps use the Dutch UI the way a user reads it (labels, roles, names).
import crypto from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./axe";
import { linkFrom, waitForMail } from "./mail";

export const DEMO_PASSWORD = "Koers-demo-2026!";
export const DEMO = {
  lead: "lead@koers.demo",
  owner: "eigenaar@koers.demo",
  staff: "medewerker@koers.demo",
  trainer: "trainer@koers.demo",
  viewer: "meelezer@koers.demo",
} as const;
export const DEMO_CODE = "GM0050";

/** A password that passes the rules (12+ characters, not common, not containing the address). */
export const NEW_PASSWORD = "Zonnige-koers-naar-2027!";

/** A fresh address per run and test, so journeys do not depend on each other. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${crypto.randomBytes(4).toString("hex")}@e2e.koers.test`;
}

/** Waits for the page to settle and runs the WCAG 2.1 AA checks on it. */
export async function checkPage(page: Page): Promise<void> {
  await expectNoA11yViolations(page);
}

export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await checkPage(page);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, options: { path?: string } = {}): Promise<void> {
  await page.goto(options.path ?? "/inloggen");
  await expect(page.getByRole("heading", { level: 1, name: "Inloggen bij Koers" })).toBeVisible();
  await checkPage(page);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();
  await expect(page).not.toHaveURL(/\/inloggen(\?|$)/);
}

/** Signs out with the header's button (or the one on the municipality chooser). */
export async function signOut(page: Page): Promise<void> {
  const button = page.getByRole("button", { name: /^(Uitloggen|Sign out)$/ });
  if ((await button.count()) === 0) await page.goto("/gemeenten");
  await button.first().click();
  await expect(page).toHaveURL(/\/inloggen\?uitgelogd=1/);
  await expect(page.getByRole("status")).toContainText(/U bent uitgelogd|signed out/i);
  await checkPage(page);
}

/** Fills and submits the sign-up form (from the current page or /registreren). */
export async function fillSignUp(page: Page, input: { name: string; email: string; password: string }): Promise<void> {
  await page.getByLabel("Volledige naam").fill(input.name);
  await page.getByLabel("E-mailadres").fill(input.email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(input.password);
  await page.getByRole("button", { name: "Account aanmaken" }).click();
}

/** Opens the confirmation link from the verification mail; lands on the sign-in page. */
export async function verifyFromMail(page: Page, email: string): Promise<void> {
  const mail = await waitForMail(email, "Bevestig uw e-mailadres");
  await page.goto(linkFrom(mail, "/e-mail-bevestigen"));
  await expect(page).toHaveURL(/\/inloggen\?bevestigd=1/);
  await expect(page.getByRole("status")).toContainText("Uw e-mailadres is bevestigd");
  await checkPage(page);
}

/** A new, verified account, signed in (landing on /gemeenten/nieuw: no municipality yet). */
export async function signUpVerifiedUser(page: Page, prefix: string, name: string, password = NEW_PASSWORD): Promise<string> {
  const email = uniqueEmail(prefix);
  await visit(page, "/registreren");
  await fillSignUp(page, { name, email, password });
  await expect(page).toHaveURL(/\/registreren\/controleer-email/);
  await checkPage(page);
  await verifyFromMail(page, email);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();
  await expect(page).toHaveURL(/\/gemeenten\/nieuw$/);
  await checkPage(page);
  return email;
}

/** On /gemeenten/nieuw: creates the municipality and waits for its programme overview. */
export async function createMunicipality(page: Page, name: string, cbsCode: string): Promise<void> {
  if (!page.url().endsWith("/gemeenten/nieuw")) await visit(page, "/gemeenten/nieuw");
  await page.getByLabel("Naam van de gemeente").fill(name);
  await page.getByLabel("CBS-code").fill(cbsCode);
  await page.getByRole("button", { name: "Gemeente aanmaken" }).click();
  await expect(page).toHaveURL(new RegExp(`/g/${cbsCode}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Programma-overzicht" })).toBeVisible();
  await checkPage(page);
}

/** The error message Conform/Utrecht shows under a field, found through aria-describedby. */
export function fieldError(page: Page, label: string | RegExp) {
  return page.locator(".utrecht-form-field", { has: page.getByLabel(label, { exact: typeof label === "string" }) }).locator(".utrecht-form-field-error-message");
}

/** Current RFC 6238 TOTP code (SHA-1, 30 s, 6 digits) for a base32 secret. */
export function totp(secretBase32: string, at = Date.now(), stepOffset = 0): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const clean = secretBase32.replace(/=+$/g, "").replace(/\s+/g, "").toUpperCase();
  let bits = "";
  for (const char of clean) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error(`Not base32: ${char}`);
    bits += value.toString(2).padStart(5, "0");
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  const key = Buffer.from(bytes);
  const counter = Math.floor(at / 1000 / 30) + stepOffset;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const hmac = crypto.createHmac("sha1", key).update(message).digest();
  const offset = hmac[hmac.length - 1]! & 0x0f;
  const binary = ((hmac[offset]! & 0x7f) << 24) | (hmac[offset + 1]! << 16) | (hmac[offset + 2]! << 8) | hmac[offset + 3]!;
  return String(binary % 1_000_000).padStart(6, "0");
}
