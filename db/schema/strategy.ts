// Phase 1, strategic focus: focus areas (aandachtsgebieden) with their policy maps (beleidskaart:
// strategic goals → critical success factors), the maturity quickscan in rounds, and the
// transition questions a team answers per phase.
import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { organization, user } from "./auth";
import { department } from "./organisation";
import { phase } from "./programme";

/**
 * A municipality's own copy of a focus area. Areas from the model's frame carry their reference
 * `key` (../shared/data/focus-areas.json); areas the municipality adds have none. Retired areas keep
 * their policy map for the record but leave every list and count.
 */
export const focusArea = pgTable(
  "focus_area",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    key: text("key"),
    name: text("name").notNull(),
    description: text("description"),
    /** Iv3 main task fields (taakvelden) of the municipal budget the area maps to. */
    iv3: jsonb("iv3").$type<string[]>().notNull().default([]),
    /** Taken up first ("denk groot, begin klein"). */
    chosen: boolean("chosen").notNull().default(false),
    position: integer("position").notNull(),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("focus_area_key_uq").on(t.municipalityId, t.key).where(sql`${t.key} is not null`),
    uniqueIndex("focus_area_name_uq").on(t.municipalityId, sql`lower(${t.name})`).where(sql`${t.retiredAt} is null`),
    index("focus_area_municipality_idx").on(t.municipalityId, t.position),
  ],
);

/** A strategic goal (strategische doelstelling) on a focus area's policy map. */
export const strategicGoal = pgTable(
  "strategic_goal",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    focusAreaId: text("focus_area_id")
      .notNull()
      .references(() => focusArea.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    /** Link to the programme budget (programmabegroting): a code such as "P3", a name, or both. */
    budgetProgrammeCode: text("budget_programme_code"),
    budgetProgrammeName: text("budget_programme_name"),
    position: integer("position").notNull(),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("strategic_goal_title_uq").on(t.focusAreaId, sql`lower(${t.title})`).where(sql`${t.retiredAt} is null`),
    index("strategic_goal_area_idx").on(t.focusAreaId, t.position),
    index("strategic_goal_municipality_idx").on(t.municipalityId),
  ],
);

/** A critical success factor (kritieke succesfactor) under a strategic goal. */
export const successFactor = pgTable(
  "success_factor",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    goalId: text("goal_id")
      .notNull()
      .references(() => strategicGoal.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    position: integer("position").notNull(),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("success_factor_title_uq").on(t.goalId, sql`lower(${t.title})`).where(sql`${t.retiredAt} is null`),
    index("success_factor_goal_idx").on(t.goalId, t.position),
    index("success_factor_municipality_idx").on(t.municipalityId),
  ],
);

/** The statements of the quickscan as they were when a round opened (rounds stay comparable). */
export interface ScanInstrument {
  scale: { min: number; max: number };
  dimensions: { key: string; name: string; statements: string[] }[];
}

/** One round of the maturity quickscan: draft → open → closed. */
export const scanRound = pgTable(
  "scan_round",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    status: text("status", { enum: ["draft", "open", "closed"] }).notNull().default("draft"),
    instrument: jsonb("instrument").$type<ScanInstrument>().notNull(),
    /** The date respondents are asked to answer by (shown in the invitation). */
    dueOn: date("due_on"),
    createdByUserId: text("created_by_user_id").references(() => user.id, { onDelete: "set null" }),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("scan_round_name_uq").on(t.municipalityId, sql`lower(${t.name})`),
    index("scan_round_municipality_idx").on(t.municipalityId, t.createdAt),
  ],
);

/** An invited respondent of a round: one per member per round; submitted once. */
export const scanResponse = pgTable(
  "scan_response",
  {
    id: text("id").primaryKey(),
    roundId: text("round_id")
      .notNull()
      .references(() => scanRound.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** The department the respondent answers for (spread between departments). */
    departmentId: text("department_id").references(() => department.id, { onDelete: "set null" }),
    invitedByUserId: text("invited_by_user_id").references(() => user.id, { onDelete: "set null" }),
    invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("scan_response_round_user_uq").on(t.roundId, t.userId),
    index("scan_response_user_idx").on(t.userId),
  ],
);

/** One answer: 1–5, or null for "weet niet". Saved as the respondent goes; fixed once submitted. */
export const scanAnswer = pgTable(
  "scan_answer",
  {
    responseId: text("response_id")
      .notNull()
      .references(() => scanResponse.id, { onDelete: "cascade" }),
    roundId: text("round_id").notNull(),
    municipalityId: text("municipality_id").notNull(),
    dimensionKey: text("dimension_key").notNull(),
    statementIndex: integer("statement_index").notNull(),
    value: integer("value"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("scan_answer_uq").on(t.responseId, t.dimensionKey, t.statementIndex),
    index("scan_answer_round_idx").on(t.roundId),
    check("scan_answer_value_ck", sql`${t.value} is null or ${t.value} between 1 and 5`),
  ],
);

/**
 * The team's answer to one transition question of a phase (which domains first, readiness to
 * change, culture wanted, expertise needed, conditions on data and ICT). `version` guards against
 * one teammate silently overwriting another's answer.
 */
export const transitionAnswer = pgTable(
  "transition_answer",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    phaseId: text("phase_id")
      .notNull()
      .references(() => phase.id, { onDelete: "cascade" }),
    questionKey: text("question_key").notNull(),
    answer: text("answer").notNull(),
    version: integer("version").notNull().default(1),
    updatedByUserId: text("updated_by_user_id").references(() => user.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("transition_answer_uq").on(t.phaseId, t.questionKey)],
);

export type FocusArea = typeof focusArea.$inferSelect;
export type StrategicGoal = typeof strategicGoal.$inferSelect;
export type SuccessFactor = typeof successFactor.$inferSelect;
export type ScanRound = typeof scanRound.$inferSelect;
export type ScanResponse = typeof scanResponse.$inferSelect;
export type TransitionAnswer = typeof transitionAnswer.$inferSelect;
