// Phase 3, data-delivery agreements (gegevensleveringsovereenkomsten). An agreement is the lineage
// with one party (a department or an external source); its content lives in numbered versions.
// A version is edited only as a draft; once it asks for signatures its canonical text and SHA-256
// are frozen, and every signature binds to that hash. Changing a signed agreement makes a new
// version; the old one stays readable. Datasets and fields belong to a version, so a delivery is
// always checked against the exact terms that were signed.
import { sql } from "drizzle-orm";
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { organization, user } from "./auth";
import { bytea } from "./documents";
import { kpi, KPI_FREQUENCIES } from "./kpis";
import { department, externalSource } from "./organisation";

export const AGREEMENT_STATUSES = ["draft", "in_review", "awaiting_signatures", "active", "superseded", "terminated"] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const DELIVERY_FORMATS = ["csv", "xlsx", "api"] as const;
export type DeliveryFormat = (typeof DELIVERY_FORMATS)[number];

export const FIELD_TYPES = ["text", "integer", "decimal", "date", "boolean", "period"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** How a field's values over all rows of one period become the KPI's value for that period. */
export const KPI_AGGREGATIONS = ["single", "sum", "mean", "count"] as const;
export type KpiAggregation = (typeof KPI_AGGREGATIONS)[number];

export const SIGNER_ROLES = ["department_owner", "programme_lead"] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

/** Contacts, quality rules and escalation: free-form terms, validated by app/modules/agreements/terms.ts. */
export interface AgreementTerms {
  /** What the data is for, in words. */
  purpose?: string;
  contacts: { role: "supplier" | "receiver" | "technical" | "privacy"; name: string; email?: string; phone?: string }[];
  quality: { completenessPct?: number; validity?: string; timeliness?: string };
  /** The escalation ladder after the deadline (working days after it, and to whom). */
  escalation: { afterWorkingDays: number; to: string }[];
  /** The legal ground under the AVG/GDPR (art. 6), required when personal data is involved. */
  legalGround?: string;
  personalData: boolean;
  /** How long delivered rows are kept. */
  retention?: string;
  notes?: string;
}

export const deliveryAgreement = pgTable(
  "delivery_agreement",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    /** Short human reference, unique per municipality: "GLO-2026-003". */
    reference: text("reference").notNull(),
    departmentId: text("department_id").references(() => department.id, { onDelete: "no action" }),
    externalSourceId: text("external_source_id").references(() => externalSource.id, { onDelete: "no action" }),
    /** The version that is (or will be) in force: the newest non-terminated one. */
    currentVersionId: text("current_version_id"),
    createdByUserId: text("created_by_user_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("delivery_agreement_reference_uq").on(t.municipalityId, t.reference),
    index("delivery_agreement_department_idx").on(t.departmentId),
    check("delivery_agreement_one_party", sql`(${t.departmentId} is null) <> (${t.externalSourceId} is null)`),
  ],
);

export const agreementVersion = pgTable(
  "agreement_version",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    agreementId: text("agreement_id")
      .notNull()
      .references(() => deliveryAgreement.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    status: text("status", { enum: AGREEMENT_STATUSES }).notNull().default("draft"),
    title: text("title").notNull(),
    frequency: text("frequency", { enum: KPI_FREQUENCIES }).notNull(),
    /** Deadline: within this many working days after each period ends. */
    deadlineWorkingDays: integer("deadline_working_days").notNull().default(10),
    /** Reminder this many working days before the deadline (another goes on the day itself). */
    reminderWorkingDaysBefore: integer("reminder_working_days_before").notNull().default(5),
    /** Escalation to the programme lead this many working days after the deadline. */
    graceWorkingDays: integer("grace_working_days").notNull().default(5),
    formats: jsonb("formats").$type<DeliveryFormat[]>().notNull(),
    startDate: date("start_date").notNull(),
    endDate: date("end_date"),
    terms: jsonb("terms").$type<AgreementTerms>().notNull(),
    /** Set when the version leaves review for signatures; never changes afterwards. */
    canonicalText: text("canonical_text"),
    /** SHA-256 (hex) of `canonicalText` as UTF-8. */
    contentHash: text("content_hash"),
    frozenAt: timestamp("frozen_at", { withTimezone: true }),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason"),
    createdByUserId: text("created_by_user_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("agreement_version_number_uq").on(t.agreementId, t.version),
    index("agreement_version_municipality_idx").on(t.municipalityId, t.status),
    index("agreement_version_hash_idx").on(t.contentHash),
    check("agreement_version_frozen_hash", sql`(${t.canonicalText} is null) = (${t.contentHash} is null)`),
  ],
);

/** One dataset an agreement version delivers (e.g. "Meldingen openbare ruimte per wijk"). */
export const agreementDataset = pgTable(
  "agreement_dataset",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    versionId: text("version_id")
      .notNull()
      .references(() => agreementVersion.id, { onDelete: "cascade" }),
    /** Stable across versions: a copied dataset keeps the key, so deliveries line up per dataset. */
    key: text("key").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    position: integer("position").notNull().default(0),
  },
  (t) => [uniqueIndex("agreement_dataset_key_uq").on(t.versionId, t.key), uniqueIndex("agreement_dataset_name_uq").on(t.versionId, sql`lower(${t.name})`)],
);

/**
 * A column of a dataset: the header in the file (`name`), its type and rules. A field that feeds a
 * KPI names it and how its values over a period's rows become the KPI's value. Key fields
 * together identify a row: two rows with the same key values are duplicates.
 */
export const agreementField = pgTable(
  "agreement_field",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    datasetId: text("dataset_id")
      .notNull()
      .references(() => agreementDataset.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    type: text("type", { enum: FIELD_TYPES }).notNull(),
    unit: text("unit"),
    required: boolean("required").notNull().default(true),
    isKey: boolean("is_key").notNull().default(false),
    allowedValues: jsonb("allowed_values").$type<string[]>(),
    min: doublePrecision("min"),
    max: doublePrecision("max"),
    kpiId: text("kpi_id").references(() => kpi.id, { onDelete: "no action" }),
    aggregation: text("aggregation", { enum: KPI_AGGREGATIONS }),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    uniqueIndex("agreement_field_name_uq").on(t.datasetId, sql`lower(${t.name})`),
    index("agreement_field_kpi_idx").on(t.kpiId),
    check("agreement_field_kpi_aggregation", sql`(${t.kpiId} is null) = (${t.aggregation} is null)`),
  ],
);

/** A review comment by the department (or the lead) on a version. */
export const agreementComment = pgTable(
  "agreement_comment",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    versionId: text("version_id")
      .notNull()
      .references(() => agreementVersion.id, { onDelete: "cascade" }),
    authorUserId: text("author_user_id").references(() => user.id, { onDelete: "set null" }),
    authorLabel: text("author_label").notNull(),
    body: text("body").notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedByUserId: text("resolved_by_user_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("agreement_comment_version_idx").on(t.versionId, t.createdAt)],
);

/**
 * A signature: who signed which version, when, from where, bound to the version's content hash.
 * Rows are never updated or deleted (a trigger refuses it); one per role per version.
 */
export const agreementSignature = pgTable(
  "agreement_signature",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    versionId: text("version_id")
      .notNull()
      .references(() => agreementVersion.id, { onDelete: "cascade" }),
    role: text("role", { enum: SIGNER_ROLES }).notNull(),
    userId: text("user_id").references(() => user.id, { onDelete: "set null" }),
    signerName: text("signer_name").notNull(),
    signerEmail: text("signer_email").notNull(),
    contentHash: text("content_hash").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    /** How the signer proved it was them just before signing ("password", "totp"). */
    reauthMethod: text("reauth_method").notNull(),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("agreement_signature_role_uq").on(t.versionId, t.role), index("agreement_signature_user_idx").on(t.userId)],
);

/**
 * The sealed PDF of a fully signed version, made by a retried background job. `status` shows the
 * job's state to users (pending → sealed, or failed with the error, retried on request).
 */
export const agreementSeal = pgTable("agreement_seal", {
  versionId: text("version_id")
    .primaryKey()
    .references(() => agreementVersion.id, { onDelete: "cascade" }),
  municipalityId: text("municipality_id")
    .notNull()
    .references(() => organization.id, { onDelete: "cascade" }),
  status: text("status", { enum: ["pending", "sealed", "failed"] }).notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
  pdf: bytea("pdf"),
  /** SHA-256 (hex) of the PDF's bytes: what the public verify page looks up. */
  pdfSha256: text("pdf_sha256"),
  sealedAt: timestamp("sealed_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("agreement_seal_pdf_sha_idx").on(t.pdfSha256)]);

/** A token a system uses to push deliveries for one agreement (only its SHA-256 is kept). */
export const agreementPushToken = pgTable(
  "agreement_push_token",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    agreementId: text("agreement_id")
      .notNull()
      .references(() => deliveryAgreement.id, { onDelete: "cascade" }),
    /** The first characters, shown so people can tell tokens apart. */
    prefix: text("prefix").notNull(),
    tokenSha256: text("token_sha256").notNull().unique(),
    label: text("label"),
    createdByUserId: text("created_by_user_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("agreement_push_token_agreement_idx").on(t.agreementId)],
);
