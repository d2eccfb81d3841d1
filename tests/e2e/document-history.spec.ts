// Version history: the lead names a version, writes on, compares the old version with the current
// text, exports that version, and restores it — as a new edit after a backup, so nothing is lost.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { checkPage, DEMO, DEMO_CODE, signIn, visit } from "./support/app";

const LIVE = 10_000;
const editorOf = (page: Page) => page.getByRole("textbox", { name: "Documenttekst" });
const connection = (page: Page) => page.locator("[data-connection-state]");

async function expectSaved(page: Page) {
  await expect(connection(page)).toHaveAttribute("data-connection-state", "saved", { timeout: LIVE });
}

async function typeAtEnd(page: Page, text: string) {
  await editorOf(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
  await expectSaved(page);
}

test("a lead names a version, compares, exports and restores it", async ({ page }) => {
  const title = `Historie ${crypto.randomBytes(3).toString("hex")}`;
  await signIn(page, DEMO.lead);
  await visit(page, `/g/${DEMO_CODE}/documenten`);
  await page.getByLabel("Titel", { exact: true }).fill(title);
  await page.getByLabel("Fase", { exact: true }).selectOption({ label: "Fase 1 · Strategische focus" });
  await page.getByRole("button", { name: "Document aanmaken" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const documentPath = new URL(page.url()).pathname;
  await expect(editorOf(page)).toBeVisible({ timeout: LIVE });
  await typeAtEnd(page, "Eerste zin.");

  // Name the current text as a version.
  await visit(page, `${documentPath}/geschiedenis`);
  await expect(page.getByRole("heading", { level: 1, name: `Geschiedenis: ${title}` })).toBeVisible();
  await page.getByRole("button", { name: "Huidige tekst als versie opslaan" }).click();
  await expect(page.getByText("Geef de versie een naam.")).toBeVisible();
  await page.getByLabel("Naam van de versie").fill("Concept voor MT");
  await page.getByRole("button", { name: "Huidige tekst als versie opslaan" }).click();
  await expect(page.getByText("De versie is opgeslagen.")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "Concept voor MT" });
  await expect(row).toContainText("Fatima el Amrani");
  await checkPage(page);

  // Write on, then compare the version with the current text.
  await page.goto(documentPath);
  await expect(editorOf(page)).toContainText("Eerste zin.", { timeout: LIVE });
  await page.keyboard.press("Control+End");
  await editorOf(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Tweede alinea.");
  await expectSaved(page);

  await visit(page, `${documentPath}/geschiedenis`);
  await row.getByRole("link", { name: /Vergelijken met huidige tekst/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: "“Concept voor MT” vergeleken met de huidige tekst" })).toBeVisible();
  await expect(page.getByText("1 blok verschilt van de huidige tekst.")).toBeVisible();
  await expect(page.locator(".koers-compare ins")).toContainText("Tweede alinea.");
  await checkPage(page);

  // View it, and export exactly that version.
  await row.getByRole("link", { name: /^Bekijken/ }).click();
  const content = page.getByRole("article", { name: "Tekst van Concept voor MT" });
  await expect(content).toContainText("Eerste zin.");
  await expect(content).not.toContainText("Tweede alinea.");
  const versionId = new URL(page.url()).searchParams.get("versie");
  const markdown = await page.request.get(`${documentPath}/export/md?versie=${versionId}`);
  expect(markdown.status()).toBe(200);
  expect(await markdown.text()).toBe(`# ${title}\n\nEerste zin.\n`);
  const pdf = await page.request.get(`${documentPath}/export/pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await checkPage(page);

  // Restore: back on the document, the later paragraph is gone; a backup keeps it.
  await row.getByRole("button", { name: /^Terugzetten/ }).click();
  await expect(page).toHaveURL(new RegExp(`${documentPath}\\?hersteld=1$`));
  await expect(editorOf(page)).toContainText("Eerste zin.", { timeout: LIVE });
  await expect(editorOf(page)).not.toContainText("Tweede alinea.");
  await visit(page, `${documentPath}/geschiedenis`);
  const backup = page.getByRole("row").filter({ hasText: "Reservekopie vóór herstel" });
  await expect(backup).toHaveCount(1);
  await backup.getByRole("link", { name: /^Bekijken/ }).click();
  await expect(page.getByRole("article")).toContainText("Tweede alinea.");
});
