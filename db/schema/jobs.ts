// Durable jobs (reminders, escalations): rows polled with `for update skip locked`, so the state
// survives a restart and two workers never run the same job.
import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const job = pgTable(
  "job",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    municipalityId: text("municipality_id"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /** Unique: enqueueing the same key twice schedules the job once. */
    dedupeKey: text("dedupe_key").notNull().unique(),
    status: text("status", { enum: ["pending", "done", "failed"] }).notNull().default("pending"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("job_due_idx").on(t.status, t.runAt)],
);
