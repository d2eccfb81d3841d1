// KPI exports through the route: the dashboard, definitions and measurements as XLSX and CSV, in
// Dutch or international number format, only ever with the member's own municipality's KPIs.
import type { AppLoadContext } from "@remix-run/node";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Member } from "../../app/modules/auth/guards.server";
import { loader as exportLoader } from "../../app/routes/municipality/kpi-export";
import { addMeasurements, createTestKpi } from "./support/kpi-factories";
import { createMunicipalityWithLead } from "./support/factories";
import { useTestDatabase } from "./support/db";
import { contextFor } from "./support/context";

useTestDatabase();


async function download(m: Member, code: string, query: string): Promise<Response> {
  try {
    return (await exportLoader({ request: new Request(`http://localhost/g/${code}/kpis/export?${query}`), context: contextFor(m), params: { code } })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const year = new Date().getUTCFullYear();
let lead: Member;
let otherLead: Member;

beforeAll(async () => {
  lead = await createMunicipalityWithLead("GM0153", "Enschede", "lead@enschede.test");
  otherLead = await createMunicipalityWithLead("GM0150", "Deventer", "lead@deventer.test");
  const k = await createTestKpi(lead, { name: "Tevredenheid wegen", targets: [{ year, target: 7.5, greenFrom: 7, amberFrom: 6 }] });
  await addMeasurements(lead, k.id, "quarter", [
    { period: `${year}-Q1`, value: 6.4, reason: "Inwonerspanel voorjaar" },
    { period: `${year}-Q2`, value: 7.25, reason: "=HYPERLINK(\"http://evil\")" },
  ]);
  await createTestKpi(otherLead, { name: "Geheime KPI van Deventer" });
});

describe("KPI export", () => {
  it("gives the dashboard as CSV in Dutch number format with the traffic light", async () => {
    const res = await download(lead, "GM0153", "what=dashboard&format=csv&numbers=nl");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain("KPI-dashboard - Enschede.csv");
    const text = await res.text();
    const lines = text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toMatch(/^KPI;Bibliotheekcode;Eenheid;Laatste periode;Laatste waarde;Streefwaarde;/);
    const row = lines.find((l) => l.startsWith("Tevredenheid wegen;"))!;
    // 7.25 with one decimal, decimal comma; target 7.5; green from 7; amber from 6; green light.
    expect(row).toContain(`;${year}-Q2;7,3;7,5;7,0;6,0;Groen;`);
    expect(text).not.toContain("Deventer");
  });

  it("gives international format on request", async () => {
    const text = await (await download(lead, "GM0153", "what=dashboard&format=csv&numbers=international")).text();
    expect(text).toContain(`,${year}-Q2,7.3,7.5,7.0,6.0,Groen,`);
  });

  it("gives the measurements as XLSX with numbers as numbers and provenance, formulas neutralised", async () => {
    const res = await download(lead, "GM0153", "what=measurements&format=xlsx");
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as never);
    const ws = workbook.worksheets[0]!;
    expect(ws.name).toBe("Metingen");
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(3);
    const q2 = rows.find((r) => r[3] === `${year}-Q2`)!;
    expect(q2[1]).toBe("Tevredenheid wegen");
    expect(q2[4]).toBe(7.25);
    expect(q2[6]).toBe("Handmatig");
    expect(q2[9]).toBe("'=HYPERLINK(\"http://evil\")");
  });

  it("gives the definitions with what is still missing", async () => {
    const text = await (await download(otherLead, "GM0150", "what=definitions&format=csv")).text();
    expect(text).toContain("Geheime KPI van Deventer");
    expect(text).not.toContain("Tevredenheid wegen");
  });

  it("refuses another municipality's export and unknown kinds", async () => {
    expect((await download(otherLead, "GM0153", "what=dashboard&format=csv")).status).toBe(404);
    expect((await download(lead, "GM0153", "what=everything&format=csv")).status).toBe(404);
    expect((await download(lead, "GM0153", "what=dashboard&format=pdf")).status).toBe(404);
  });
});
