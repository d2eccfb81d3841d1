// Every e-mail is written here in the same transaction as its cause, then delivered by the worker.
import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export interface MailAttachment {
  filename: string;
  contentType: string;
  contentBase64: string;
}

export const outbox = pgTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id"),
    template: text("template").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    /** Template inputs, kept so a mail can be re-rendered or inspected; never secrets beyond the link. */
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    /** Files sent with the mail (a calendar invitation's .ics), base64-encoded. */
    attachments: jsonb("attachments").$type<MailAttachment[]>(),
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    providerMessageId: text("provider_message_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt)],
);
