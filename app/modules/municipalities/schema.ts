import { z } from "zod";

export const cbsCodeField = z
  .string({ error: "municipality.errors.cbsFormat" })
  .trim()
  .toUpperCase()
  .regex(/^GM\d{4}$/, { error: "municipality.errors.cbsFormat" });

export const createMunicipalitySchema = z.object({
  name: z
    .string({ error: "municipality.errors.nameRequired" })
    .trim()
    .min(1, { error: "municipality.errors.nameRequired" })
    .max(100, { error: "municipality.errors.nameTooLong" }),
  cbsCode: cbsCodeField,
});

export const municipalitySettingsSchema = z.object({
  requireTwoFactorForLeads: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});
