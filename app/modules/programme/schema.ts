import { z } from "zod";

export const phaseNumberField = z.coerce.number().int().min(1).max(4);

export const reopenSchema = z.object({
  reason: z.string({ error: "programme.errors.reasonRequired" }).trim().min(3, { error: "programme.errors.reasonRequired" }).max(500),
});

export const addCriterionSchema = z.object({
  label: z.string({ error: "programme.errors.labelRequired" }).trim().min(1, { error: "programme.errors.labelRequired" }).max(200, { error: "programme.errors.labelTooLong" }),
});

const optionalDate = z.preprocess((v) => (v === "" || v === undefined ? null : v), z.iso.date({ error: "programme.errors.dateInvalid" }).nullable());

export const phasePlanSchema = z
  .object({
    plannedStart: optionalDate,
    plannedEnd: optionalDate,
    ownerUserId: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.string().nullable()),
  })
  .refine((v) => !v.plannedStart || !v.plannedEnd || v.plannedStart <= v.plannedEnd, { error: "programme.errors.endBeforeStart", path: ["plannedEnd"] });

/** Start a phase or close its gate: nothing to fill in, the phase comes from the URL. */
export const phaseTransitionSchema = z.object({});

export const criterionIdField = z.string({ error: "gate.errors.not_found" }).min(1, { error: "gate.errors.not_found" });

/** One criterion's checkbox: ticked when the box is sent ("on"), not ticked when it is absent. */
export const setCriterionSchema = z.object({
  criterionId: criterionIdField,
  checked: z.boolean().optional().default(false),
});

export const removeCriterionSchema = z.object({ criterionId: criterionIdField });
