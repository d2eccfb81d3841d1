// Form schemas for the version history page. Messages are i18n keys.
import { z } from "zod";

export const VERSION_NAME_MAX = 120;

export const nameVersionSchema = z.object({
  name: z
    .string({ error: "documentHistory.errors.nameRequired" })
    .trim()
    .min(1, { error: "documentHistory.errors.nameRequired" })
    .max(VERSION_NAME_MAX, { error: "documentHistory.errors.nameTooLong" }),
});

export const restoreVersionSchema = z.object({
  versionId: z.string({ error: "documentHistory.errors.versionNotFound" }).uuid({ error: "documentHistory.errors.versionNotFound" }),
});
