// The canonical text of an agreement version: the exact words people sign. It is built from the
// version's terms in a fixed order and a fixed form (Unicode NFC, "\n" line ends, no trailing
// spaces, numbers and dates written one way), so the same terms always give the same text and the
// same SHA-256, on any machine and in any language the UI is in. Signatures bind to that hash; the
// PDF shows it, and anyone can check a PDF against Koers with it.
import { createHash } from "node:crypto";
import type { AgreementTerms, DeliveryFormat, FieldType, KpiAggregation } from "../../../db/schema/agreements";
import type { KpiFrequency } from "../../../db/schema/kpis";

/** Bump when the form of the text changes; part of the text, so old hashes stay checkable. */
export const CANONICAL_TEXT_FORMAT = "koers-glo/1";

export interface CanonicalField {
  name: string;
  description: string | null;
  type: FieldType;
  unit: string | null;
  required: boolean;
  isKey: boolean;
  allowedValues: readonly string[] | null;
  min: number | null;
  max: number | null;
  /** The KPI the field feeds (name and library code), with how its rows are combined. */
  kpi: { name: string; templateCode: string | null } | null;
  aggregation: KpiAggregation | null;
}

export interface CanonicalDataset {
  key: string;
  name: string;
  description: string | null;
  fields: readonly CanonicalField[];
}

export interface CanonicalAgreementInput {
  municipality: { name: string; cbsCode: string | null };
  reference: string;
  version: number;
  party: { kind: "department" | "external_source"; name: string };
  title: string;
  frequency: KpiFrequency;
  deadlineWorkingDays: number;
  reminderWorkingDaysBefore: number;
  graceWorkingDays: number;
  formats: readonly DeliveryFormat[];
  /** ISO dates (yyyy-mm-dd). */
  startDate: string;
  endDate: string | null;
  terms: AgreementTerms;
  /** In the agreement's order. */
  datasets: readonly CanonicalDataset[];
}

const FREQUENCY_NL: Record<KpiFrequency, string> = { month: "per maand", quarter: "per kwartaal", year: "per jaar" };
const FORMAT_NL: Record<DeliveryFormat, string> = { csv: "CSV", xlsx: "XLSX (Excel)", api: "API (aanlevering door een systeem)" };
const TYPE_NL: Record<FieldType, string> = { text: "tekst", integer: "geheel getal", decimal: "decimaal getal", date: "datum", boolean: "ja/nee", period: "periode" };
const AGGREGATION_NL: Record<KpiAggregation, string> = { single: "één waarde per periode", sum: "som over de rijen", mean: "gemiddelde over de rijen", count: "aantal rijen" };
const CONTACT_ROLE_NL: Record<AgreementTerms["contacts"][number]["role"], string> = {
  supplier: "leverancier",
  receiver: "ontvanger",
  technical: "technisch contact",
  privacy: "privacy (FG/privacy officer)",
};

/** One value, normalised: NFC, whitespace runs inside a line collapsed, trimmed. */
function clean(value: string): string {
  return value.normalize("NFC").replace(/\r\n?/g, "\n").split("\n").map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim()).join("\n").trim();
}

/** Multi-line text indented under its label, so a value can never pose as a new heading. */
function block(value: string, indent = "    "): string {
  return clean(value)
    .split("\n")
    .map((line) => (line === "" ? "" : indent + line))
    .join("\n");
}

/** Numbers in one form: plain decimal point, no exponent, no grouping ("1234.5"). */
function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return Number.isInteger(value) ? value.toFixed(0) : String(value);
}

const yesNo = (value: boolean) => (value ? "ja" : "nee");

export function canonicalAgreementText(input: CanonicalAgreementInput): string {
  const out: string[] = [];
  const line = (text = "") => out.push(text);
  const field = (label: string, value: string | null | undefined) => {
    if (value === null || value === undefined || clean(value) === "") return line(`${label}: -`);
    const v = clean(value);
    if (v.includes("\n")) {
      line(`${label}:`);
      line(block(v));
    } else line(`${label}: ${v}`);
  };

  line(`# Gegevensleveringsovereenkomst ${clean(input.reference)} versie ${input.version}`);
  line(`Formaat: ${CANONICAL_TEXT_FORMAT}`);
  line();
  field("Titel", input.title);
  field("Gemeente", input.municipality.cbsCode ? `${input.municipality.name} (CBS ${input.municipality.cbsCode})` : input.municipality.name);
  field(input.party.kind === "department" ? "Leverende afdeling" : "Leverende externe bron", input.party.name);
  field("Doel", input.terms.purpose);
  line();
  line("## Levering");
  field("Frequentie", FREQUENCY_NL[input.frequency]);
  field("Termijn", `binnen ${input.deadlineWorkingDays} werkdagen na het einde van elke periode`);
  field("Herinnering", `${input.reminderWorkingDaysBefore} werkdagen voor de termijn en op de dag zelf`);
  field("Escalatie naar de programmaleider", `${input.graceWorkingDays} werkdagen na de termijn`);
  field("Formaten", [...input.formats].sort().map((f) => FORMAT_NL[f]).join(", "));
  field("Ingangsdatum", input.startDate);
  field("Einddatum", input.endDate ?? "geen (tot opzegging)");
  line();
  line("## Kwaliteit");
  field("Volledigheid", input.terms.quality.completenessPct === undefined ? null : `${num(input.terms.quality.completenessPct)}% van de verwachte rijen`);
  field("Juistheid", input.terms.quality.validity);
  field("Tijdigheid", input.terms.quality.timeliness);
  line();
  line("## Privacy en bewaren");
  field("Persoonsgegevens", yesNo(input.terms.personalData));
  field("Grondslag (AVG)", input.terms.legalGround);
  field("Bewaartermijn", input.terms.retention);
  line();
  line("## Contactpersonen");
  if (input.terms.contacts.length === 0) line("-");
  for (const c of input.terms.contacts) {
    const parts = [clean(c.name), c.email ? clean(c.email) : null, c.phone ? clean(c.phone) : null].filter(Boolean);
    line(`- ${CONTACT_ROLE_NL[c.role]}: ${parts.join(", ")}`);
  }
  line();
  line("## Escalatieladder");
  if (input.terms.escalation.length === 0) line("-");
  for (const step of [...input.terms.escalation].sort((a, b) => a.afterWorkingDays - b.afterWorkingDays)) {
    line(`- na ${step.afterWorkingDays} werkdagen: ${clean(step.to)}`);
  }
  for (const [i, ds] of input.datasets.entries()) {
    line();
    line(`## Dataset ${i + 1}: ${clean(ds.name)}`);
    field("Sleutel", ds.key);
    field("Omschrijving", ds.description);
    for (const f of ds.fields) {
      line(`- Veld ${clean(f.name)}`);
      const sub = (label: string, value: string) => line(`    ${label}: ${value}`);
      sub("type", TYPE_NL[f.type]);
      if (f.unit && clean(f.unit)) sub("eenheid", clean(f.unit));
      sub("verplicht", yesNo(f.required));
      if (f.isKey) sub("sleutelveld", "ja");
      if (f.allowedValues && f.allowedValues.length > 0) sub("toegestane waarden", f.allowedValues.map(clean).join(" | "));
      if (f.min !== null) sub("minimum", num(f.min));
      if (f.max !== null) sub("maximum", num(f.max));
      if (f.description && clean(f.description)) sub("omschrijving", clean(f.description).replace(/\n/g, " "));
      if (f.kpi) {
        const code = f.kpi.templateCode ? ` [${f.kpi.templateCode}]` : "";
        sub("voedt KPI", `${clean(f.kpi.name)}${code} (${AGGREGATION_NL[f.aggregation ?? "single"]})`);
      }
    }
  }
  if (input.terms.notes && clean(input.terms.notes)) {
    line();
    line("## Overige afspraken");
    line(block(input.terms.notes));
  }
  return out.map((l) => l.replace(/[ \t]+$/g, "")).join("\n") + "\n";
}

/** SHA-256 (lower-case hex) of a text as UTF-8. */
export function sha256Hex(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

export function agreementContentHash(canonicalText: string): string {
  return sha256Hex(canonicalText);
}
