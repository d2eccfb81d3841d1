// A municipality's programme (e.g. "Koers 2027"): four phases, each with a gate of exit criteria.
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { organization, user } from "./auth";

export const programme = pgTable("programme", {
  id: text("id").primaryKey(),
  municipalityId: text("municipality_id")
    .notNull()
    .unique()
    .references(() => organization.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const phase = pgTable(
  "phase",
  {
    id: text("id").primaryKey(),
    programmeId: text("programme_id")
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id").notNull(),
    number: integer("number").notNull(),
    status: text("status", { enum: ["not_started", "active", "done"] }).notNull().default("not_started"),
    plannedStart: date("planned_start"),
    plannedEnd: date("planned_end"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    ownerUserId: text("owner_user_id").references(() => user.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("phase_programme_number_uq").on(t.programmeId, t.number), index("phase_municipality_idx").on(t.municipalityId)],
);

export const gateCriterion = pgTable(
  "gate_criterion",
  {
    id: text("id").primaryKey(),
    phaseId: text("phase_id")
      .notNull()
      .references(() => phase.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id").notNull(),
    /** Criteria from the model's template are named by key (label from the i18n catalogue). */
    templateKey: text("template_key"),
    /** Criteria a lead adds carry their own label. */
    label: text("label"),
    /** When set, the criterion is computed from real data once the module behind it exists. */
    computedKey: text("computed_key"),
    checked: boolean("checked").notNull().default(false),
    checkedByUserId: text("checked_by_user_id"),
    checkedAt: timestamp("checked_at", { withTimezone: true }),
    position: integer("position").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("gate_criterion_phase_idx").on(t.phaseId, t.position)],
);
