// Tables to files people open in Excel: CSV (csv-stringify) and XLSX (exceljs). One description
// of the columns serves both. CSV comes in two number formats: Dutch (";" between fields, decimal
// comma — what Excel expects on a Dutch computer) and international ("," and a decimal point).
// Text cells that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return at the
// start) are neutralised with a leading apostrophe (OWASP "CSV injection").
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";

export type ExportCell = string | number | null;

export interface ExportColumn {
  header: string;
  kind: "text" | "number";
  /** Decimals for numbers in the file (XLSX number format, CSV rounding); per row when a function. */
  decimals?: number;
  /** Character width in XLSX. */
  width?: number;
}

export interface ExportSheet {
  name: string;
  columns: ExportColumn[];
  rows: ExportCell[][];
  /** Per row and column: decimals that differ from the column's (e.g. each KPI its own). */
  decimalsOf?: (rowIndex: number, columnIndex: number) => number | undefined;
}

export type NumberStyle = "nl" | "international";

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as a spreadsheet will show it, never as a formula it would run. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function formatNumber(value: number, decimals: number | undefined, style: NumberStyle): string {
  const text = decimals === undefined ? String(value) : value.toFixed(decimals);
  return style === "nl" ? text.replace(".", ",") : text;
}

/** One sheet as CSV text with a byte-order mark, so Excel reads it as UTF-8. */
export function toCsv(sheet: ExportSheet, style: NumberStyle): string {
  const records = sheet.rows.map((row, r) =>
    row.map((cell, c) => {
      if (cell === null) return "";
      const column = sheet.columns[c]!;
      if (typeof cell === "number") return formatNumber(cell, sheet.decimalsOf?.(r, c) ?? column.decimals, style);
      return neutraliseFormula(cell);
    }),
  );
  const body = stringify([sheet.columns.map((c) => neutraliseFormula(c.header)), ...records], {
    delimiter: style === "nl" ? ";" : ",",
    record_delimiter: "windows",
    quoted_match: /^\s|\s$/,
  });
  return `\uFEFF${body}`;
}

function numberFormat(decimals: number | undefined): string | undefined {
  if (decimals === undefined) return undefined;
  return decimals === 0 ? "0" : `0.${"0".repeat(decimals)}`;
}

/** Sheets as one XLSX workbook: numbers stay numbers (Excel shows them in the reader's locale). */
export async function toXlsx(sheets: ExportSheet[], meta: { creator: string; title: string }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator;
  workbook.title = meta.title;
  workbook.created = new Date();
  for (const sheet of sheets) {
    // Excel limits sheet names to 31 characters and forbids some characters.
    const ws = workbook.addWorksheet(sheet.name.replace(/[\\/?*[\]:]/g, " ").slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, Math.min(60, c.header.length + 4)) }));
    ws.getRow(1).font = { bold: true };
    sheet.rows.forEach((row, r) => {
      const added = ws.addRow(row.map((cell) => (typeof cell === "string" ? neutraliseFormula(cell) : cell)));
      row.forEach((cell, c) => {
        if (typeof cell !== "number") return;
        const format = numberFormat(sheet.decimalsOf?.(r, c) ?? sheet.columns[c]!.decimals);
        if (format) added.getCell(c + 1).numFmt = format;
      });
    });
    if (sheet.columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer);
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_TYPE = "text/csv; charset=utf-8";

/** A download response; the file name is ASCII-safe with an RFC 5987 UTF-8 variant. */
export function fileResponse(body: string | Buffer, contentType: string, fileName: string): Response {
  const ascii = fileName.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "");
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
