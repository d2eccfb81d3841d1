// Focus areas and policy maps in the browser: a lead chooses an area and builds its policy map
// (goals, success factors, a duplicate refused, reorder, edit, retire), sees the goal tree and
// downloads the PDF; a staff member edits goals but cannot choose areas; a viewer only reads; and
// another municipality's member gets 404 for all of it. Every page is checked with axe.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { BASE_URL } from "../../playwright.config";
import { checkPage, createMunicipality, DEMO, DEMO_CODE, fieldError, signIn, signUpVerifiedUser } from "./support/app";

const AREAS = `/g/${DEMO_CODE}/aandachtsgebieden`;

function post(page: Page, url: string, form: Record<string, string>) {
  return page.request.post(url, { form, headers: { Origin: BASE_URL }, maxRedirects: 0 });
}

/** A goal's card in the editable list, found by its heading. */
function goalCard(page: Page, title: string): Locator {
  return page.locator("li.koers-goal").filter({ has: page.getByRole("heading", { level: 3, name: title, exact: true }) });
}

/** The "add a success factor" form of a goal's card, opened if it is closed. */
async function addFactorForm(card: Locator): Promise<Locator> {
  const details = card.locator("details").filter({ has: card.page().locator("summary", { hasText: "Succesfactor toevoegen" }) });
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  return details;
}

/** The texts of the goal tree's SVG, one per label (wrapped lines joined with spaces). */
async function treeLabels(figure: Locator): Promise<string[]> {
  return figure.locator("svg").evaluate((svg) => {
    const groups = new Map<string, string[]>();
    for (const text of Array.from(svg.querySelectorAll("text"))) {
      const key = text.getAttribute("transform") ?? "";
      groups.set(key, [...(groups.get(key) ?? []), text.textContent ?? ""]);
    }
    return [...groups.values()].map((lines) => lines.join(" "));
  });
}

async function openAreas(page: Page, code = DEMO_CODE): Promise<void> {
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Aandachtsgebieden en beleidskaarten" }).click();
  await expect(page).toHaveURL(new RegExp(`/g/${code}/aandachtsgebieden$`));
  await expect(page.getByRole("heading", { level: 1, name: "Aandachtsgebieden en beleidskaarten" })).toBeVisible();
}

test("a lead chooses a focus area and builds its policy map", async ({ page }, testInfo) => {
  // A long journey (some 30 steps, eight axe runs): more than the default minute on a busy machine.
  test.slow();
  await signIn(page, DEMO.lead);
  await openAreas(page);
  const table = page.getByRole("table", { name: "Aandachtsgebieden" });
  await expect(table.getByRole("row")).toHaveCount(12);
  await expect(table.getByRole("rowheader").first()).toContainText("De veilige gemeente");
  await expect(table).toContainText("1 · Veiligheid");
  await expect(table).toContainText("6.1, 6.2, 6.6, 6.7, 6.8 · Sociaal domein");
  // The demo has chosen three areas, one with a policy map.
  await expect(page.getByText("3 van 11 aandachtsgebieden gekozen.")).toBeVisible();
  await checkPage(page);

  const veilig = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /De veilige gemeente/ }) });
  await expect(veilig).toContainText("Niet gekozen");
  await veilig.getByRole("button", { name: "Kiezen: De veilige gemeente" }).click();
  await expect(page.getByRole("status")).toHaveText("“De veilige gemeente” is gekozen.");
  await expect(veilig).toContainText("Gekozen");
  await expect(page.getByText("4 van 11 aandachtsgebieden gekozen.")).toBeVisible();
  await checkPage(page);

  await veilig.getByRole("link", { name: "Beleidskaart openen: De veilige gemeente" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Beleidskaart: De veilige gemeente" })).toBeVisible();
  await expect(page.getByText("Deze beleidskaart heeft nog geen strategische doelstellingen.")).toBeVisible();
  await checkPage(page);

  // Goals: an empty one is refused, two are added, a duplicate (other case) is refused.
  const addGoal = page.getByRole("form", { name: "Doelstelling toevoegen" });
  const addGoalButton = addGoal.getByRole("button", { name: "Doelstelling toevoegen" });
  await addGoalButton.click();
  await expect(fieldError(page, "Strategische doelstelling")).toHaveText("Vul de doelstelling in.");
  await addGoal.getByLabel("Strategische doelstelling").fill("Minder woninginbraken");
  await addGoal.getByLabel("Programmacode").fill("P1");
  await addGoal.getByLabel("Programmanaam").fill("Veiligheid");
  await addGoalButton.click();
  await expect(page.getByRole("status")).toHaveText("Doelstelling “Minder woninginbraken” toegevoegd.");
  await expect(addGoal.getByLabel("Strategische doelstelling")).toHaveValue("");
  await addGoal.getByLabel("Strategische doelstelling").fill("Inwoners voelen zich veilig in hun buurt");
  await addGoalButton.click();
  await expect(page.getByRole("status")).toHaveText("Doelstelling “Inwoners voelen zich veilig in hun buurt” toegevoegd.");
  await addGoal.getByLabel("Strategische doelstelling").fill("minder WONINGINBRAKEN");
  await addGoalButton.click();
  await expect(fieldError(page, "Strategische doelstelling")).toHaveText("Deze beleidskaart heeft al een doelstelling “minder WONINGINBRAKEN”.");
  await checkPage(page);
  await addGoal.getByLabel("Strategische doelstelling").fill("");

  // Success factors, two per goal.
  const factors: [string, string[]][] = [
    ["Minder woninginbraken", ["Buurtpreventie in elke wijk", "Goed hang- en sluitwerk bij woningen"]],
    ["Inwoners voelen zich veilig in hun buurt", ["Zichtbare handhavers in de wijk", "Goede straatverlichting"]],
  ];
  for (const [goal, titles] of factors) {
    for (const title of titles) {
      const form = await addFactorForm(goalCard(page, goal));
      await form.getByLabel("Kritieke succesfactor").fill(title);
      await form.getByRole("button", { name: `Succesfactor toevoegen: ${goal}` }).click();
      await expect(page.getByRole("status")).toHaveText(`Succesfactor “${title}” toegevoegd.`);
      await expect(goalCard(page, goal).getByRole("list", { name: `Kritieke succesfactoren bij “${goal}”` })).toContainText(title);
    }
  }
  // A duplicate factor within a goal is refused too.
  const addToFirst = await addFactorForm(goalCard(page, "Minder woninginbraken"));
  await addToFirst.getByLabel("Kritieke succesfactor").fill("buurtpreventie in elke wijk");
  await addToFirst.getByRole("button", { name: "Succesfactor toevoegen: Minder woninginbraken" }).click();
  await expect(addToFirst.locator(".utrecht-form-field-error-message")).toHaveText("Deze doelstelling heeft al een succesfactor “buurtpreventie in elke wijk”.");
  await addToFirst.getByLabel("Kritieke succesfactor").fill("");

  // Reorder: the second goal up (with the mouse), then a factor down with the keyboard.
  const goalTitles = page.locator("li.koers-goal h3");
  await expect(goalTitles).toHaveText(["Minder woninginbraken", "Inwoners voelen zich veilig in hun buurt"]);
  await page.getByRole("button", { name: "Omhoog: Inwoners voelen zich veilig in hun buurt" }).click();
  await expect(page.getByRole("status")).toHaveText("Doelstelling “Inwoners voelen zich veilig in hun buurt” staat nu een plaats hoger.");
  await expect(goalTitles).toHaveText(["Inwoners voelen zich veilig in hun buurt", "Minder woninginbraken"]);
  // At the top its "up" is disabled, so the focus went to "down".
  await expect(page.getByRole("button", { name: "Omhoog: Inwoners voelen zich veilig in hun buurt" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Omlaag: Inwoners voelen zich veilig in hun buurt" })).toBeFocused();

  const down = page.getByRole("button", { name: "Omlaag: Zichtbare handhavers in de wijk" });
  await down.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText("Succesfactor “Zichtbare handhavers in de wijk” staat nu een plaats lager.");
  await expect(goalCard(page, "Inwoners voelen zich veilig in hun buurt").locator(".koers-factor__title")).toHaveText(["Goede straatverlichting", "Zichtbare handhavers in de wijk"]);
  await checkPage(page);

  // Edit a factor.
  const hangSluit = goalCard(page, "Minder woninginbraken").locator("li.koers-factor", { hasText: "Goed hang- en sluitwerk bij woningen" });
  await hangSluit.locator("summary", { hasText: "Wijzigen" }).click();
  await hangSluit.getByLabel("Kritieke succesfactor").fill("Inbraakwerend hang- en sluitwerk");
  await hangSluit.getByRole("button", { name: "Opslaan: Goed hang- en sluitwerk bij woningen" }).click();
  await expect(page.getByRole("status")).toHaveText("Succesfactor “Inbraakwerend hang- en sluitwerk” opgeslagen.");

  // The goal tree: a picture with the goal and factor names, and the same as a table.
  const figure = page.getByRole("img", { name: /^Doelenboom van “De veilige gemeente”/ });
  await expect(figure).toBeVisible();
  const box = await figure.boundingBox();
  expect(box!.width).toBeGreaterThan(300);
  expect(box!.height).toBeGreaterThan(100);
  const shot = testInfo.outputPath("policy-map-tree.png");
  await figure.screenshot({ path: shot });
  expect(fs.statSync(shot).size).toBeGreaterThan(5_000);
  await testInfo.attach("goal tree", { path: shot, contentType: "image/png" });
  await expect.poll(() => treeLabels(figure)).toContain("Inbraakwerend hang- en sluitwerk");
  const labels = await treeLabels(figure);
  expect(labels).toContain("De veilige gemeente");
  expect(labels).toContain("Minder woninginbraken Begroting: P1 · Veiligheid");
  expect(labels).toContain("Inwoners voelen zich veilig in hun buurt");
  for (const factor of ["Buurtpreventie in elke wijk", "Inbraakwerend hang- en sluitwerk", "Zichtbare handhavers in de wijk", "Goede straatverlichting"]) {
    expect(labels).toContain(factor);
  }
  const mapTable = page.getByRole("table", { name: /^Strategische doelstellingen van “De veilige gemeente”/ });
  await expect(mapTable.getByRole("rowheader")).toHaveText(["Inwoners voelen zich veilig in hun buurt", "Minder woninginbraken"]);
  await expect(mapTable.getByRole("row").filter({ hasText: "Minder woninginbraken" })).toContainText("P1 · Veiligheid");
  await expect(mapTable.getByRole("row").filter({ hasText: "Minder woninginbraken" })).toContainText("Inbraakwerend hang- en sluitwerk");
  await checkPage(page);

  // The PDF.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download als PDF" }).click()]);
  expect(download.suggestedFilename()).toBe("Beleidskaart De veilige gemeente - Zeewolde.pdf");
  const pdf = fs.readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdf.length).toBeGreaterThan(10_000);
  expect(pdf.length).toBeLessThan(2_000_000);
  fs.writeFileSync(path.join(testInfo.outputDir, "beleidskaart.pdf"), pdf);

  // Retire a factor: it leaves the map and the tree; "toon ingetrokken" shows it with a restore button.
  const light = goalCard(page, "Inwoners voelen zich veilig in hun buurt").locator("li.koers-factor", { hasText: "Goede straatverlichting" });
  await light.locator("summary", { hasText: "Intrekken" }).click();
  await light.getByRole("button", { name: "Succesfactor “Goede straatverlichting” intrekken" }).click();
  await expect(page.getByRole("status")).toHaveText("Succesfactor “Goede straatverlichting” is ingetrokken.");
  await expect(mapTable).not.toContainText("Goede straatverlichting");
  await expect.poll(() => treeLabels(figure)).not.toContain("Goede straatverlichting");
  await page.getByRole("link", { name: "Toon ingetrokken doelstellingen en succesfactoren (1)" }).click();
  await expect(page.getByRole("button", { name: "Terugzetten: Goede straatverlichting" })).toBeVisible();
  await checkPage(page);

  // Every change is in the audit log.
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Logboek" }).click();
  const newest = page.getByRole("table", { name: "Logboek" }).getByRole("row").nth(1);
  await expect(newest).toContainText("kritieke succesfactor ingetrokken");
  await expect(newest).toContainText("Fatima el Amrani");
  await expect(page.getByRole("table", { name: "Logboek" })).toContainText("aandachtsgebied gekozen");
  await expect(page.getByRole("table", { name: "Logboek" })).toContainText("strategische doelstelling verplaatst");
});

test("a staff member edits goals but cannot choose focus areas", async ({ page }) => {
  await signIn(page, DEMO.staff);
  await openAreas(page);
  await expect(page.getByText("U kunt de aandachtsgebieden bekijken. Alleen de programmaleider kiest, wijzigt en voegt aandachtsgebieden toe.")).toBeVisible();
  await expect(page.locator("#main").getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Eigen aandachtsgebied toevoegen" })).toHaveCount(0);
  await checkPage(page);
  const bereikbaar = (await page.getByRole("link", { name: "Beleidskaart openen: De bereikbare gemeente" }).first().getAttribute("href"))!;
  const areaId = bereikbaar.split("/").pop()!;
  const refused = await post(page, AREAS, { intent: "setChosen", areaId, chosen: "false" });
  expect(refused.status()).toBe(403);

  // The demo's policy map: the staff member adds a goal with a factor.
  await page.getByRole("link", { name: "Beleidskaart openen: De bereikbare gemeente" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Beleidskaart: De bereikbare gemeente" })).toBeVisible();
  const figure = page.getByRole("img", { name: /^Doelenboom van “De bereikbare gemeente”/ });
  await expect(figure).toBeVisible();
  expect(await treeLabels(figure)).toContain("Minder verkeersslachtoffers");
  await checkPage(page);

  const title = `Goede parkeerroutes ${crypto.randomBytes(3).toString("hex")}`;
  const addGoal = page.getByRole("form", { name: "Doelstelling toevoegen" });
  await addGoal.getByLabel("Strategische doelstelling").fill(title);
  await addGoal.getByRole("button", { name: "Doelstelling toevoegen" }).click();
  await expect(page.getByRole("status")).toHaveText(`Doelstelling “${title}” toegevoegd.`);
  const form = await addFactorForm(goalCard(page, title));
  await form.getByLabel("Kritieke succesfactor").fill("Parkeerverwijzing bij de invalswegen");
  await form.getByRole("button", { name: `Succesfactor toevoegen: ${title}` }).click();
  await expect(page.getByRole("status")).toHaveText("Succesfactor “Parkeerverwijzing bij de invalswegen” toegevoegd.");
  await expect(page.getByRole("table", { name: /^Strategische doelstellingen van/ })).toContainText(title);
  await expect.poll(() => treeLabels(figure)).toContain("Parkeerverwijzing bij de invalswegen");
  await checkPage(page);
});

test("a viewer reads the focus areas and policy maps without any form", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await openAreas(page);
  await expect(page.locator("#main form")).toHaveCount(0);
  await checkPage(page);
  await page.getByRole("link", { name: "Beleidskaart openen: De bereikbare gemeente" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Beleidskaart: De bereikbare gemeente" })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Doelenboom van “De bereikbare gemeente”/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /^Strategische doelstellingen van/ })).toContainText("Zeewolde is goed en veilig bereikbaar");
  await expect(page.getByText("U kunt deze beleidskaart bekijken maar niet wijzigen.")).toBeVisible();
  await expect(page.locator("#main form")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Doelstellingen en succesfactoren bewerken" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Download als PDF" })).toBeVisible();
  await checkPage(page);
  const refused = await post(page, page.url(), { intent: "createGoal", title: "Niet toegestaan" });
  expect(refused.status()).toBe(403);

  // The same page in English (the language cookie only, so the demo account keeps Dutch).
  await page.context().addCookies([{ name: "koers_lang", value: "en", url: BASE_URL }]);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Policy map: De bereikbare gemeente" })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Goal tree of “De bereikbare gemeente”/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /^Strategic goals of “De bereikbare gemeente”/ })).toContainText("Not linked");
  await expect(page.getByText("You can view this policy map but not change it.")).toBeVisible();
  await checkPage(page);
  const pdf = await page.request.get(`${page.url()}/beleidskaart.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-disposition"]).toContain("Policy%20map%20De%20bereikbare%20gemeente");
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
});

test("a member of another municipality gets 404 for Zeewolde's focus areas, policy maps and PDF", async ({ page, browser }) => {
  // Signs up and verifies a new account first.
  test.slow();
  // Zeewolde's URLs, as the demo lead sees them.
  const lead = await browser.newContext();
  const leadPage = await lead.newPage();
  await signIn(leadPage, DEMO.lead);
  await leadPage.goto(AREAS);
  const mapUrl = (await leadPage.getByRole("link", { name: "Beleidskaart openen: De bereikbare gemeente" }).first().getAttribute("href"))!;
  const before = await leadPage.request.get(`${mapUrl}/beleidskaart.pdf`);
  expect(before.status()).toBe(200);
  await lead.close();

  await signUpVerifiedUser(page, "schier", "Sien Schiermonnikoog");
  await createMunicipality(page, "Schiermonnikoog", "GM0088");
  // The new municipality has the model's eleven areas of its own.
  await openAreas(page, "GM0088");
  await expect(page.getByRole("table", { name: "Aandachtsgebieden" }).getByRole("row")).toHaveCount(12);
  await expect(page.getByText("0 van 11 aandachtsgebieden gekozen.")).toBeVisible();

  for (const url of [AREAS, mapUrl]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.locator("body")).not.toContainText("Zeewolde");
    await checkPage(page);
  }
  expect((await page.request.get(`${mapUrl}/beleidskaart.pdf`)).status()).toBe(404);
  // Zeewolde's area id under the new municipality's own code is not found either.
  const foreignId = mapUrl.split("/").pop()!;
  expect((await page.goto(`/g/GM0088/aandachtsgebieden/${foreignId}`))?.status()).toBe(404);
  expect((await page.request.get(`/g/GM0088/aandachtsgebieden/${foreignId}/beleidskaart.pdf`)).status()).toBe(404);
  const attack = await post(page, `/g/GM0088/aandachtsgebieden/${foreignId}`, { intent: "createGoal", title: "Aanval" });
  expect(attack.status()).toBe(404);
  const attackZeewolde = await post(page, mapUrl, { intent: "createGoal", title: "Aanval" });
  expect(attackZeewolde.status()).toBe(404);
});
