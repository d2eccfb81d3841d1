// Live documents (mission, vision, rules of use, free documents) co-edited through Yjs.
// Durability: every update a client sends is appended to `document_update` before the server
// acknowledges it; a background compaction folds the log into `document_state`. Versions are
// full Yjs states; comments live here, anchored in the text by a `comment` mark carrying the thread id.
import { bigserial, customType, index, integer, pgTable, text, timestamp, uniqueIndex, bigint } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { organization, user } from "./auth";

/** Binary Yjs data. drizzle 0.45 has no bytea builder; this round-trips on PGlite and pg. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array | Buffer }>({
  dataType: () => "bytea",
  toDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
  fromDriver: (value) => (value instanceof Uint8Array ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : new Uint8Array(value)),
});

export const DOCUMENT_KINDS = ["mission", "vision", "rules_of_use", "free"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_STATUSES = ["draft", "approved"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const document = pgTable(
  "document",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    phaseNumber: integer("phase_number").notNull(),
    kind: text("kind").$type<DocumentKind>().notNull(),
    title: text("title").notNull(),
    status: text("status").$type<DocumentStatus>().notNull().default("draft"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    approvedBy: text("approved_by").references(() => user.id, { onDelete: "set null" }),
    approvedVersionId: text("approved_version_id"),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    // One mission, one vision and one rules-of-use document per municipality; free documents unlimited.
    uniqueIndex("document_standard_kind_uq").on(t.municipalityId, t.kind).where(sql`${t.kind} <> 'free'`),
    uniqueIndex("document_title_uq").on(t.municipalityId, sql`lower(${t.title})`).where(sql`${t.archivedAt} is null`),
    index("document_municipality_idx").on(t.municipalityId, t.phaseNumber),
  ],
);

/** The compacted state: every update with id ≤ mergedThrough is folded into `state`. */
export const documentState = pgTable("document_state", {
  documentId: text("document_id")
    .primaryKey()
    .references(() => document.id, { onDelete: "cascade" }),
  state: bytea("state").notNull(),
  mergedThrough: bigint("merged_through", { mode: "number" }).notNull().default(0),
  lastAutoVersionAt: timestamp("last_auto_version_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Append-only log of acknowledged updates not yet compacted. The id orders them. */
export const documentUpdate = pgTable(
  "document_update",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    documentId: text("document_id")
      .notNull()
      .references(() => document.id, { onDelete: "cascade" }),
    update: bytea("update").notNull(),
    userId: text("user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("document_update_document_idx").on(t.documentId, t.id)],
);

export const VERSION_KINDS = ["named", "auto", "approval", "before_restore"] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export const documentVersion = pgTable(
  "document_version",
  {
    id: text("id").primaryKey(),
    documentId: text("document_id")
      .notNull()
      .references(() => document.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id").notNull(),
    kind: text("kind").$type<VersionKind>().notNull(),
    name: text("name"),
    state: bytea("state").notNull(),
    wordCount: integer("word_count").notNull().default(0),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("document_version_document_idx").on(t.documentId, t.createdAt)],
);

/** A comment thread's root has parentId null; replies point at the root. */
export const documentComment = pgTable(
  "document_comment",
  {
    id: text("id").primaryKey(),
    documentId: text("document_id")
      .notNull()
      .references(() => document.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id").notNull(),
    parentId: text("parent_id"),
    authorId: text("author_id").references(() => user.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    quote: text("quote"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: text("resolved_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
  },
  (t) => [index("document_comment_document_idx").on(t.documentId, t.createdAt)],
);
