// Form schemas for departments (afdelingen). Messages are i18n keys.
import { z } from "zod";

export const DEPARTMENT_NAME_MAX = 120;

export const departmentNameField = z
  .string({ error: "departments.errors.nameRequired" })
  .trim()
  .min(1, { error: "departments.errors.nameRequired" })
  .max(DEPARTMENT_NAME_MAX, { error: "departments.errors.nameTooLong" });

const idField = z.string({ error: "departments.errors.notFound" }).min(1, { error: "departments.errors.notFound" }).max(100);

export const createDepartmentSchema = z.object({ name: departmentNameField });

export const renameDepartmentSchema = z.object({ departmentId: idField, name: departmentNameField });

/** The checked owners; no boxes checked means "no owners". */
export const setDepartmentOwnersSchema = z.object({
  departmentId: idField,
  ownerIds: z.array(z.string().min(1).max(100)).max(200),
});

export const deleteDepartmentSchema = z.object({ departmentId: idField });
