// Reads the first sheet of a delivered XLSX file row by row with exceljs's streaming reader, so a
// big workbook is never in memory. Cells keep their type (numbers, dates, booleans); a formula
// cell counts as its calculated result; rich text and hyperlinks as their text.
import ExcelJS from "exceljs";
import type { DeliveryRowError } from "../../../../db/schema/deliveries";
import type { RecordHandlers } from "./parse-csv";
import type { Cell } from "./validate-row";

export interface XlsxHandlers extends Omit<RecordHandlers, "record"> {
  record(cells: Cell[], line: number): void;
}

export type XlsxReadResult = { ok: true } | { ok: false; error: DeliveryRowError };

function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; formula?: string; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join("");
    if ("result" in v || "formula" in v) return cellOf(v.result);
    if (v.error) return v.error;
    if (v.text !== undefined) return cellOf(v.text);
  }
  return String(value);
}

export async function readXlsxRecords(path: string, handlers: XlsxHandlers): Promise<XlsxReadResult> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" });
  let sawSheet = false;
  try {
    for await (const sheet of reader) {
      sawSheet = true;
      let rowsSinceDrain = 0;
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
        while (cells.length && (cells[cells.length - 1] === null || cells[cells.length - 1] === "")) cells.pop();
        if (cells.length) handlers.record(cells, row.number);
        if (++rowsSinceDrain >= 1000) {
          rowsSinceDrain = 0;
          await handlers.afterChunk();
        }
      }
      break;
    }
  } catch (err) {
    return { ok: false, error: { line: 0, code: "xlsxUnreadable", values: { reason: err instanceof Error ? err.message.slice(0, 200) : "?" } } };
  }
  await handlers.afterChunk();
  return sawSheet ? { ok: true } : { ok: false, error: { line: 0, code: "xlsxNoSheet" } };
}
