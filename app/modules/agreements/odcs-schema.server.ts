// The official ODCS v3.1.0 JSON schema (draft 2019-09), compiled once with ajv. Its errors become
// problems with their place in the document, shown as "schema[0].properties[2].logicalType: moet
// één van … zijn", so whoever wrote the file can find and fix every problem in one go.
import Ajv2019, { type ErrorObject } from "ajv/dist/2019";
import addFormats from "ajv-formats";
import type { OdcsProblem } from "./odcs-problem";
import odcsSchema from "../../../db/seed/reference/odcs-json-schema-v3.1.0.json" with { type: "json" };

export type { OdcsProblem };

let compiled: ReturnType<Ajv2019["compile"]> | undefined;

function validator() {
  if (!compiled) {
    // strict: false — the official schema uses annotation keywords (examples, deprecated) ajv's strict mode rejects.
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(odcsSchema);
  }
  return compiled;
}

/** "/schema/0/properties/2/logicalType" → "schema[0].properties[2].logicalType". */
export function documentPath(pointer: string, child?: string): string {
  const parts = pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (child !== undefined) parts.push(child);
  let out = "";
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out === "" ? part : `.${part}`;
  return out;
}

const TYPE_CODES: Record<string, string> = { string: "typeString", number: "typeNumber", integer: "typeInteger", boolean: "typeBoolean", object: "typeObject", array: "typeArray", null: "typeNull" };
const FORMAT_CODES: Record<string, string> = { "date-time": "formatDateTime", date: "formatDate" };

function problemOf(error: ErrorObject): OdcsProblem | undefined {
  const at = documentPath(error.instancePath);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "if":
      // Always accompanied by the error of the `then` branch it summarises.
      return undefined;
    case "required":
      return { path: documentPath(error.instancePath, String(p.missingProperty)), code: "required" };
    case "additionalProperties":
      return { path: documentPath(error.instancePath, String(p.additionalProperty)), code: "unknownField" };
    case "unevaluatedProperties":
      return { path: documentPath(error.instancePath, String(p.unevaluatedProperty)), code: "unknownField" };
    case "enum":
      return { path: at, code: "enum", values: { allowed: (p.allowedValues as unknown[]).map(String).join(", ") } };
    case "const":
      return { path: at, code: "const", values: { allowed: String(p.allowedValue) } };
    case "type":
      return { path: at, code: TYPE_CODES[String(p.type).split(",")[0]!] ?? "rule", values: { rule: "type" } };
    case "format":
      return { path: at, code: FORMAT_CODES[String(p.format)] ?? "format", values: { format: String(p.format) } };
    case "minimum":
    case "exclusiveMinimum":
    case "maximum":
    case "exclusiveMaximum":
    case "minItems":
    case "maxItems":
      return { path: at, code: error.keyword, values: { limit: Number(p.limit) } };
    case "uniqueItems":
    case "oneOf":
    case "anyOf":
      return { path: at, code: error.keyword };
    case "pattern":
      return { path: at, code: "pattern", values: { pattern: String(p.pattern) } };
    default:
      return { path: at, code: "rule", values: { rule: error.keyword } };
  }
}

/** The document's problems against the official schema, de-duplicated; [] when valid. */
export function validateOdcs(document: unknown): OdcsProblem[] {
  const validate = validator();
  if (validate(document)) return [];
  const seen = new Set<string>();
  const problems: OdcsProblem[] = [];
  for (const error of validate.errors ?? []) {
    const problem = problemOf(error);
    if (!problem) continue;
    const key = `${problem.path}\u0000${problem.code}\u0000${JSON.stringify(problem.values ?? {})}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/** For exports: a contract Koers made must validate; if not, that is a bug, not the user's problem. */
export function assertValidOdcs(document: unknown): void {
  const problems = validateOdcs(document);
  if (problems.length > 0) throw new Error(`ODCS export does not validate: ${problems.map((p) => `${p.path}: ${p.code} ${JSON.stringify(p.values ?? {})}`).join("; ")}`);
}
