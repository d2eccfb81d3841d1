// Phase 4, rollout: training topics (the checklist items), which roles need which topic, training
// sessions with their audience, registrations (seat or waiting list) and the attendance a trainer
// logs afterwards. A person's checklist is derived: a topic is covered once they attended a logged
// session that covered it, so a corrected log corrects every checklist with it.
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { organization, user } from "./auth";
import { department } from "./organisation";
import { document, documentVersion } from "./documents";

/** Which department a member works in (for coverage per department); one per member and municipality. */
export const memberDepartment = pgTable(
  "member_department",
  {
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    departmentId: text("department_id")
      .notNull()
      .references(() => department.id, { onDelete: "cascade" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.userId] }), index("member_department_department_idx").on(t.departmentId)],
);

/** Municipality-wide rollout settings: the coverage target the phase-4 gate reads. */
export const trainingSetting = pgTable("training_setting", {
  municipalityId: text("municipality_id")
    .primaryKey()
    .references(() => organization.id, { onDelete: "cascade" }),
  /** Share of end users (members whose role has topics) fully trained, in percent. */
  coverageTargetPercent: integer("coverage_target_percent").notNull().default(80),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One item of the training checklists ("Dashboard lezen", "Levering uploaden", …). */
export const trainingTopic = pgTable(
  "training_topic",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    /** Topics from the model's default set keep their key (renaming does not break the link). */
    templateKey: text("template_key"),
    title: text("title").notNull(),
    description: text("description"),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("training_topic_title_uq").on(t.municipalityId, sql`lower(${t.title})`).where(sql`${t.archivedAt} is null`),
    uniqueIndex("training_topic_template_uq").on(t.municipalityId, t.templateKey),
  ],
);

/** The checklist of a role: the topics everyone with that role must be trained on. */
export const trainingRequirement = pgTable(
  "training_requirement",
  {
    topicId: text("topic_id")
      .notNull()
      .references(() => trainingTopic.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id").notNull(),
    role: text("role").notNull(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.role] }), index("training_requirement_role_idx").on(t.municipalityId, t.role)],
);

export const TRAINING_SESSION_STATUSES = ["planned", "logged", "cancelled"] as const;
export type TrainingSessionStatus = (typeof TRAINING_SESSION_STATUSES)[number];

export const trainingSession = pgTable(
  "training_session",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    location: text("location"),
    onlineUrl: text("online_url"),
    capacity: integer("capacity").notNull(),
    trainerUserId: text("trainer_user_id")
      .notNull()
      .references(() => user.id, { onDelete: "restrict" }),
    status: text("status").$type<TrainingSessionStatus>().notNull().default("planned"),
    /** Open sessions take sign-ups from everyone in the audience; closed ones by invitation only. */
    openForSignUp: boolean("open_for_sign_up").notNull().default(true),
    /** Raised on every change of time or place, so calendar programs replace the invitation (.ics SEQUENCE). */
    sequence: integer("sequence").notNull().default(0),
    notes: text("notes"),
    loggedAt: timestamp("logged_at", { withTimezone: true }),
    loggedBy: text("logged_by").references(() => user.id, { onDelete: "set null" }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("training_session_municipality_idx").on(t.municipalityId, t.startsAt), index("training_session_trainer_idx").on(t.trainerUserId, t.startsAt)],
);

/** Audience by role; no rows means every role. */
export const trainingSessionRole = pgTable(
  "training_session_role",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => trainingSession.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.role] })],
);

/** Audience by department; no rows means every department. */
export const trainingSessionDepartment = pgTable(
  "training_session_department",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => trainingSession.id, { onDelete: "cascade" }),
    departmentId: text("department_id")
      .notNull()
      .references(() => department.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.departmentId] })],
);

/** Topics a session plans to treat (`covered` false) and, once logged, the ones it did treat. */
export const trainingSessionTopic = pgTable(
  "training_session_topic",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => trainingSession.id, { onDelete: "cascade" }),
    topicId: text("topic_id")
      .notNull()
      .references(() => trainingTopic.id, { onDelete: "cascade" }),
    planned: boolean("planned").notNull().default(true),
    covered: boolean("covered").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.topicId] }), index("training_session_topic_topic_idx").on(t.topicId)],
);

export const REGISTRATION_STATUSES = ["registered", "waitlisted", "cancelled"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const trainingRegistration = pgTable(
  "training_registration",
  {
    id: text("id").primaryKey(),
    sessionId: text("session_id")
      .notNull()
      .references(() => trainingSession.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    status: text("status").$type<RegistrationStatus>().notNull(),
    /** "invited" by the trainer or "self" (signed up). */
    source: text("source").$type<"invited" | "self">().notNull(),
    /** Order on the waiting list: the first waitlisted gets the next free seat. */
    waitlistedAt: timestamp("waitlisted_at", { withTimezone: true, precision: 6 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("training_registration_session_user_uq").on(t.sessionId, t.userId), index("training_registration_user_idx").on(t.municipalityId, t.userId)],
);

/** Who attended a logged session (one row per person the trainer listed; `attended` false = absent). */
export const trainingAttendance = pgTable(
  "training_attendance",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => trainingSession.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    attended: boolean("attended").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index("training_attendance_user_idx").on(t.municipalityId, t.userId)],
);

/** A member's "I have read these rules of use", per approved version of the rules document. */
export const rulesAcknowledgement = pgTable(
  "rules_acknowledgement",
  {
    versionId: text("version_id")
      .notNull()
      .references(() => documentVersion.id, { onDelete: "cascade" }),
    documentId: text("document_id")
      .notNull()
      .references(() => document.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.userId] }), index("rules_acknowledgement_document_idx").on(t.documentId, t.userId)],
);
