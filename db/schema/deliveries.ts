// Phase 3, deliveries (leveringen): one upload or push of one dataset for one period under an
// agreement version. A delivery is all or nothing: it is accepted only when every row passes the
// agreement's rules; then its rows are kept and its KPI fields become measurements (provenance:
// measurement.delivery_id). Expectations are the deliveries an active agreement asks for, per
// dataset and period, with their deadline; reminders and escalation are durable jobs.
import { sql } from "drizzle-orm";
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { organization, user } from "./auth";
import { agreementDataset, agreementPushToken, agreementVersion, deliveryAgreement } from "./agreements";

export const DELIVERY_STATUSES = ["processing", "accepted", "rejected", "superseded"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_CHANNELS = ["upload", "api"] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** One problem found in a delivered file: the line (1 = header line), the column and why. */
export interface DeliveryRowError {
  line: number;
  column?: string;
  /** i18n key under deliveries.errors, with its values. */
  code: string;
  values?: Record<string, string | number>;
}

export const delivery = pgTable(
  "delivery",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    agreementId: text("agreement_id")
      .notNull()
      .references(() => deliveryAgreement.id, { onDelete: "cascade" }),
    versionId: text("version_id")
      .notNull()
      .references(() => agreementVersion.id, { onDelete: "no action" }),
    datasetId: text("dataset_id")
      .notNull()
      .references(() => agreementDataset.id, { onDelete: "no action" }),
    /** The dataset's key (stable across versions). */
    datasetKey: text("dataset_key").notNull(),
    /** Period label ("2026-Q3") and first day, as for measurements. */
    period: text("period").notNull(),
    periodStart: date("period_start").notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull().default("processing"),
    channel: text("channel", { enum: DELIVERY_CHANNELS }).notNull(),
    fileName: text("file_name"),
    fileSize: bigint("file_size", { mode: "number" }),
    fileSha256: text("file_sha256"),
    /** What was detected: "utf-8" or "windows-1252", and ";" or ",". */
    encoding: text("encoding"),
    separator: text("separator"),
    rowCount: integer("row_count").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    /** The first errors (capped); errorCount has the total. */
    errors: jsonb("errors").$type<DeliveryRowError[]>(),
    uploadedByUserId: text("uploaded_by_user_id").references(() => user.id, { onDelete: "set null" }),
    pushTokenId: text("push_token_id").references(() => agreementPushToken.id, { onDelete: "set null" }),
    /** The accepted delivery of the same dataset and period that this one replaced. */
    replacesDeliveryId: text("replaces_delivery_id"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    index("delivery_agreement_idx").on(t.agreementId, t.datasetKey, t.periodStart),
    index("delivery_municipality_idx").on(t.municipalityId, t.receivedAt),
    uniqueIndex("delivery_accepted_uq").on(t.agreementId, t.datasetKey, t.periodStart).where(sql`${t.status} = 'accepted'`),
  ],
);

/** The rows of an accepted delivery, typed per the agreement's fields (line = line in the file). */
export const deliveryRow = pgTable(
  "delivery_row",
  {
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => delivery.id, { onDelete: "cascade" }),
    line: integer("line").notNull(),
    data: jsonb("data").$type<Record<string, string | number | boolean | null>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.line] })],
);

/**
 * A delivery an active agreement expects: one per dataset and period, due at the end of `dueOn`
 * (Europe/Amsterdam). The reminder and escalation timestamps record what was sent, once.
 */
export const deliveryExpectation = pgTable(
  "delivery_expectation",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    agreementId: text("agreement_id")
      .notNull()
      .references(() => deliveryAgreement.id, { onDelete: "cascade" }),
    datasetKey: text("dataset_key").notNull(),
    period: text("period").notNull(),
    periodStart: date("period_start").notNull(),
    dueOn: date("due_on").notNull(),
    /** The first accepted delivery for this period (its time decides on time or late). */
    fulfilledByDeliveryId: text("fulfilled_by_delivery_id").references(() => delivery.id, { onDelete: "set null" }),
    fulfilledAt: timestamp("fulfilled_at", { withTimezone: true }),
    remindedBeforeAt: timestamp("reminded_before_at", { withTimezone: true }),
    remindedOnDueAt: timestamp("reminded_on_due_at", { withTimezone: true }),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("delivery_expectation_uq").on(t.agreementId, t.datasetKey, t.periodStart),
    index("delivery_expectation_due_idx").on(t.municipalityId, t.dueOn),
  ],
);
