// Failed sign-in attempts, counted per account and per client IP (throttling in every mode).
import { bigserial, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

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

/** TOTP codes already accepted, so a code works once (ASVS 2.8.4); rows older than 2 minutes are pruned. */
export const usedTotpCode = pgTable(
  "used_totp_code",
  {
    userId: text("user_id").notNull(),
    code: text("code").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.code] })],
);
