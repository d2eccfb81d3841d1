// Form schemas for measurements entered by hand. Messages are i18n keys. Whether the period fits
// the KPI's frequency and has begun, and whether the value is in the unit's range, needs the KPI:
// measurements.server.ts checks those and answers with field errors under the same keys.
import { z } from "zod";
import { parseDecimal } from "./number-format";

export const REASON_MAX = 500;
export const PERIOD_MAX = 20;

export const periodField = z
  .string({ error: "kpiDashboard.errors.periodRequired" })
  .trim()
  .min(1, { error: "kpiDashboard.errors.periodRequired" })
  .max(PERIOD_MAX, { error: "kpiDashboard.errors.periodInvalid" });

/** A number as typed: "12,5" or "12.5"; see number-format.ts for what is refused. */
export const valueField = z
  .string({ error: "kpiDashboard.errors.valueRequired" })
  .trim()
  .min(1, { error: "kpiDashboard.errors.valueRequired" })
  .transform((text, ctx) => {
    const parsed = parseDecimal(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.error === "ambiguous" ? "kpiDashboard.errors.valueAmbiguous" : "kpiDashboard.errors.valueInvalid" });
      return z.NEVER;
    }
    return parsed.value;
  });

export const reasonField = z
  .string({ error: "kpiDashboard.errors.reasonRequired" })
  .trim()
  .min(1, { error: "kpiDashboard.errors.reasonRequired" })
  .max(REASON_MAX, { error: "kpiDashboard.errors.reasonTooLong" });

const idField = z.string({ error: "kpiDashboard.errors.measurementNotFound" }).min(1, { error: "kpiDashboard.errors.measurementNotFound" }).max(100);

export const recordMeasurementSchema = z.object({
  period: periodField,
  value: valueField,
  reason: reasonField,
  /** Ticked to replace the value a period already has. */
  confirmReplace: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "true"),
});

export const deleteMeasurementSchema = z.object({ measurementId: idField, reason: reasonField });

export type RecordMeasurementInput = z.input<typeof recordMeasurementSchema>;
export type RecordMeasurementValues = z.output<typeof recordMeasurementSchema>;
export type DeleteMeasurementInput = z.input<typeof deleteMeasurementSchema>;

/** Field errors of a failed parse, by field name (for callers that skip the form). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "");
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

// Periods -----------------------------------------------------------------------------------------

/** Today in the Netherlands as YYYY-MM-DD: a period has begun when its first day is on or before it. */
export function todayInAmsterdam(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Years back the period select reaches. */
export const PERIOD_CHOICE_YEARS = 10;
