// Checking a delivered file against its dataset: the header (every field once, matched case- and
// whitespace-insensitively), then each row's cells by the field's type and rules. Pure and
// synchronous, so it runs in the streaming hot path and is unit-tested on its own. Errors carry an
// i18n key under deliveries.errors, the line as the user sees it (1 = header) and the column.
import type { DeliveryRowError } from "../../../../db/schema/deliveries";
import type { FieldType } from "../../../../db/schema/agreements";
import { parsePeriod } from "../../kpis/periods";
import { parseDecimal } from "../../kpis/number-format";

export interface FieldSpec {
  name: string;
  type: FieldType;
  required: boolean;
  isKey: boolean;
  allowedValues: readonly string[] | null;
  min: number | null;
  max: number | null;
}

/** A cell as read: text from CSV; XLSX also gives numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null | undefined;
export type StoredValue = string | number | boolean | null;
export type RowData = Record<string, StoredValue>;

/** How header texts are compared: Unicode NFC, trimmed, inner whitespace as one space, lower case. */
export function normaliseHeader(text: string): string {
  return text.replace(/^\uFEFF/, "").normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

export type HeaderMatch = { ok: true; columns: (FieldSpec | null)[] } | { ok: false; errors: DeliveryRowError[] };

/** Maps each column of the header line to its field; refuses unknown, duplicate and missing required columns. */
export function matchHeader(cells: readonly string[], fields: readonly FieldSpec[]): HeaderMatch {
  const byName = new Map(fields.map((f) => [normaliseHeader(f.name), f]));
  const seen = new Set<FieldSpec>();
  const errors: DeliveryRowError[] = [];
  const columns: (FieldSpec | null)[] = [];
  cells.forEach((cell, index) => {
    const label = cell.replace(/^\uFEFF/, "").trim();
    if (label === "") {
      errors.push({ line: 1, code: "headerEmpty", values: { position: index + 1 } });
      columns.push(null);
      return;
    }
    const field = byName.get(normaliseHeader(label));
    if (!field) errors.push({ line: 1, column: label, code: "headerUnknown", values: { column: label } });
    else if (seen.has(field)) errors.push({ line: 1, column: label, code: "headerDuplicate", values: { column: field.name } });
    else seen.add(field);
    columns.push(field ?? null);
  });
  for (const field of fields) {
    if (field.required && !seen.has(field)) errors.push({ line: 1, column: field.name, code: "headerMissing", values: { column: field.name } });
  }
  return errors.length ? { ok: false, errors } : { ok: true, columns };
}

const INTEGER = /^[-+]?\d{1,15}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DUTCH_DATE = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;
const BOOLEANS: Readonly<Record<string, boolean>> = { ja: true, nee: false, true: true, false: false, "1": true, "0": false };
/**
 * Text a spreadsheet would run as a formula (CSV injection): "=" and anything, "@" and a letter
 * (@SUM), "+"/"-" and a letter, or "+ - @" with a call, a pipe (DDE: =cmd|' /C calc'!A0) or a sheet
 * reference. Plain numbers, dates, "- geen" and "+31 6 …" stay text.
 */
const FORMULA = /^[\s]*(?:=.|@[A-Za-z_]|[+-][A-Za-z_]|[+\-@][^\n]*[(|!])/;
// Control characters other than tab and line ends; NUL cannot be stored in jsonb at all.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2999) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

type Checked = { ok: true; value: StoredValue } | { ok: false; code: string; values?: Record<string, string | number> };
const EMPTY: Checked = { ok: true, value: null };

function formatLimit(n: number): string {
  return String(n).replace(".", ",");
}

function checkNumber(field: FieldSpec, value: number): Checked {
  if (field.min !== null && value < field.min) return { ok: false, code: "belowMin", values: { min: formatLimit(field.min) } };
  if (field.max !== null && value > field.max) return { ok: false, code: "aboveMax", values: { max: formatLimit(field.max) } };
  return { ok: true, value };
}

/** One cell against its field: required, type, allowed values, range, formula injection. */
export function checkCell(field: FieldSpec, cell: Cell): Checked {
  if (cell === null || cell === undefined) return field.required ? { ok: false, code: "required" } : EMPTY;
  if (typeof cell === "string") {
    const text = cell.trim();
    if (text === "") return field.required ? { ok: false, code: "required" } : EMPTY;
    return checkText(field, text);
  }
  switch (field.type) {
    case "integer":
      if (typeof cell === "number" && Number.isSafeInteger(cell)) return checkNumber(field, cell);
      return { ok: false, code: "notInteger" };
    case "decimal":
      if (typeof cell === "number" && Number.isFinite(cell)) return checkNumber(field, cell);
      return { ok: false, code: "notDecimal" };
    case "date":
      if (cell instanceof Date && !Number.isNaN(cell.getTime())) return { ok: true, value: cell.toISOString().slice(0, 10) };
      return { ok: false, code: "notDate" };
    case "boolean":
      if (typeof cell === "boolean") return { ok: true, value: cell };
      if (cell === 1 || cell === 0) return { ok: true, value: cell === 1 };
      return { ok: false, code: "notBoolean" };
    default:
      return checkText(field, cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell));
  }
}

function checkText(field: FieldSpec, text: string): Checked {
  switch (field.type) {
    case "integer": {
      if (!INTEGER.test(text)) return { ok: false, code: "notInteger" };
      return checkNumber(field, Number(text));
    }
    case "decimal": {
      const parsed = parseDecimal(text);
      if (!parsed.ok) return { ok: false, code: parsed.error === "ambiguous" ? "ambiguousNumber" : "notDecimal" };
      return checkNumber(field, parsed.value);
    }
    case "date": {
      let m = ISO_DATE.exec(text);
      let iso: string | null = null;
      if (m) iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
      else if ((m = DUTCH_DATE.exec(text))) iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
      return iso ? { ok: true, value: iso } : { ok: false, code: "notDate" };
    }
    case "boolean": {
      const value = BOOLEANS[text.toLowerCase()];
      return value === undefined ? { ok: false, code: "notBoolean" } : { ok: true, value };
    }
    case "period": {
      const period = parsePeriod("month", text) ?? parsePeriod("quarter", text) ?? parsePeriod("year", text);
      return period ? { ok: true, value: period.label } : { ok: false, code: "notPeriod" };
    }
    case "text": {
      if (CONTROL.test(text)) return { ok: false, code: "controlCharacter" };
      if (FORMULA.test(text)) return { ok: false, code: "formula" };
      if (field.allowedValues?.length) {
        const match = field.allowedValues.find((v) => v === text) ?? field.allowedValues.find((v) => v.toLowerCase() === text.toLowerCase());
        if (match === undefined) return { ok: false, code: "notAllowed", values: { allowed: field.allowedValues.join(", ") } };
        return { ok: true, value: match };
      }
      return { ok: true, value: text.normalize("NFC") };
    }
  }
}

export type RowValidator = (cells: readonly Cell[], line: number, errors: DeliveryRowError[]) => RowData | null;

/**
 * A validator for rows under a matched header: checks the column count, then every cell, and
 * returns the row as stored (every field of the dataset, absent optional columns as null), or null
 * after pushing one error per bad cell.
 */
export function compileRowValidator(columns: readonly (FieldSpec | null)[], fields: readonly FieldSpec[]): RowValidator {
  const width = columns.length;
  const absent = fields.filter((f) => !columns.includes(f));
  return (cells, line, errors) => {
    if (cells.length !== width) {
      errors.push({ line, code: "columnCount", values: { expected: width, actual: cells.length } });
      return null;
    }
    const row: RowData = {};
    let ok = true;
    for (let i = 0; i < width; i++) {
      const field = columns[i]!;
      const checked = checkCell(field, cells[i]);
      if (checked.ok) row[field.name] = checked.value;
      else {
        ok = false;
        errors.push({ line, column: field.name, code: checked.code, ...(checked.values ? { values: checked.values } : {}) });
      }
    }
    for (const field of absent) row[field.name] = null;
    return ok ? row : null;
  };
}
