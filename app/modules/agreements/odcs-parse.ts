// Reading an uploaded ODCS file safely: a size cap, strict UTF-8, one YAML 1.2 document in the
// core schema (no custom tags, no merge keys, no duplicate keys), aliases capped so a small file
// cannot expand into a huge one, and an object at the top. Every problem names its line.
import { parseDocument } from "yaml";
import type { OdcsProblem } from "./odcs-problem";
import { ODCS_API_VERSION, ODCS_MAX_ALIASES, ODCS_MAX_BYTES } from "./odcs-vocabulary";

export type OdcsParseOutcome = { ok: true; document: Record<string, unknown> } | { ok: false; problems: OdcsProblem[] };

function fail(code: string, values?: OdcsProblem["values"], path = ""): OdcsParseOutcome {
  return { ok: false, problems: [{ path, code, values }] };
}

export function parseOdcsYaml(input: Uint8Array | string): OdcsParseOutcome {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  if (bytes.byteLength === 0) return fail("empty");
  if (bytes.byteLength > ODCS_MAX_BYTES) return fail("tooLarge", { maxKb: Math.round(ODCS_MAX_BYTES / 1024), sizeKb: Math.ceil(bytes.byteLength / 1024) });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("notUtf8");
  }
  const doc = parseDocument(text, { version: "1.2", schema: "core", merge: false, uniqueKeys: true, strict: true, prettyErrors: true, stringKeys: true });
  const problems: OdcsProblem[] = [];
  for (const error of doc.errors) {
    const line = error.linePos?.[0]?.line ?? 0;
    const column = error.linePos?.[0]?.col ?? 0;
    problems.push({ path: "", code: error.code === "DUPLICATE_KEY" ? "yamlDuplicateKey" : error.code === "MULTIPLE_DOCS" ? "yamlMultipleDocuments" : "yamlSyntax", values: { line, column } });
  }
  for (const warning of doc.warnings) {
    // An unknown tag (!!js/function, !!python/object, …) is a warning to the parser and an error here.
    if (warning.code === "TAG_RESOLVE_FAILED") problems.push({ path: "", code: "yamlUnknownTag", values: { line: warning.linePos?.[0]?.line ?? 0 } });
  }
  if (problems.length > 0) return { ok: false, problems };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: ODCS_MAX_ALIASES });
  } catch (err) {
    if (err instanceof ReferenceError || /alias/i.test(String(err))) return fail("yamlTooManyAliases", { max: ODCS_MAX_ALIASES });
    throw err;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return fail("notAnObject");
  const document = value as Record<string, unknown>;
  // Older versions of the standard name things differently; say so instead of listing their fields.
  if (document.apiVersion !== ODCS_API_VERSION) {
    return fail(document.apiVersion === undefined ? "apiVersionMissing" : "apiVersion", { expected: ODCS_API_VERSION, found: String(document.apiVersion) }, "apiVersion");
  }
  return { ok: true, document };
}
