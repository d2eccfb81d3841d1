// Form schemas for choosing and defining KPIs, their yearly targets and their relations. Messages
// are i18n keys (kpiDefinitions.errors.*). The module functions check their input with the same
// schemas, so a caller that skips the form still gets a field error instead of a half-saved row.
//
// Numbers in forms (targets, thresholds) are strict: digits with at most one decimal separator, a
// comma (Dutch) or a dot, and an optional minus sign: "72", "72,5", "72.5", "-3". Thousands
// separators ("1.234,5") are refused with a clear message rather than guessed.
import { z } from "zod";
import { KPI_DIRECTIONS, KPI_FREQUENCIES, UNIT_KINDS } from "../../../db/schema/kpis";

export const NAME_MAX = 200;
export const DEFINITION_MAX = 2000;
export const FORMULA_MAX = 1000;
export const UNIT_MAX = 200;
export const DATA_NEEDED_MAX = 2000;
export const MAX_DECIMALS = 4;
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

const E = (key: string) => `kpiDefinitions.errors.${key}`;

const idField = z.string({ error: E("notFound") }).min(1, { error: E("notFound") }).max(100, { error: E("notFound") });

export const nameField = z
  .string({ error: E("nameRequired") })
  .trim()
  .min(1, { error: E("nameRequired") })
  .max(NAME_MAX, { error: E("nameTooLong") });

/** Optional free text; blank means "none". */
function optionalText(max: number, tooLong: string) {
  return z
    .string()
    .trim()
    .max(max, { error: tooLong })
    .optional()
    .transform((value) => (value ? value : undefined));
}

/** Optional id of a row chosen in a select; blank means "none". */
const optionalId = z
  .string()
  .trim()
  .max(100, { error: E("notFound") })
  .optional()
  .transform((value) => (value ? value : undefined));

const NUMBER = /^-?\d+([.,]\d+)?$/;

/** "72,5" or "72.5" → 72.5; anything else is refused. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) return null;
  const value = Number(trimmed.replace(",", "."));
  return Number.isFinite(value) ? value : null;
}

function requiredNumber(requiredKey: string) {
  return z
    .string({ error: E(requiredKey) })
    .trim()
    .min(1, { error: E(requiredKey) })
    .regex(NUMBER, { error: E("numberInvalid") })
    .transform((value) => parseDecimal(value)!);
}

const optionalNumber = z
  .string()
  .trim()
  .optional()
  .refine((value) => !value || NUMBER.test(value), { error: E("numberInvalid") })
  .transform((value) => (value ? parseDecimal(value)! : null));

// Choosing and creating -----------------------------------------------------------------------

export const chooseTemplateSchema = z.object({
  templateCode: z.string({ error: E("templateNotFound") }).trim().min(1, { error: E("templateNotFound") }).max(40, { error: E("templateNotFound") }),
  factorId: optionalId,
});

export const createKpiSchema = z.object({ name: nameField, factorId: optionalId });

// The definition ---------------------------------------------------------------------------------

/** The source select's value: "department:<id>" or "external:<id>"; blank means none. */
export const sourceField = z
  .string()
  .trim()
  .optional()
  .refine((value) => !value || /^(department|external):[^:\s]{1,100}$/.test(value), { error: E("sourceNotFound") })
  .transform((value) => {
    if (!value) return null;
    const [kind, id] = value.split(":") as ["department" | "external", string];
    return { kind, id };
  });

export const definitionFields = z.object({
  name: nameField,
  definition: optionalText(DEFINITION_MAX, E("definitionTooLong")),
  formula: optionalText(FORMULA_MAX, E("formulaTooLong")),
  unit: optionalText(UNIT_MAX, E("unitTooLong")),
  unitKind: z.enum(UNIT_KINDS, { error: E("unitKindRequired") }),
  direction: z.enum(KPI_DIRECTIONS, { error: E("directionInvalid") }).optional(),
  frequency: z.enum(KPI_FREQUENCIES, { error: E("frequencyInvalid") }).optional(),
  decimals: z
    .string({ error: E("decimalsInvalid") })
    .trim()
    .regex(new RegExp(`^[0-${MAX_DECIMALS}]$`), { error: E("decimalsInvalid") })
    .transform(Number),
  ownerUserId: optionalId,
  dataNeeded: optionalText(DATA_NEEDED_MAX, E("dataNeededTooLong")),
  source: sourceField,
});
export const updateDefinitionSchema = definitionFields;

// Targets ----------------------------------------------------------------------------------------

export const targetFields = z.object({
  targetId: optionalId,
  year: z
    .string({ error: E("yearRequired") })
    .trim()
    .min(1, { error: E("yearRequired") })
    .regex(/^\d{4}$/, { error: E("yearInvalid") })
    .transform(Number)
    .refine((year) => year >= YEAR_MIN && year <= YEAR_MAX, { error: E("yearInvalid") }),
  target: requiredNumber("targetRequired"),
  greenFrom: optionalNumber,
  amberFrom: optionalNumber,
});
export const saveTargetSchema = targetFields;
export const removeTargetSchema = z.object({ targetId: idField });

// Relations --------------------------------------------------------------------------------------

export const factorLinkSchema = z.object({ factorId: z.string({ error: E("factorRequired") }).trim().min(1, { error: E("factorRequired") }).max(100, { error: E("factorNotFound") }) });
export const influenceSchema = z.object({ otherKpiId: z.string({ error: E("influenceRequired") }).trim().min(1, { error: E("influenceRequired") }).max(100, { error: E("influenceNotFound") }) });
export const influenceRemoveSchema = z.object({ fromKpiId: idField, toKpiId: idField });

export const emptySchema = z.object({});

export type ChooseTemplateInput = z.input<typeof chooseTemplateSchema>;
export type CreateKpiInput = z.input<typeof createKpiSchema>;
export type DefinitionInput = z.input<typeof definitionFields>;
export type TargetInput = z.input<typeof targetFields>;

/** Field errors of a failed parse, keyed by field name (messages are i18n keys). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    (out[field] ??= []).push(issue.message);
  }
  return out;
}
