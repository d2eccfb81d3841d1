// Tenancy and roles: a municipality is invisible to non-members (404, also for POSTs), a viewer is
// refused what their role does not allow (403), and signed-out visitors are sent to sign in.
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { BASE_URL } from "../../playwright.config";
import { checkPage, createMunicipality, DEMO, DEMO_CODE, signIn, signUpVerifiedUser, uniqueEmail, visit } from "./support/app";

const PAGES = ["", "/leden", "/afdelingen", "/logboek", "/instellingen"].map((p) => `/g/${DEMO_CODE}${p}`);

/** What a state-changing form post to each page would carry (with the app's own Origin header). */
const POSTS: [string, Record<string, string>][] = [
  [`/g/${DEMO_CODE}/leden`, { intent: "invite", email: "", role: "staff" }],
  [`/g/${DEMO_CODE}/afdelingen`, { intent: "createDepartment", name: "" }],
  [`/g/${DEMO_CODE}/instellingen`, { requireTwoFactorForLeads: "on" }],
  [`/g/${DEMO_CODE}/logboek`, { intent: "anything" }],
  [`/g/${DEMO_CODE}?index`, { intent: "anything" }],
  [`/g/${DEMO_CODE}`, { intent: "anything" }],
];

function post(request: APIRequestContext, url: string, form: Record<string, string>) {
  return request.post(url, { form, headers: { Origin: BASE_URL }, maxRedirects: 0 });
}

/** The demo lead's view, in a separate browser context, to check nothing changed. */
async function asDemoLead(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.lead);
  return { page, close: () => context.close() };
}

test("a lead of another municipality cannot see or change Zeewolde", async ({ page, browser }) => {
  await signUpVerifiedUser(page, "olaf", "Olaf Anderegemeente");
  await createMunicipality(page, "Groningen", "GM0014");

  for (const path of PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText("Zeewolde");
    await checkPage(page);
  }

  const stamp = uniqueEmail("x").split("@")[0]!;
  const attackEmail = `aanval-${stamp}@e2e.koers.test`;
  const attackDepartment = `Aanval ${stamp}`;
  for (const [url, form] of POSTS) {
    const filled = { ...form, ...(form.email !== undefined ? { email: attackEmail } : {}), ...(form.name !== undefined ? { name: attackDepartment } : {}) };
    const response = await post(page.request, url, filled);
    const hasAction = !url.endsWith("?index") && url !== `/g/${DEMO_CODE}` && !url.endsWith("/logboek");
    if (hasAction) {
      expect(response.status(), `POST ${url}`).toBe(404);
    } else {
      // Pages without an action answer 405 (Remix) before any loader runs: the same for a code
      // that does not exist, so nothing about Zeewolde leaks.
      const unknown = await post(page.request, url.replace(DEMO_CODE, "GM9999"), filled);
      expect([404, 405], `POST ${url} → ${response.status()}`).toContain(response.status());
      expect(response.status(), `POST ${url} vs. an unknown municipality`).toBe(unknown.status());
    }
    expect(await response.text(), `POST ${url}`).not.toContain("Zeewolde");
  }

  // Its own municipality still works.
  await visit(page, "/g/GM0014/leden");
  await expect(page.getByRole("heading", { level: 1, name: "Leden" })).toBeVisible();

  // Nothing reached Zeewolde.
  const lead = await asDemoLead(browser);
  try {
    await visit(lead.page, `/g/${DEMO_CODE}/leden`);
    await expect(lead.page.locator("main")).not.toContainText(attackEmail);
    await visit(lead.page, `/g/${DEMO_CODE}/afdelingen`);
    await expect(lead.page.locator("main")).not.toContainText(attackDepartment);
    await visit(lead.page, `/g/${DEMO_CODE}/instellingen`);
    await expect(lead.page.getByLabel("Programmaleiders moeten tweestapsverificatie gebruiken")).not.toBeChecked();
  } finally {
    await lead.close();
  }
});

test("a viewer is refused what the role does not allow", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await expect(page).toHaveURL(new RegExp(`/g/${DEMO_CODE}$`));
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" })).toContainText(`Meelezer · ${DEMO_CODE}`);
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Instellingen" })).toHaveCount(0);
  await checkPage(page);

  const settings = await page.goto(`/g/${DEMO_CODE}/instellingen`);
  expect(settings?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Geen toegang" })).toBeVisible();
  await checkPage(page);

  await visit(page, `/g/${DEMO_CODE}/leden`);
  await expect(page.getByRole("heading", { level: 1, name: "Leden" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Huidige leden" })).toContainText(DEMO.lead);
  await expect(page.getByRole("heading", { name: "Iemand uitnodigen" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Uitnodigen" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Intrekken|Rol wijzigen|Verwijderen uit gemeente/ })).toHaveCount(0);

  // The viewer reads the departments and the audit log, but cannot change anything.
  await visit(page, `/g/${DEMO_CODE}/afdelingen`);
  await expect(page.getByRole("button", { name: "Afdeling toevoegen" })).toHaveCount(0);
  await visit(page, `/g/${DEMO_CODE}/logboek`);
  await expect(page.getByRole("heading", { level: 1, name: "Logboek" })).toBeVisible();

  for (const [url, form] of [
    [`/g/${DEMO_CODE}/leden`, { intent: "invite", email: uniqueEmail("viewer-invite"), role: "staff" }],
    [`/g/${DEMO_CODE}/afdelingen`, { intent: "createDepartment", name: "Van de meelezer" }],
    [`/g/${DEMO_CODE}/instellingen`, { requireTwoFactorForLeads: "on" }],
  ] as const) {
    const response = await post(page.request, url, form);
    expect(response.status(), `POST ${url}`).toBe(403);
  }
});

test("signed-out visitors are sent to the sign-in page, and back after signing in", async ({ page }) => {
  for (const path of PAGES) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(302);
    expect(response.headers().location).toBe(`/inloggen?redirectTo=${encodeURIComponent(path)}`);
  }
  for (const [url, form] of POSTS.slice(0, 3)) {
    const response = await post(page.request, url, form);
    expect(response.status(), `POST ${url}`).toBe(302);
    expect(response.headers().location).toMatch(/^\/inloggen\?redirectTo=/);
  }

  await page.goto(`/g/${DEMO_CODE}/afdelingen`);
  await expect(page).toHaveURL(`/inloggen?redirectTo=${encodeURIComponent(`/g/${DEMO_CODE}/afdelingen`)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Inloggen bij Koers" })).toBeVisible();
  await checkPage(page);
  await page.getByLabel("E-mailadres").fill(DEMO.owner);
  await page.getByLabel("Wachtwoord", { exact: true }).fill("Koers-demo-2026!");
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/g/${DEMO_CODE}/afdelingen$`));
  await expect(page.getByRole("heading", { level: 1, name: "Afdelingen en externe bronnen" })).toBeVisible();
  await checkPage(page);

  // A cross-origin form post is refused even with a valid session.
  const foreign = await page.request.post(`/g/${DEMO_CODE}/afdelingen`, {
    form: { intent: "createDepartment", name: "Van elders" },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(foreign.status()).toBe(403);
});
