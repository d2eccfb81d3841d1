// Signing a data-delivery agreement (phase 3, part B): the department owner and the programme lead
// each read the frozen text and sign with their password; the agreement becomes active, its PDF is
// sealed and downloads, and the public verify page recognises the PDF. Axe checks every page.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { checkPage, DEMO, DEMO_PASSWORD, signIn, signOut, visit } from "./support/app";
import { SIGNING_FIXTURE } from "./support/signing-fixtures";

const SIGN_PATH = `/g/${SIGNING_FIXTURE.cbsCode}/overeenkomsten/${SIGNING_FIXTURE.agreementId}/ondertekenen`;

test("owner and lead sign with their passwords; the sealed PDF downloads and verifies", async ({ page }) => {
  test.setTimeout(120_000);

  // The department owner reads the text and signs, after one wrong try.
  await signIn(page, DEMO.owner);
  await visit(page, SIGN_PATH);
  await expect(page.getByRole("heading", { level: 1, name: `Ondertekenen: ${SIGNING_FIXTURE.reference} versie 1` })).toBeVisible();
  const text = page.getByRole("region", { name: "Tekst van versie 1" }).or(page.getByLabel("Tekst van versie 1"));
  await expect(text).toContainText(`# Gegevensleveringsovereenkomst ${SIGNING_FIXTURE.reference} versie 1`);
  const hash = (await page.getByTestId("content-hash").textContent())!.trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await expect(page.getByText("U ondertekent als: Afdelingseigenaar (leverende partij)")).toBeVisible();

  await page.getByRole("button", { name: "Ondertekenen", exact: true }).click();
  await expect(page.getByText("Vink aan dat u de tekst heeft gelezen en deze versie ondertekent.")).toBeVisible();
  await expect(page.getByText("Vul uw wachtwoord in.")).toBeVisible();
  await page.getByLabel("Ik heb de tekst gelezen en onderteken deze versie").check();
  await page.getByLabel("Uw wachtwoord").fill("niet-het-goede-wachtwoord");
  await page.getByRole("button", { name: "Ondertekenen", exact: true }).click();
  await expect(page.getByText("Dit wachtwoord klopt niet.")).toBeVisible();
  // The ticked box survives the refusal.
  await expect(page.getByLabel("Ik heb de tekst gelezen en onderteken deze versie")).toBeChecked();
  await checkPage(page);
  await page.getByLabel("Uw wachtwoord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Ondertekenen", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Uw handtekening is vastgelegd. De overeenkomst wacht nog op de andere partij." })).toBeVisible();
  await expect(page.getByRole("table", { name: "Handtekeningen onder versie 1" })).toContainText("Jan de Vries");
  await checkPage(page);
  await signOut(page);

  // The programme lead signs: the version is in force.
  await signIn(page, DEMO.lead);
  await visit(page, SIGN_PATH);
  await expect(page.getByText("U ondertekent als: Programmaleider (ontvangende partij)")).toBeVisible();
  await page.getByLabel("Ik heb de tekst gelezen en onderteken deze versie").check();
  await page.getByLabel("Uw wachtwoord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Ondertekenen", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Beide partijen hebben getekend: versie 1 is nu actief." })).toBeVisible();
  await expect(page.locator(".koers-facts")).toContainText("Actief");

  // The sealing job runs in the background; the page shows the PDF once it is sealed.
  const download = page.getByRole("link", { name: "Download het verzegelde PDF-document" });
  await expect(async () => {
    await page.reload();
    await expect(download).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await checkPage(page);
  const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
  const pdfPath = await file.path();
  const bytes = fs.readFileSync(pdfPath);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const pdfSha = createHash("sha256").update(bytes).digest("hex");
  await expect(page.locator("code.koers-hash").filter({ hasText: pdfSha })).toBeVisible();
  await signOut(page);

  // Anyone can check the PDF on the public verify page.
  await visit(page, "/verifieren");
  await expect(page.getByRole("heading", { level: 1, name: "Overeenkomst controleren" })).toBeVisible();
  await page.getByLabel("PDF-bestand").setInputFiles({ name: "overeenkomst.pdf", mimeType: "application/pdf", buffer: bytes });
  await page.getByRole("button", { name: "Controleer het bestand" }).click();
  const result = page.getByTestId("verify-result");
  await expect(result.getByRole("heading", { name: "Koers kent dit document." })).toBeVisible();
  await expect(result).toContainText("Het PDF-bestand is precies het verzegelde document.");
  await expect(result).toContainText(SIGNING_FIXTURE.reference);
  await expect(result).toContainText("Zeewolde");
  await expect(result.getByRole("table", { name: "Handtekeningen" })).toContainText("Jan de Vries");
  await expect(result.getByRole("table", { name: "Logboek van de overeenkomst" })).toContainText("PDF-document verzegeld");
  await checkPage(page);

  // The content hash printed in the PDF is known too; a made-up one is not, and says only that.
  await page.getByLabel("SHA-256-hash").fill(hash);
  await page.getByRole("button", { name: "Controleer de hash" }).click();
  await expect(result).toContainText("De hash is de hash van de tekst van deze versie.");
  const unknown = "0".repeat(64);
  await page.getByLabel("SHA-256-hash").fill(unknown);
  await page.getByRole("button", { name: "Controleer de hash" }).click();
  await expect(page.getByTestId("verify-result")).toHaveText(`Koers kent dit document niet. De hash ${unknown} hoort bij geen enkele ondertekende overeenkomst.`);
  await page.getByLabel("SHA-256-hash").fill("geen hash");
  await page.getByRole("button", { name: "Controleer de hash" }).click();
  await expect(page.getByText("Dit is geen SHA-256-hash: vul 64 tekens in (0-9 en a-f).")).toBeVisible();
  await checkPage(page);
});
