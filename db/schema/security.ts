// Failed sign-in attempts, counted per account and per client IP (throttling in every mode).
import { index, pgTable, text, timestamp, bigserial } from "drizzle-orm/pg-core";

export const signInFailure = pgTable(
  "sign_in_failure",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** `account:<email>` or `ip:<address>` */
    subject: text("subject").notNull(),
    failedAt: timestamp("failed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_failure_subject_idx").on(t.subject, t.failedAt)],
);
