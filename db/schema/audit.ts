// Append-only audit log with the BIO2 fields; each row carries the hash of the previous one (per
// chain) so that a changed or removed row is detectable by `npm run audit:verify`.
import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const auditEvent = pgTable(
  "audit_event",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    id: text("id").notNull().unique(),
    /** Municipality the event belongs to; null for account-level events (sign-up, sign-in). */
    municipalityId: text("municipality_id"),
    actorUserId: text("actor_user_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id"),
    result: text("result").notNull(),
    origin: text("origin"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_event_municipality_idx").on(t.municipalityId, t.seq)],
);
