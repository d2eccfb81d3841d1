// Form schemas for the documents pages (list, document, comments). Messages are i18n keys.
import { z } from "zod";

export const DOCUMENT_TITLE_MAX = 160;
export const COMMENT_MAX = 5000;
export const QUOTE_MAX = 500;
export const REASON_MAX = 1000;
export const PHASES = [1, 2, 3, 4] as const;

const uuid = /^[0-9a-f-]{36}$/i;

const title = z
  .string({ error: "documents.errors.titleRequired" })
  .trim()
  .min(1, { error: "documents.errors.titleRequired" })
  .max(DOCUMENT_TITLE_MAX, { error: "documents.errors.titleTooLong" });

const phaseNumber = z
  .number({ error: "documents.errors.phaseRequired" })
  .int({ error: "documents.errors.phaseRequired" })
  .min(1, { error: "documents.errors.phaseRequired" })
  .max(4, { error: "documents.errors.phaseRequired" });

const body = z
  .string({ error: "documents.errors.commentRequired" })
  .trim()
  .min(1, { error: "documents.errors.commentRequired" })
  .max(COMMENT_MAX, { error: "documents.errors.commentTooLong" });

const threadId = z.string({ error: "documents.errors.threadNotFound" }).regex(uuid, { error: "documents.errors.threadNotFound" });

export const createDocumentSchema = z.object({ title, phaseNumber });

export const renameDocumentSchema = z.object({ title });

/** A new thread on a passage: the passage's text travels along as the quote. */
export const commentSchema = z.object({
  body,
  quote: z
    .string({ error: "documents.errors.selectionRequired" })
    .trim()
    .min(1, { error: "documents.errors.selectionRequired" })
    .max(QUOTE_MAX, { error: "documents.errors.quoteTooLong" }),
});

export const replySchema = z.object({ threadId, body });

/** Resolve or reopen a thread. */
export const threadSchema = z.object({ threadId });

/** The confirmation step of "Vaststellen". */
export const approveSchema = z.object({
  confirm: z.literal("yes", { error: "documents.errors.confirmApprove" }),
});

export const reopenDocumentSchema = z.object({
  reason: z
    .string({ error: "documents.errors.reasonRequired" })
    .trim()
    .min(3, { error: "documents.errors.reasonRequired" })
    .max(REASON_MAX, { error: "documents.errors.reasonTooLong" }),
});

/** The text of a selection as it is stored with a comment: whitespace collapsed, long passages cut. */
export function quoteOf(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > QUOTE_MAX ? `${flat.slice(0, QUOTE_MAX - 1)}…` : flat;
}
