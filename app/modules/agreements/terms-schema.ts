// Form schemas for agreements: a new draft, the terms of a draft version, its datasets and fields,
// reasons, and review comments. Messages are i18n keys (agreements.errors.*). The commands parse
// their input with the same schemas, so a caller that skips the form still gets a field error and
// nothing half-written.
import { z } from "zod";
import { DELIVERY_FORMATS, FIELD_TYPES, KPI_AGGREGATIONS, type AgreementTerms } from "../../../db/schema/agreements";
import { KPI_FREQUENCIES } from "../../../db/schema/kpis";
import { parseDecimal } from "../kpis/schema";
import { TEMPLATE_KEYS } from "./templates";

const E = (key: string) => `agreements.errors.${key}`;

export const TITLE_MAX = 200;
export const TEXT_MAX = 2000;
export const SHORT_MAX = 200;
export const DATASET_NAME_MAX = 120;
export const FIELD_NAME_MAX = 60;
export const ALLOWED_VALUES_MAX = 100;
export const CONTACT_ROLES = ["supplier", "receiver", "technical", "privacy"] as const satisfies readonly AgreementTerms["contacts"][number]["role"][];
export const ESCALATION_STEPS = 3;

const id = (key: string) => z.string({ error: E(key) }).trim().min(1, { error: E(key) }).max(100, { error: E(key) });

function optionalText(max: number, tooLong = "textTooLong") {
  return z
    .string()
    .trim()
    .max(max, { error: E(tooLong) })
    .optional()
    .transform((value) => (value ? value : undefined));
}

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true");

/** One or more values of a multi-valued field (checkboxes, multiple select) as an array. */
const many = <T extends z.ZodType>(item: T) => z.preprocess((value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]), z.array(item));

function wholeNumber(min: number, max: number, key: string, required = true) {
  const base = z
    .string({ error: E(`${key}Required`) })
    .trim()
    .regex(/^\d+$/, { error: E(`${key}Invalid`) })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: E(`${key}Invalid`) });
  return required ? base : base.optional();
}

const NUMBER = /^-?\d+([.,]\d+)?$/;
const optionalDecimal = z
  .string()
  .trim()
  .optional()
  .refine((value) => !value || NUMBER.test(value), { error: E("numberInvalid") })
  .transform((value) => (value ? parseDecimal(value)! : null));

const isoDate = (key: string) =>
  z
    .string({ error: E(`${key}Required`) })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: E("dateInvalid") })
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), { error: E("dateInvalid") });

/** The party select's value: "department:<id>" or "external:<id>". */
export const partyField = z
  .string({ error: E("partyRequired") })
  .trim()
  .min(1, { error: E("partyRequired") })
  .regex(/^(department|external):[^:\s]{1,100}$/, { error: E("partyNotFound") })
  .transform((value) => {
    const [kind, partyId] = value.split(":") as ["department" | "external", string];
    return { kind: kind === "department" ? ("department" as const) : ("external_source" as const), id: partyId };
  });

export const createDraftSchema = z.object({
  party: partyField,
  template: z
    .enum(TEMPLATE_KEYS, { error: E("templateNotFound") })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  kpiIds: many(id("kpiNotFound")).refine((ids) => ids.length > 0, { error: E("kpisRequired") }),
  title: optionalText(TITLE_MAX, "titleTooLong"),
});
export type CreateDraftInput = z.input<typeof createDraftSchema>;

// The terms ---------------------------------------------------------------------------------------

const contactFields = Object.fromEntries(
  CONTACT_ROLES.flatMap((role) => [
    [`${role}Name`, optionalText(SHORT_MAX)],
    [`${role}Email`, z.email({ error: E("emailInvalid") }).max(SHORT_MAX, { error: E("textTooLong") }).optional().or(z.literal("").transform(() => undefined))],
    [`${role}Phone`, z.string().trim().max(40, { error: E("phoneInvalid") }).regex(/^[+\d][\d\s()-]*$/, { error: E("phoneInvalid") }).optional().or(z.literal("").transform(() => undefined))],
  ]),
) as Record<`${(typeof CONTACT_ROLES)[number]}${"Name" | "Email" | "Phone"}`, z.ZodType<string | undefined>>;

const escalationFields = Object.fromEntries(
  Array.from({ length: ESCALATION_STEPS }, (_, i) => [
    [`escalation${i + 1}Days`, wholeNumber(0, 60, "escalationDays", false).or(z.literal("").transform(() => undefined))],
    [`escalation${i + 1}To`, optionalText(SHORT_MAX)],
  ]).flat(),
) as Record<`escalation${1 | 2 | 3}${"Days" | "To"}`, z.ZodType<string | number | undefined>>;

export const termsSchema = z
  .object({
    title: z.string({ error: E("titleRequired") }).trim().min(1, { error: E("titleRequired") }).max(TITLE_MAX, { error: E("titleTooLong") }),
    purpose: optionalText(TEXT_MAX),
    frequency: z.enum(KPI_FREQUENCIES, { error: E("frequencyInvalid") }),
    deadlineWorkingDays: wholeNumber(1, 60, "deadline"),
    reminderWorkingDaysBefore: wholeNumber(0, 30, "reminder"),
    graceWorkingDays: wholeNumber(0, 60, "grace"),
    formats: many(z.enum(DELIVERY_FORMATS, { error: E("formatInvalid") })),
    startDate: isoDate("startDate"),
    endDate: isoDate("startDate").optional().or(z.literal("").transform(() => undefined)),
    completenessPct: optionalDecimal.refine((n) => n === null || (n >= 0 && n <= 100), { error: E("percentInvalid") }),
    validity: optionalText(TEXT_MAX),
    timeliness: optionalText(TEXT_MAX),
    personalData: checkbox,
    legalGround: optionalText(SHORT_MAX * 2),
    retention: optionalText(SHORT_MAX),
    notes: optionalText(TEXT_MAX * 2),
    ...contactFields,
    ...escalationFields,
  })
  .superRefine((v, ctx) => {
    if (v.endDate && v.endDate <= v.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: E("endBeforeStart") });
    if (v.personalData && !v.legalGround) ctx.addIssue({ code: "custom", path: ["legalGround"], message: E("legalGroundRequired") });
    for (const role of CONTACT_ROLES) {
      const rec = v as Record<string, unknown>;
      if (!rec[`${role}Name`] && (rec[`${role}Email`] || rec[`${role}Phone`])) ctx.addIssue({ code: "custom", path: [`${role}Name`], message: E("contactNameRequired") });
    }
    for (let i = 1; i <= ESCALATION_STEPS; i++) {
      const rec = v as Record<string, unknown>;
      const days = rec[`escalation${i}Days`];
      const to = rec[`escalation${i}To`];
      if (days !== undefined && !to) ctx.addIssue({ code: "custom", path: [`escalation${i}To`], message: E("escalationToRequired") });
      if (to && days === undefined) ctx.addIssue({ code: "custom", path: [`escalation${i}Days`], message: E("escalationDaysRequired") });
    }
  });
export type TermsInput = z.input<typeof termsSchema>;
export type TermsValues = z.output<typeof termsSchema>;

/** The form's values as the version's columns and terms. */
export function termsFromValues(v: TermsValues) {
  const rec = v as unknown as Record<string, string | number | undefined>;
  const contacts: AgreementTerms["contacts"] = [];
  for (const role of CONTACT_ROLES) {
    const name = rec[`${role}Name`] as string | undefined;
    if (!name) continue;
    const email = rec[`${role}Email`] as string | undefined;
    const phone = rec[`${role}Phone`] as string | undefined;
    contacts.push({ role, name, ...(email ? { email } : {}), ...(phone ? { phone } : {}) });
  }
  const escalation: AgreementTerms["escalation"] = [];
  for (let i = 1; i <= ESCALATION_STEPS; i++) {
    const days = rec[`escalation${i}Days`];
    const to = rec[`escalation${i}To`];
    if (typeof days === "number" && typeof to === "string") escalation.push({ afterWorkingDays: days, to });
  }
  escalation.sort((a, b) => a.afterWorkingDays - b.afterWorkingDays);
  const quality: AgreementTerms["quality"] = {};
  if (v.completenessPct !== null) quality.completenessPct = v.completenessPct;
  if (v.validity) quality.validity = v.validity;
  if (v.timeliness) quality.timeliness = v.timeliness;
  const terms: AgreementTerms = { contacts, quality, escalation, personalData: v.personalData };
  if (v.purpose) terms.purpose = v.purpose;
  if (v.legalGround) terms.legalGround = v.legalGround;
  if (v.retention) terms.retention = v.retention;
  if (v.notes) terms.notes = v.notes;
  return {
    title: v.title,
    frequency: v.frequency,
    deadlineWorkingDays: v.deadlineWorkingDays,
    reminderWorkingDaysBefore: v.reminderWorkingDaysBefore,
    graceWorkingDays: v.graceWorkingDays,
    formats: [...new Set(v.formats)],
    startDate: v.startDate,
    endDate: v.endDate ?? null,
    terms,
  };
}

/** A version's terms as the form's default values (the inverse of termsFromValues). */
export function termsToFormValues(version: { title: string; frequency: string; deadlineWorkingDays: number; reminderWorkingDaysBefore: number; graceWorkingDays: number; formats: string[]; startDate: string; endDate: string | null; terms: AgreementTerms }): Record<string, string | string[]> {
  const t = version.terms;
  const out: Record<string, string | string[]> = {
    title: version.title,
    purpose: t.purpose ?? "",
    frequency: version.frequency,
    deadlineWorkingDays: String(version.deadlineWorkingDays),
    reminderWorkingDaysBefore: String(version.reminderWorkingDaysBefore),
    graceWorkingDays: String(version.graceWorkingDays),
    formats: version.formats,
    startDate: version.startDate,
    endDate: version.endDate ?? "",
    completenessPct: t.quality.completenessPct === undefined ? "" : String(t.quality.completenessPct).replace(".", ","),
    validity: t.quality.validity ?? "",
    timeliness: t.quality.timeliness ?? "",
    personalData: t.personalData ? "on" : "",
    legalGround: t.legalGround ?? "",
    retention: t.retention ?? "",
    notes: t.notes ?? "",
  };
  for (const role of CONTACT_ROLES) {
    const c = t.contacts.find((x) => x.role === role);
    out[`${role}Name`] = c?.name ?? "";
    out[`${role}Email`] = c?.email ?? "";
    out[`${role}Phone`] = c?.phone ?? "";
  }
  t.escalation.slice(0, ESCALATION_STEPS).forEach((step, i) => {
    out[`escalation${i + 1}Days`] = String(step.afterWorkingDays);
    out[`escalation${i + 1}To`] = step.to;
  });
  return out;
}

// Datasets and fields ----------------------------------------------------------------------------

export const datasetSchema = z.object({
  datasetId: z.string().trim().max(100).optional().transform((value) => (value ? value : undefined)),
  name: z.string({ error: E("datasetNameRequired") }).trim().min(1, { error: E("datasetNameRequired") }).max(DATASET_NAME_MAX, { error: E("datasetNameTooLong") }),
  description: optionalText(TEXT_MAX),
});
export type DatasetInput = z.input<typeof datasetSchema>;

const NUMERIC: readonly string[] = ["integer", "decimal"];

export const fieldSchema = z
  .object({
    datasetId: id("datasetNotFound"),
    fieldId: z.string().trim().max(100).optional().transform((value) => (value ? value : undefined)),
    name: z
      .string({ error: E("fieldNameRequired") })
      .trim()
      .min(1, { error: E("fieldNameRequired") })
      .max(FIELD_NAME_MAX, { error: E("fieldNameTooLong") })
      .regex(/^[\p{L}\p{N}_][\p{L}\p{N}_ .()/-]*$/u, { error: E("fieldNameInvalid") }),
    description: optionalText(TEXT_MAX),
    type: z.enum(FIELD_TYPES, { error: E("fieldTypeInvalid") }),
    unit: optionalText(SHORT_MAX),
    required: checkbox,
    isKey: checkbox,
    allowedValues: z
      .string()
      .optional()
      .transform((value) => [...new Set((value ?? "").split(/\r?\n/).map((line) => line.trim()).filter(Boolean))])
      .refine((values) => values.length <= ALLOWED_VALUES_MAX && values.every((x) => x.length <= SHORT_MAX), { error: E("allowedValuesTooMany") }),
    min: optionalDecimal,
    max: optionalDecimal,
    kpiId: z.string().trim().max(100).optional().transform((value) => (value ? value : undefined)),
    aggregation: z.enum(KPI_AGGREGATIONS, { error: E("aggregationInvalid") }).optional().or(z.literal("").transform(() => undefined)),
  })
  .superRefine((v, ctx) => {
    const numeric = NUMERIC.includes(v.type);
    if (!numeric && v.min !== null) ctx.addIssue({ code: "custom", path: ["min"], message: E("rangeOnlyForNumbers") });
    if (!numeric && v.max !== null) ctx.addIssue({ code: "custom", path: ["max"], message: E("rangeOnlyForNumbers") });
    if (v.min !== null && v.max !== null && v.min > v.max) ctx.addIssue({ code: "custom", path: ["max"], message: E("maxBelowMin") });
    if (v.type === "integer" && v.min !== null && !Number.isInteger(v.min)) ctx.addIssue({ code: "custom", path: ["min"], message: E("integerBound") });
    if (v.type === "integer" && v.max !== null && !Number.isInteger(v.max)) ctx.addIssue({ code: "custom", path: ["max"], message: E("integerBound") });
    if (v.allowedValues.length > 0 && v.type !== "text") ctx.addIssue({ code: "custom", path: ["allowedValues"], message: E("allowedValuesOnlyText") });
    if (v.kpiId && !v.aggregation) ctx.addIssue({ code: "custom", path: ["aggregation"], message: E("aggregationRequired") });
    if (v.kpiId && v.aggregation && v.aggregation !== "count" && !numeric) ctx.addIssue({ code: "custom", path: ["kpiId"], message: E("kpiFieldNotNumeric") });
  });
export type FieldInput = z.input<typeof fieldSchema>;

export const moveSchema = z.object({ id: id("notFound"), direction: z.enum(["up", "down"], { error: E("notFound") }) });
export const removeSchema = z.object({ id: id("notFound") });
export const reasonSchema = z.object({ reason: z.string({ error: E("reasonRequired") }).trim().min(3, { error: E("reasonRequired") }).max(TEXT_MAX, { error: E("textTooLong") }) });
export const commentSchema = z.object({ body: z.string({ error: E("commentRequired") }).trim().min(1, { error: E("commentRequired") }).max(TEXT_MAX, { error: E("textTooLong") }) });
export const resolveSchema = z.object({ commentId: id("commentNotFound") });
export const emptySchema = z.object({});

/** Field errors of a failed parse, keyed by field name (messages are i18n keys). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    (out[field] ??= []).push(issue.message);
  }
  return out;
}
