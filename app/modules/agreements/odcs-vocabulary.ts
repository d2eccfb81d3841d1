// The words Koers writes into (and reads from) an ODCS v3.1.0 data contract: how Koers statuses,
// field types and frequencies are said in the standard, and the names of the custom properties
// for what ODCS has no field for. Export and import share this file, so a round trip cannot drift.
import type { AgreementStatus, AgreementTerms, FieldType } from "../../../db/schema/agreements";
import type { KpiFrequency } from "../../../db/schema/kpis";

export const ODCS_API_VERSION = "v3.1.0";
export const ODCS_KIND = "DataContract";

/** ODCS's status words (free text in the standard; these are its examples). */
export const ODCS_STATUS: Record<AgreementStatus, string> = {
  draft: "draft",
  in_review: "proposed",
  awaiting_signatures: "proposed",
  active: "active",
  superseded: "deprecated",
  terminated: "retired",
};

export type OdcsLogicalType = "string" | "date" | "timestamp" | "time" | "number" | "integer" | "object" | "array" | "boolean";

/** Koers field type → ODCS logicalType; the Koers type itself goes into physicalType. */
export const LOGICAL_TYPE: Record<FieldType, OdcsLogicalType> = {
  text: "string",
  integer: "integer",
  decimal: "number",
  date: "date",
  boolean: "boolean",
  period: "string",
};

/** Which Koers types a logicalType may carry when physicalType names one (a period is a string). */
export function fieldTypeFits(type: FieldType, logicalType: string | undefined): boolean {
  return logicalType === undefined || LOGICAL_TYPE[type] === logicalType;
}

/** A period label as Koers writes it: "2026", "2026-Q1" or "2026-03". */
export const PERIOD_PATTERN = "^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$";
export const DATE_FORMAT = "yyyy-MM-dd";

/** Frequency as an ODCS SLA `frequency`: a number of months or years. */
export const FREQUENCY_SLA: Record<KpiFrequency, { value: number; unit: "m" | "y" }> = {
  month: { value: 1, unit: "m" },
  quarter: { value: 3, unit: "m" },
  year: { value: 1, unit: "y" },
};

/** The frequency an SLA `frequency` describes, or undefined when Koers has no such frequency. */
export function frequencyFromSla(value: unknown, unit: string | undefined): KpiFrequency | undefined {
  if (typeof value !== "number") return undefined;
  const u = (unit ?? "").trim().toLowerCase();
  const months = ["m", "mo", "mon", "month", "months", "maand", "maanden"].includes(u) ? value : ["y", "yr", "year", "years", "jaar"].includes(u) ? value * 12 : undefined;
  if (months === 1) return "month";
  if (months === 3) return "quarter";
  if (months === 12) return "year";
  return undefined;
}

/** Retention in words ("7 jaar") ↔ an SLA value with an ISO-like unit; text that is not a count stays text. */
const RETENTION_UNITS: { unit: string; one: string; many: string; aliases: string[] }[] = [
  { unit: "y", one: "jaar", many: "jaar", aliases: ["y", "yr", "year", "years", "jaar", "jaren"] },
  { unit: "m", one: "maand", many: "maanden", aliases: ["m", "mo", "month", "months", "maand", "maanden"] },
  { unit: "w", one: "week", many: "weken", aliases: ["w", "week", "weeks", "weken"] },
  { unit: "d", one: "dag", many: "dagen", aliases: ["d", "day", "days", "dag", "dagen"] },
];

export function retentionToSla(retention: string): { value: number | string; unit?: string } {
  const match = /^\s*(\d{1,4})\s*([a-zA-Z]+)\s*$/.exec(retention);
  const unit = match ? RETENTION_UNITS.find((u) => u.aliases.includes(match[2]!.toLowerCase())) : undefined;
  if (!match || !unit) return { value: retention.trim() };
  const n = Number(match[1]);
  // Only a text Koers writes back identically is turned into a number with a unit.
  return retention.trim() === `${n} ${n === 1 ? unit.one : unit.many}` ? { value: n, unit: unit.unit } : { value: retention.trim() };
}

export function retentionFromSla(value: unknown, unit: string | undefined): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
  const u = RETENTION_UNITS.find((r) => r.aliases.includes((unit ?? "").trim().toLowerCase()));
  if (!u) return undefined;
  return `${value} ${value === 1 ? u.one : u.many}`;
}

/** Contact roles in Koers, and the ODCS/English/Dutch role words an imported team member may use. */
export const CONTACT_ROLES = ["supplier", "receiver", "technical", "privacy"] as const satisfies readonly AgreementTerms["contacts"][number]["role"][];
export type ContactRole = (typeof CONTACT_ROLES)[number];
const ROLE_ALIASES: Record<string, ContactRole> = {
  supplier: "supplier",
  leverancier: "supplier",
  owner: "supplier",
  "data owner": "supplier",
  producer: "supplier",
  receiver: "receiver",
  ontvanger: "receiver",
  consumer: "receiver",
  technical: "technical",
  "technisch contact": "technical",
  "data engineer": "technical",
  engineer: "technical",
  privacy: "privacy",
  "privacy officer": "privacy",
  dpo: "privacy",
  fg: "privacy",
};

export function contactRoleFrom(role: string | undefined): ContactRole | undefined {
  return role === undefined ? undefined : ROLE_ALIASES[role.trim().toLowerCase()];
}

/** Names of custom properties Koers writes (contract level, and per property = field). */
export const CUSTOM = {
  reference: "koersReference",
  status: "koersStatus",
  municipalityCode: "municipalityCode",
  formats: "deliveryFormats",
  reminder: "reminderWorkingDaysBefore",
  grace: "escalationWorkingDaysAfterDeadline",
  escalation: "escalationLadder",
  personalData: "personalData",
  legalGround: "legalGround",
  completeness: "qualityCompletenessPct",
  validity: "qualityValidity",
  timeliness: "qualityTimeliness",
  unit: "unit",
  kpiCode: "kpiCode",
  kpiName: "kpiName",
  aggregation: "kpiAggregation",
  minimum: "minimum",
  maximum: "maximum",
  phone: "phone",
} as const;

/** The SLA property that carries the deadline: working days after a period ends. */
export const DEADLINE_SLA = "latency";

/** The largest ODCS file Koers reads (a contract of a few hundred fields is a few tens of kB). */
export const ODCS_MAX_BYTES = 1024 * 1024;
/** YAML aliases allowed in one file: enough for shared definitions, far too few for a "billion laughs". */
export const ODCS_MAX_ALIASES = 100;
