import { describe, expect, it } from "vitest";
import { KpiAccumulator } from "../../app/modules/deliveries/ingest/aggregate";
import { CsvTokenizer } from "../../app/modules/deliveries/ingest/csv-tokenizer";
import { detectEncoding, detectSeparator } from "../../app/modules/deliveries/ingest/detect";
import { KeyFilter, keyOf } from "../../app/modules/deliveries/ingest/duplicate-keys";
import { checkCell, compileRowValidator, matchHeader, type FieldSpec } from "../../app/modules/deliveries/ingest/validate-row";

const field = (over: Partial<FieldSpec> & Pick<FieldSpec, "name" | "type">): FieldSpec => ({ required: true, isKey: false, allowedValues: null, min: null, max: null, ...over });

describe("detectEncoding", () => {
  it("UTF-8 with BOM skips the mark; UTF-8 and ASCII stay UTF-8; Windows-1252 bytes are recognised", () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: "utf-8", skip: 3 });
    expect(detectEncoding(new TextEncoder().encode("Café;ë"))).toEqual({ encoding: "utf-8", skip: 0 });
    expect(detectEncoding(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x3b]))).toEqual({ encoding: "windows-1252", skip: 0 });
    // A whole file ending in "é" (Windows-1252) is not mistaken for UTF-8 cut off mid-character.
    expect(detectEncoding(new Uint8Array([0x43, 0x61, 0x66, 0xe9]), true)).toEqual({ encoding: "windows-1252", skip: 0 });
  });
  it("does not hold a multi-byte character cut off at the end of the sample against UTF-8", () => {
    expect(detectEncoding(new TextEncoder().encode("abcé").subarray(0, 4)).encoding).toBe("utf-8");
  });
});

describe("detectSeparator", () => {
  it("finds ; or , outside quotes and refuses both", () => {
    expect(detectSeparator("Wijk;Datum;Aantal")).toEqual({ ok: true, separator: ";" });
    expect(detectSeparator("Wijk,Datum")).toEqual({ ok: true, separator: "," });
    expect(detectSeparator('"Wijk, naam";Datum')).toEqual({ ok: true, separator: ";" });
    expect(detectSeparator("Wijk;Datum,Aantal")).toEqual({ ok: false, code: "mixedSeparators" });
    expect(detectSeparator("Wijk")).toEqual({ ok: true, separator: ";" });
  });
});

function tokenize(chunks: string[], sep = ";") {
  const records: [string[], number][] = [];
  const errors: [number, string][] = [];
  const t = new CsvTokenizer(sep, (f, l) => records.push([f, l]), (l, c) => errors.push([l, c]));
  for (const c of chunks) t.push(c);
  t.end();
  return { records, errors };
}

describe("CsvTokenizer", () => {
  it("reads quotes, doubled quotes, CRLF/LF/CR, quoted line breaks, and the line each record starts on", () => {
    const { records } = tokenize(['a;b\r\n"x;""y""";2\n"multi\nline";3\rlast;4']);
    expect(records).toEqual([
      [["a", "b"], 1],
      [["x;\"y\"", "2"], 2],
      [["multi\nline", "3"], 3],
      [["last", "4"], 5],
    ]);
  });
  it("gives the same records whatever the chunk boundaries (CRLF and quotes split)", () => {
    const text = 'h1;h2\r\n"a""b";c\r\n\r\nd;"e\r\nf"\r\n';
    const whole = tokenize([text]).records;
    for (let i = 1; i < text.length; i++) expect(tokenize([text.slice(0, i), text.slice(i)]).records).toEqual(whole);
    expect(whole).toEqual([
      [["h1", "h2"], 1],
      [['a"b', "c"], 2],
      [["d", "e\r\nf"], 4],
    ]);
  });
  it("skips blank lines and Excel's ;;; lines; reports an unterminated quote and text after a closing quote", () => {
    expect(tokenize(["a;b\n;\n\nc;d\n"]).records.map((r) => r[1])).toEqual([1, 4]);
    expect(tokenize(['a;b\n"open;1\n']).errors).toEqual([[2, "unterminatedQuote"]]);
    expect(tokenize(['a;b\n"x"y;1\n']).errors).toEqual([[2, "malformedQuote"]]);
  });
});

describe("matchHeader", () => {
  const fields = [field({ name: "Wijk", type: "text" }), field({ name: "Aantal meldingen", type: "integer" }), field({ name: "Toelichting", type: "text", required: false })];
  it("matches case- and whitespace-insensitively, optional columns may be absent", () => {
    const m = matchHeader(["\uFEFF wijk ", "AANTAL   Meldingen"], fields);
    expect(m.ok && m.columns.map((c) => c?.name)).toEqual(["Wijk", "Aantal meldingen"]);
  });
  it("refuses unknown, duplicate, empty and missing required columns", () => {
    const m = matchHeader(["Wijk", "wijk", "Aantal", ""], fields);
    expect(!m.ok && m.errors.map((e) => e.code)).toEqual(["headerDuplicate", "headerUnknown", "headerEmpty", "headerMissing"]);
  });
});

describe("checkCell", () => {
  it("types: integer, decimal (comma, point, Dutch grouping; ambiguous refused), date (ISO, dd-mm-jjjj), boolean, period", () => {
    expect(checkCell(field({ name: "n", type: "integer" }), "-12")).toEqual({ ok: true, value: -12 });
    expect(checkCell(field({ name: "n", type: "integer" }), "1,5")).toMatchObject({ ok: false, code: "notInteger" });
    expect(checkCell(field({ name: "d", type: "decimal" }), "3,25")).toEqual({ ok: true, value: 3.25 });
    expect(checkCell(field({ name: "d", type: "decimal" }), "1.234,5")).toEqual({ ok: true, value: 1234.5 });
    expect(checkCell(field({ name: "d", type: "decimal" }), "1.234")).toMatchObject({ ok: false, code: "ambiguousNumber" });
    expect(checkCell(field({ name: "d", type: "decimal" }), 2.5)).toEqual({ ok: true, value: 2.5 });
    expect(checkCell(field({ name: "t", type: "date" }), "2025-10-01")).toEqual({ ok: true, value: "2025-10-01" });
    expect(checkCell(field({ name: "t", type: "date" }), "1-2-2024")).toEqual({ ok: true, value: "2024-02-01" });
    expect(checkCell(field({ name: "t", type: "date" }), "29-02-2025")).toMatchObject({ ok: false, code: "notDate" });
    for (const [text, value] of [["ja", true], ["Nee", false], ["TRUE", true], ["0", false]] as const) expect(checkCell(field({ name: "b", type: "boolean" }), text)).toEqual({ ok: true, value });
    expect(checkCell(field({ name: "b", type: "boolean" }), "misschien")).toMatchObject({ ok: false, code: "notBoolean" });
    expect(checkCell(field({ name: "p", type: "period" }), "2026-q1")).toEqual({ ok: true, value: "2026-Q1" });
    expect(checkCell(field({ name: "p", type: "period" }), "2026-13")).toMatchObject({ ok: false, code: "notPeriod" });
  });
  it("rules: required, allowed values (any case, stored as agreed), min and max", () => {
    expect(checkCell(field({ name: "x", type: "text" }), "  ")).toMatchObject({ ok: false, code: "required" });
    expect(checkCell(field({ name: "x", type: "text", required: false }), "")).toEqual({ ok: true, value: null });
    expect(checkCell(field({ name: "x", type: "text", allowedValues: ["Afval", "Groen"] }), "groen")).toEqual({ ok: true, value: "Groen" });
    expect(checkCell(field({ name: "x", type: "text", allowedValues: ["Afval"] }), "Wegen")).toMatchObject({ ok: false, code: "notAllowed", values: { allowed: "Afval" } });
    expect(checkCell(field({ name: "n", type: "integer", min: 0, max: 10 }), "11")).toMatchObject({ ok: false, code: "aboveMax" });
    expect(checkCell(field({ name: "n", type: "decimal", min: 0.5 }), "0,4")).toMatchObject({ ok: false, code: "belowMin", values: { min: "0,5" } });
  });
  it("refuses formula injection and control characters in text, keeps ordinary text that starts with a sign", () => {
    const text = field({ name: "x", type: "text" });
    for (const evil of ["=cmd|' /C calc'!A0", "=1+1", "@SUM(A1:A2)", "+HYPERLINK(\"x\")", "-cmd", " =2"]) expect(checkCell(text, evil)).toMatchObject({ ok: false, code: "formula" });
    for (const fine of ["- geen", "+31 6 12345678", "-5", "e-mail@wijk.nl"]) expect(checkCell(text, fine)).toMatchObject({ ok: true });
    expect(checkCell(text, "a\u0000b")).toMatchObject({ ok: false, code: "controlCharacter" });
  });
});

describe("compileRowValidator", () => {
  it("reports the column count and one error per bad cell, with line and column", () => {
    const fields = [field({ name: "Wijk", type: "text" }), field({ name: "Aantal", type: "integer" }), field({ name: "Opmerking", type: "text", required: false })];
    const header = matchHeader(["Aantal", "Wijk"], fields);
    if (!header.ok) throw new Error("header");
    const validate = compileRowValidator(header.columns, fields);
    const errors: never[] = [];
    expect(validate(["3", "Centrum"], 2, errors)).toEqual({ Aantal: 3, Wijk: "Centrum", Opmerking: null });
    const bad: { line: number; column?: string; code: string }[] = [];
    expect(validate(["x", ""], 7, bad as never)).toBeNull();
    expect(bad).toEqual([
      { line: 7, column: "Aantal", code: "notInteger" },
      { line: 7, column: "Wijk", code: "required" },
    ]);
    const short: { code: string; values?: unknown }[] = [];
    validate(["1"], 8, short as never);
    expect(short).toEqual([{ line: 8, code: "columnCount", values: { expected: 2, actual: 1 } }]);
  });
});

describe("KpiAccumulator", () => {
  const feed = (values: (number | null)[]) => {
    const a = new KpiAccumulator();
    values.forEach((v) => a.add(v));
    return a;
  };
  it("sum, mean and count over the values; single needs exactly one row", () => {
    expect(feed([1, 2, null, 3]).result("sum")).toEqual({ ok: true, value: 6 });
    expect(feed([1, 2, null, 3]).result("mean")).toEqual({ ok: true, value: 2 });
    expect(feed([1, 2, null, 3]).result("count")).toEqual({ ok: true, value: 3 });
    expect(feed([7.5]).result("single")).toEqual({ ok: true, value: 7.5 });
    expect(feed([7.5, 8]).result("single")).toEqual({ ok: false, code: "singleNeedsOneRow", values: { rows: 2 } });
    expect(feed([null, null]).result("mean")).toEqual({ ok: false, code: "noValues" });
    expect(feed([]).result("count")).toEqual({ ok: true, value: 0 });
  });
});

describe("KeyFilter", () => {
  it("says 'maybe seen' for every repeated key and (nearly) never for new ones", () => {
    const filter = new KeyFilter(10_000_000);
    let falsePositives = 0;
    for (let i = 0; i < 200_000; i++) if (filter.add(keyOf({ Wijk: `Wijk ${i}`, Datum: "2025-10-01" }, ["Wijk", "Datum"]))) falsePositives++;
    expect(falsePositives).toBeLessThan(3);
    expect(filter.add(keyOf({ Wijk: "Wijk 17", Datum: "2025-10-01" }, ["Wijk", "Datum"]))).toBe(true);
    expect(filter.maybeDuplicates).toBe(falsePositives + 1);
  });
});
