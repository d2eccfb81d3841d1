// Form schemas for external sources (externe bronnen). Messages are i18n keys.
import { z } from "zod";
import { departmentNameField } from "../departments/schema";

export const SOURCE_DESCRIPTION_MAX = 500;

export const sourceNameField = departmentNameField;

/** Optional: an empty field means "no description". */
export const sourceDescriptionField = z
  .string()
  .trim()
  .max(SOURCE_DESCRIPTION_MAX, { error: "departments.errors.descriptionTooLong" })
  .optional();

const idField = z.string({ error: "departments.errors.sourceNotFound" }).min(1, { error: "departments.errors.sourceNotFound" }).max(100);

export const createExternalSourceSchema = z.object({ name: sourceNameField, description: sourceDescriptionField });

export const updateExternalSourceSchema = z.object({ sourceId: idField, name: sourceNameField, description: sourceDescriptionField });

export const deleteExternalSourceSchema = z.object({ sourceId: idField });
