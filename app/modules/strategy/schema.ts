// Form schemas for focus areas (aandachtsgebieden) and policy maps (beleidskaarten). Messages are
// i18n keys. The module functions check their input with the same field schemas, so a caller that
// skips the form still gets a field error instead of a half-saved row.
import { z } from "zod";

export const AREA_NAME_MAX = 120;
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 1000;
export const BUDGET_CODE_MAX = 20;
export const BUDGET_NAME_MAX = 120;

export const areaNameField = z
  .string({ error: "policyMaps.errors.areaNameRequired" })
  .trim()
  .min(1, { error: "policyMaps.errors.areaNameRequired" })
  .max(AREA_NAME_MAX, { error: "policyMaps.errors.areaNameTooLong" });

export const goalTitleField = z
  .string({ error: "policyMaps.errors.goalTitleRequired" })
  .trim()
  .min(1, { error: "policyMaps.errors.goalTitleRequired" })
  .max(TITLE_MAX, { error: "policyMaps.errors.titleTooLong" });

export const factorTitleField = z
  .string({ error: "policyMaps.errors.factorTitleRequired" })
  .trim()
  .min(1, { error: "policyMaps.errors.factorTitleRequired" })
  .max(TITLE_MAX, { error: "policyMaps.errors.titleTooLong" });

/** Optional free text; blank means "none". */
function optionalText(max: number, tooLong: string) {
  return z
    .string()
    .trim()
    .max(max, { error: tooLong })
    .optional()
    .transform((value) => (value ? value : undefined));
}

export const descriptionField = optionalText(DESCRIPTION_MAX, "policyMaps.errors.descriptionTooLong");
export const budgetCodeField = optionalText(BUDGET_CODE_MAX, "policyMaps.errors.budgetCodeTooLong");
export const budgetNameField = optionalText(BUDGET_NAME_MAX, "policyMaps.errors.budgetNameTooLong");

const idField = z.string({ error: "policyMaps.errors.notFound" }).min(1, { error: "policyMaps.errors.notFound" }).max(100);
const directionField = z.enum(["up", "down"], { error: "policyMaps.errors.notFound" });

// Focus areas ---------------------------------------------------------------------------------

export const focusAreaFields = z.object({ name: areaNameField, description: descriptionField });
export const createFocusAreaSchema = focusAreaFields;
export const updateFocusAreaSchema = focusAreaFields.extend({ areaId: idField });
export const setFocusAreaChosenSchema = z.object({
  areaId: idField,
  chosen: z.enum(["true", "false"], { error: "policyMaps.errors.notFound" }).transform((value) => value === "true"),
});
export const focusAreaIdSchema = z.object({ areaId: idField });

// Strategic goals ------------------------------------------------------------------------------

export const goalFields = z.object({
  title: goalTitleField,
  description: descriptionField,
  budgetProgrammeCode: budgetCodeField,
  budgetProgrammeName: budgetNameField,
});
export const createGoalSchema = goalFields;
export const updateGoalSchema = goalFields.extend({ goalId: idField });
export const moveGoalSchema = z.object({ goalId: idField, direction: directionField });
export const goalIdSchema = z.object({ goalId: idField });

// Success factors ------------------------------------------------------------------------------

export const factorFields = z.object({ title: factorTitleField, description: descriptionField });
export const createFactorSchema = factorFields.extend({ goalId: idField });
export const updateFactorSchema = factorFields.extend({ factorId: idField });
export const moveFactorSchema = z.object({ factorId: idField, direction: directionField });
export const factorIdSchema = z.object({ factorId: idField });

export type FocusAreaInput = z.input<typeof focusAreaFields>;
export type GoalInput = z.input<typeof goalFields>;
export type FactorInput = z.input<typeof factorFields>;
export type Direction = z.output<typeof directionField>;

/** Field errors of a failed parse, keyed by field name (messages are i18n keys). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    (out[field] ??= []).push(issue.message);
  }
  return out;
}
