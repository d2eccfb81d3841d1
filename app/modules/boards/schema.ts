import { z } from "zod";
import { TASK_LINK_KINDS } from "../../../db/schema/boards";

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

const title = z.string({ error: "boards.errors.titleRequired" }).trim().min(1, { error: "boards.errors.titleRequired" }).max(200, { error: "boards.errors.titleTooLong" });
const description = z.string().trim().max(5000, { error: "boards.errors.descriptionTooLong" }).optional().default("");
const dueDate = z.preprocess(blankToNull, z.iso.date({ error: "boards.errors.dateInvalid" }).nullable());
/** Labels arrive as one comma-separated field from a form, or as a list. */
const labels = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",") : (v ?? [])),
  z.array(z.string().trim().max(40, { error: "boards.errors.labelTooLong" })).transform((l) => [...new Set(l.filter(Boolean))]).pipe(z.array(z.string()).max(20)),
);
const id = z.string({ error: "boards.errors.not_found" }).min(1, { error: "boards.errors.not_found" });
const optionalId = z.preprocess(blankToNull, z.string().min(1).nullable()).optional();

export const createTaskSchema = z.object({ columnId: optionalId, title, description, dueDate: dueDate.optional(), labels: labels.optional() });
export const updateTaskSchema = z.object({ taskId: id, title, description, dueDate, labels });
export const assignTaskSchema = z.object({ taskId: id, assigneeUserId: z.preprocess(blankToNull, z.string().nullable()) });
export const moveTaskSchema = z.object({ taskId: id, columnId: id, beforeTaskId: optionalId, afterTaskId: optionalId });
export const addChecklistItemSchema = z.object({
  taskId: id,
  text: z.string({ error: "boards.errors.textRequired" }).trim().min(1, { error: "boards.errors.textRequired" }).max(300, { error: "boards.errors.textTooLong" }),
});
export const toggleChecklistItemSchema = z.object({ itemId: id, done: z.boolean().optional().default(false) });
export const addCommentSchema = z.object({
  taskId: id,
  body: z.string({ error: "boards.errors.commentRequired" }).trim().min(1, { error: "boards.errors.commentRequired" }).max(5000, { error: "boards.errors.commentTooLong" }),
});
/** The link form's one select: "<kind>:<id>" of a document, KPI, agreement or training session. */
export const addLinkSchema = z.object({
  taskId: id,
  target: z
    .string({ error: "boards.errors.linkTargetRequired" })
    .regex(new RegExp(`^(${TASK_LINK_KINDS.join("|")}):[0-9a-f-]{36}$`, "i"), { error: "boards.errors.linkTargetRequired" })
    .transform((value) => {
      const [kind, targetId] = value.split(":") as [(typeof TASK_LINK_KINDS)[number], string];
      return { targetKind: kind, targetId };
    }),
});
const columnName = z.string({ error: "boards.errors.columnNameRequired" }).trim().min(1, { error: "boards.errors.columnNameRequired" }).max(60, { error: "boards.errors.columnNameTooLong" });
export const renameColumnSchema = z.object({ columnId: id, name: columnName });
export const addColumnSchema = z.object({ name: columnName, done: z.boolean().optional().default(false) });
export const moveColumnSchema = z.object({ columnId: id, beforeColumnId: optionalId, afterColumnId: optionalId });
export const boardFilterSchema = z.object({
  mine: z.preprocess((v) => v === "1" || v === "true" || v === true, z.boolean()).optional(),
  overdue: z.preprocess((v) => v === "1" || v === "true" || v === true, z.boolean()).optional(),
  label: z.preprocess(blankToNull, z.string().trim().max(40).nullable()).optional(),
});
