// Phase 2, KPIs: the shared KPI library (reference data), a municipality's chosen and defined KPIs
// with their yearly targets and traffic-light thresholds, their relations (KPI → success factor,
// KPI → KPI "influences"), and the measurements that feed them.
import { sql } from "drizzle-orm";
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { organization, user } from "./auth";
import { department, externalSource } from "./organisation";
import { successFactor } from "./strategy";

export const KPI_DIRECTIONS = ["higher_is_better", "lower_is_better", "neutral"] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

export const KPI_FREQUENCIES = ["month", "quarter", "year"] as const;
export type KpiFrequency = (typeof KPI_FREQUENCIES)[number];

/** What kind of number a unit is; decides the range a target or measurement may take. */
export const UNIT_KINDS = ["percent", "grade", "count", "rate", "money", "other"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const MEASUREMENT_SOURCES = ["manual", "delivery"] as const;
export type MeasurementSource = (typeof MEASUREMENT_SOURCES)[number];

/**
 * One entry of the shared KPI library, seeded from db/seed/reference (the BBV mandatory policy
 * indicators and Koers's model set). Never edited at runtime: a municipality's KPI is its own copy.
 */
export const kpiTemplate = pgTable("kpi_template", {
  code: text("code").primaryKey(),
  library: text("library", { enum: ["bbv", "model"] }).notNull(),
  /** The BBV indicator number, for BBV entries. */
  number: integer("number"),
  name: text("name").notNull(),
  unit: text("unit").notNull(),
  unitKind: text("unit_kind", { enum: UNIT_KINDS }).notNull(),
  source: text("source").notNull(),
  direction: text("direction", { enum: KPI_DIRECTIONS }).notNull(),
  frequency: text("frequency", { enum: KPI_FREQUENCIES }).notNull(),
  /** Key of the frame focus area (../shared/data/focus-areas.json). */
  focusAreaKey: text("focus_area_key").notNull(),
  /** Iv3 main task field, for BBV entries. */
  iv3: text("iv3"),
  status: text("status", { enum: ["active", "withdrawn"] }).notNull().default("active"),
  position: integer("position").notNull(),
});

/** A KPI the municipality chose from the library or defined itself. */
export const kpi = pgTable(
  "kpi",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    /** The library entry it was chosen from: same code = same definition, comparable across municipalities. */
    templateCode: text("template_code").references(() => kpiTemplate.code, { onDelete: "set null" }),
    name: text("name").notNull(),
    /** What the KPI says, in words. */
    definition: text("definition"),
    /** Formula or counting rule. */
    formula: text("formula"),
    unit: text("unit"),
    unitKind: text("unit_kind", { enum: UNIT_KINDS }).notNull().default("other"),
    direction: text("direction", { enum: KPI_DIRECTIONS }),
    frequency: text("frequency", { enum: KPI_FREQUENCIES }),
    /** Decimals shown. */
    decimals: integer("decimals").notNull().default(1),
    ownerUserId: text("owner_user_id").references(() => user.id, { onDelete: "set null" }),
    /** The data it needs, in words (which counts, which registration). */
    dataNeeded: text("data_needed"),
    sourceDepartmentId: text("source_department_id").references(() => department.id, { onDelete: "set null" }),
    sourceExternalSourceId: text("source_external_source_id").references(() => externalSource.id, { onDelete: "set null" }),
    /** Opt-in: other municipalities with the same library KPI may compare with this one. */
    shareBenchmark: boolean("share_benchmark").notNull().default(false),
    /** Shared under the municipality's name; otherwise anonymised. */
    benchmarkNamed: boolean("benchmark_named").notNull().default(false),
    position: integer("position").notNull().default(0),
    createdByUserId: text("created_by_user_id").references(() => user.id, { onDelete: "set null" }),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("kpi_name_uq").on(t.municipalityId, sql`lower(${t.name})`).where(sql`${t.retiredAt} is null`),
    uniqueIndex("kpi_template_uq").on(t.municipalityId, t.templateCode).where(sql`${t.templateCode} is not null and ${t.retiredAt} is null`),
    index("kpi_municipality_idx").on(t.municipalityId, t.position),
    index("kpi_benchmark_idx").on(t.templateCode).where(sql`${t.shareBenchmark}`),
    check("kpi_source_one", sql`${t.sourceDepartmentId} is null or ${t.sourceExternalSourceId} is null`),
  ],
);

/**
 * A KPI's target for one year with its traffic-light thresholds. Higher is better: green at or
 * above `greenFrom`, amber at or above `amberFrom`, red below. Lower is better: the mirror image.
 */
export const kpiTarget = pgTable(
  "kpi_target",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    kpiId: text("kpi_id")
      .notNull()
      .references(() => kpi.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    target: doublePrecision("target").notNull(),
    greenFrom: doublePrecision("green_from"),
    amberFrom: doublePrecision("amber_from"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("kpi_target_year_uq").on(t.kpiId, t.year)],
);

/** Which success factor(s) a KPI measures. */
export const kpiSuccessFactor = pgTable(
  "kpi_success_factor",
  {
    kpiId: text("kpi_id")
      .notNull()
      .references(() => kpi.id, { onDelete: "cascade" }),
    successFactorId: text("success_factor_id")
      .notNull()
      .references(() => successFactor.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kpiId, t.successFactorId] }), index("kpi_success_factor_factor_idx").on(t.successFactorId)],
);

/** "KPI A influences KPI B" (a driver and what it drives). */
export const kpiInfluence = pgTable(
  "kpi_influence",
  {
    fromKpiId: text("from_kpi_id")
      .notNull()
      .references(() => kpi.id, { onDelete: "cascade" }),
    toKpiId: text("to_kpi_id")
      .notNull()
      .references(() => kpi.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fromKpiId, t.toKpiId] }), index("kpi_influence_to_idx").on(t.toKpiId), check("kpi_influence_not_self", sql`${t.fromKpiId} <> ${t.toKpiId}`)],
);

/**
 * A KPI's value for one period (meting). `period` is the period's label ("2026-03", "2026-Q1",
 * "2026") and `periodStart` its first day; one value per KPI and period. Provenance: entered by
 * hand (by whom, why) or from a delivery.
 */
export const measurement = pgTable(
  "measurement",
  {
    id: text("id").primaryKey(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    kpiId: text("kpi_id")
      .notNull()
      .references(() => kpi.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    periodStart: date("period_start").notNull(),
    value: doublePrecision("value").notNull(),
    source: text("source", { enum: MEASUREMENT_SOURCES }).notNull(),
    /** The delivery it came from (phase 3). */
    deliveryId: text("delivery_id"),
    /** Why a value was entered by hand. */
    reason: text("reason"),
    enteredByUserId: text("entered_by_user_id").references(() => user.id, { onDelete: "set null" }),
    /** Free-form provenance details (e.g. file name and row of a delivery). */
    details: jsonb("details").$type<Record<string, unknown>>(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("measurement_period_uq").on(t.kpiId, t.periodStart), index("measurement_municipality_idx").on(t.municipalityId, t.kpiId)],
);
