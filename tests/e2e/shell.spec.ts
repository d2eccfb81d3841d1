// The app shell for a programme lead: overview, the four phases, members, departments (add, and
// a duplicate refused), and the audit log showing the addition newest first.
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { checkPage, DEMO, DEMO_CODE, fieldError, signIn } from "./support/app";

test("a lead walks through the shell and adds a department", async ({ page }) => {
  await signIn(page, DEMO.lead);
  await expect(page).toHaveURL(new RegExp(`/g/${DEMO_CODE}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Programma-overzicht" })).toBeVisible();
  await expect(page.getByText("Waar staat Zeewolde in de vier fasen?")).toBeVisible();
  await checkPage(page);

  const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
  await expect(nav).toContainText(`Programmaleider · ${DEMO_CODE}`);

  const phases: [string, string][] = [
    ["Fase 1 · Strategische focus", "Fase 1: Bewustwording en strategische focus"],
    ["Fase 2 · KPI's bepalen", "Fase 2: KPI's bepalen"],
    ["Fase 3 · Gegevenslevering", "Fase 3: Gegevens verzamelen en leveringsafspraken"],
    ["Fase 4 · Ingebruikname", "Fase 4: Ingebruikname"],
  ];
  for (const [index, [link, heading]] of phases.entries()) {
    await nav.getByRole("link", { name: link }).click();
    await expect(page).toHaveURL(new RegExp(`/g/${DEMO_CODE}/fase/${index + 1}$`));
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(nav.getByRole("link", { name: link })).toHaveAttribute("aria-current", "page");
    await checkPage(page);
  }
  const missing = await page.goto(`/g/${DEMO_CODE}/fase/5`);
  expect(missing?.status()).toBe(404);
  await checkPage(page);
  await page.goto(`/g/${DEMO_CODE}`);

  await nav.getByRole("link", { name: "Leden" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Leden" })).toBeVisible();
  const members = page.getByRole("table", { name: "Huidige leden" });
  for (const email of Object.values(DEMO)) await expect(members).toContainText(email);
  await checkPage(page);

  // Departments: add one, then the same name again (also differently cased) is refused.
  await nav.getByRole("link", { name: "Afdelingen en bronnen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Afdelingen en externe bronnen" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Afdelingen" })).toContainText("Burgerzaken");
  await checkPage(page);

  const name = `Dienstverlening ${crypto.randomBytes(3).toString("hex")}`;
  const nameField = page.getByLabel("Naam van de afdeling");
  const add = page.getByRole("button", { name: "Afdeling toevoegen" });
  await add.click();
  await expect(fieldError(page, "Naam van de afdeling")).toHaveText("Vul een naam in.");

  await nameField.fill(name);
  await add.click();
  await expect(page.getByRole("status")).toHaveText("Afdeling opgeslagen.");
  await expect(page.getByRole("table", { name: "Afdelingen" }).getByRole("rowheader", { name })).toBeVisible();
  await expect(nameField).toHaveValue("");
  await checkPage(page);

  await nameField.fill(name);
  await add.click();
  await expect(fieldError(page, "Naam van de afdeling")).toHaveText(`Er bestaat al een afdeling met de naam "${name}".`);
  await checkPage(page);
  await nameField.fill("Burgerzaken");
  await add.click();
  await expect(fieldError(page, "Naam van de afdeling")).toHaveText('Er bestaat al een afdeling met de naam "Burgerzaken".');

  // The audit log: the addition is the newest event, by the lead.
  await nav.getByRole("link", { name: "Logboek" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Logboek" })).toBeVisible();
  const rows = page.getByRole("table", { name: "Logboek" }).getByRole("row");
  const newest = rows.nth(1);
  await expect(newest).toContainText("afdeling toegevoegd");
  await expect(newest).toContainText("Fatima el Amrani");
  await expect(newest).toContainText(DEMO.lead);
  await expect(newest).toContainText("gelukt");
  const times = await page.getByRole("table", { name: "Logboek" }).locator("time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime") ?? ""));
  expect(times.length).toBeGreaterThan(2);
  expect([...times].sort().reverse()).toEqual(times);
  await checkPage(page);

  await nav.getByRole("link", { name: "Instellingen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Instellingen van de gemeente" })).toBeVisible();
  await checkPage(page);

  await nav.getByRole("link", { name: "Programma-overzicht" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Recente activiteit" })).toBeVisible();
  await expect(page.locator("main")).toContainText("afdeling toegevoegd");
  await checkPage(page);
});
