// ODCS in the browser: the lead of Hengelo (the journey's own municipality) downloads the data contract of a draft agreement as
// ODCS v3.1.0 YAML, adds a field to it, imports it (preview first, then confirm) and sees the new
// field in the draft; a file with a wrong logicalType shows its problems at the file field with
// their place in the file; an active agreement refuses imports and says why. Every page is checked
// with axe.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { parse, stringify } from "yaml";
import { checkPage, fieldError, signIn, visit } from "./support/app";
import { ODCS_ACTIVE, ODCS_DRAFT, ODCS_KPI, ODCS_LEAD, ODCS_MUNICIPALITY } from "./support/odcs-fixtures-data";

const BASE = `/g/${ODCS_MUNICIPALITY.cbsCode}/overeenkomsten`;

test("a lead downloads an agreement as ODCS, imports an edited file into the draft and sees problems of a bad file", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, ODCS_LEAD.email, ODCS_LEAD.password);

  // The import page of the draft: the current fields, and the download links.
  await visit(page, `${BASE}/${ODCS_DRAFT.id}/odcs-import`);
  await expect(page.getByRole("heading", { level: 1, name: `ODCS-bestand importeren in ${ODCS_DRAFT.reference}` })).toBeVisible();
  const table = page.getByRole("table", { name: `Velden van ${ODCS_DRAFT.dataset}` });
  await expect(table.getByRole("rowheader")).toHaveText(["periode", "wijk", "tevredenheid"]);
  await expect(table.getByRole("row", { name: /tevredenheid/ })).toContainText(`${ODCS_KPI.name} [${ODCS_KPI.templateCode}]`);

  // Download version 1 as YAML.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Versie 1 (concept) downloaden als ODCS-bestand (YAML)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${ODCS_DRAFT.reference} versie 1.odcs.yaml`);
  const contract = parse(fs.readFileSync((await download.path())!, "utf8"));
  expect(contract).toMatchObject({ apiVersion: "v3.1.0", kind: "DataContract", id: ODCS_DRAFT.id, version: "1.0.0", status: "draft", name: ODCS_DRAFT.title });
  const properties = contract.schema[0].properties as Record<string, unknown>[];
  expect(properties.map((p) => p.name)).toEqual(["periode", "wijk", "tevredenheid"]);

  // A file with a wrong logicalType: every problem at the file field, with its place in the file.
  const broken = structuredClone(contract);
  broken.schema[0].properties[2].logicalType = "getal";
  const fileInput = page.getByLabel("ODCS-bestand (YAML)", { exact: true });
  await fileInput.setInputFiles({ name: "kapot.yaml", mimeType: "application/yaml", buffer: Buffer.from(stringify(broken)) });
  await page.getByRole("button", { name: "Bestand controleren" }).click();
  await expect(fieldError(page, "ODCS-bestand (YAML)")).toContainText(
    "schema[0].properties[2].logicalType: moet één van string, date, timestamp, time, number, integer, object, array, boolean zijn",
  );
  await expect(page.getByRole("heading", { name: "Wat de import verandert" })).toHaveCount(0);
  await checkPage(page);

  // The edited file: one field more, with allowed values. Preview first, then confirm.
  const edited = structuredClone(contract);
  edited.schema[0].properties.push({ name: "categorie", logicalType: "string", physicalType: "text", required: true, description: "Soort melding", quality: [{ type: "library", metric: "invalidValues", arguments: { validValues: ["afval", "groen", "wegen"] }, mustBe: 0 }] });
  await fileInput.setInputFiles({ name: "bewerkt.yaml", mimeType: "application/yaml", buffer: Buffer.from(stringify(edited)) });
  await page.getByRole("button", { name: "Bestand controleren" }).click();
  const preview = page.getByRole("region", { name: "Wat de import verandert" });
  await expect(preview).toBeVisible();
  await expect(preview).toContainText(`Dataset “${ODCS_DRAFT.dataset}” wijzigt`);
  await expect(preview).toContainText("nieuwe velden: categorie");
  await expect(table.getByRole("rowheader")).toHaveText(["periode", "wijk", "tevredenheid"]);
  await checkPage(page);
  await preview.getByRole("button", { name: "Importeren en concept bijwerken" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Het ODCS-bestand is geïmporteerd in versie 1." })).toBeVisible();
  await expect(table.getByRole("rowheader")).toHaveText(["periode", "wijk", "tevredenheid", "categorie"]);
  await expect(table.getByRole("row", { name: /categorie/ })).toContainText("afval, groen, wegen");
  await checkPage(page);

  // The import is in the log.
  await visit(page, `/g/${ODCS_MUNICIPALITY.cbsCode}/logboek`);
  await expect(page.getByRole("cell", { name: "ODCS-bestand geïmporteerd in een concept van een overeenkomst" }).first()).toBeVisible();
});

test("an active agreement refuses an import and says how to change it", async ({ page }) => {
  await signIn(page, ODCS_LEAD.email, ODCS_LEAD.password);
  await visit(page, `${BASE}/${ODCS_ACTIVE.id}/odcs-import`);
  await expect(page.getByRole("status")).toContainText("Versie 1 heeft de status “actief”. Alleen een concept kan met een ODCS-bestand worden gevuld");
  await expect(page.getByRole("link", { name: "Maak een nieuwe versie op de pagina van de overeenkomst" })).toHaveAttribute("href", `${BASE}/${ODCS_ACTIVE.id}`);
  await expect(page.getByLabel("ODCS-bestand (YAML)", { exact: true })).toHaveCount(0);
  // Downloading the active version still works.
  const res = await page.request.get(`${BASE}/${ODCS_ACTIVE.id}/odcs.yaml?versie=1`);
  expect(res.status()).toBe(200);
  expect(parse(await res.text())).toMatchObject({ status: "active", dataProduct: ODCS_ACTIVE.reference });
});
