import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { neutraliseFormula, toCsv, toXlsx, type ExportSheet } from "../../app/modules/exports/table-export.server";

const sheet: ExportSheet = {
  name: "KPI's: overzicht/2026",
  columns: [
    { header: "KPI", kind: "text" },
    { header: "Waarde", kind: "number", decimals: 1 },
    { header: "Aantal", kind: "number", decimals: 0 },
  ],
  rows: [
    ["Veiligheidsgevoel; inwoners", 74.25, 1200],
    ["=cmd|' /C calc'!A0", -3, null],
    ["Tevredenheid \"wegen\"", 6.4, 3],
  ],
};

describe("CSV export", () => {
  it("writes Dutch number format: semicolons, decimal comma, BOM, CRLF", () => {
    const csv = toCsv(sheet, "nl");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe("KPI;Waarde;Aantal");
    expect(lines[1]).toBe('"Veiligheidsgevoel; inwoners";74,3;1200');
    expect(lines[3]).toBe('"Tevredenheid ""wegen""";6,4;3');
  });

  it("writes international format: commas and a decimal point", () => {
    const lines = toCsv(sheet, "international").slice(1).split("\r\n");
    expect(lines[0]).toBe("KPI,Waarde,Aantal");
    expect(lines[1]).toBe("Veiligheidsgevoel; inwoners,74.3,1200");
    // A negative number stays a number; an empty cell stays empty.
    expect(lines[2]).toBe("'=cmd|' /C calc'!A0,-3.0,");
  });

  it("never lets a text cell start a formula", () => {
    for (const danger of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseFormula(danger)).toBe(`'${danger}`);
    expect(neutraliseFormula("Gewoon tekst")).toBe("Gewoon tekst");
  });
});

describe("XLSX export", () => {
  it("keeps numbers as numbers with the column's decimals, and neutralises formulas", async () => {
    const buffer = await toXlsx([sheet], { creator: "Koers", title: "Test" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as never);
    const ws = workbook.worksheets[0]!;
    expect(ws.name).toBe("KPI's  overzicht 2026");
    expect(ws.getRow(1).values).toEqual([undefined, "KPI", "Waarde", "Aantal"]);
    expect(ws.getCell("B2").value).toBe(74.25);
    expect(ws.getCell("B2").numFmt).toBe("0.0");
    expect(ws.getCell("C2").numFmt).toBe("0");
    expect(ws.getCell("A3").value).toBe("'=cmd|' /C calc'!A0");
    expect(ws.getCell("A3").formula).toBeUndefined();
  });
});
