// The KPI dashboard: every current (not retired) KPI of the municipality as it is defined, with its
// latest value, the target of that value's year, the traffic light and its last twelve values.
//
// `loadDashboard` returns plain data (no pictures, no words), so the same numbers feed the page and
// the exports. It runs four set-based queries whatever the number of KPIs: the KPIs, their links to
// success factors and focus areas, and per KPI its last twelve measurements with the targets it
// needs — subqueries that walk the unique index measurement(kpi_id, period_start) backwards, so they
// read twelve index entries per KPI however many years of history there are.
import { and, asc, eq, exists, inArray, isNull, sql } from "drizzle-orm";
import { focusArea, kpi, kpiSuccessFactor, member, strategicGoal, successFactor, type KpiDirection, type KpiFrequency, type UnitKind } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import { missingParts, type DefinitionPart } from "./completeness";
import { todayInAmsterdam } from "./measurement-schema";
import { trafficLight, type TrafficLight } from "./traffic-light";
import type { DataHealthState } from "../deliveries/data-health";
import { loadKpiDataHealth } from "../deliveries/data-health.server";

export const SPARKLINE_POINTS = 12;

export interface DashboardFilter {
  /** Only KPIs linked (through a success factor and its goal) to this focus area. */
  focusAreaId?: string | null;
}

export interface KpiTargetValue {
  year: number;
  target: number;
  greenFrom: number | null;
  amberFrom: number | null;
}

export interface DashboardKpi {
  id: string;
  name: string;
  templateCode: string | null;
  unit: string | null;
  unitKind: UnitKind;
  decimals: number;
  direction: KpiDirection | null;
  frequency: KpiFrequency | null;
  /** What the definition still lacks (the current year's target counts); empty when complete. */
  missing: DefinitionPart[];
  latest: { period: string; periodStart: string; year: number; value: number } | null;
  /** The target of the latest value's year (or of the current year when there is no value). */
  target: KpiTargetValue | null;
  light: TrafficLight | null;
  /** Up to the last twelve values, oldest first. */
  recent: { period: string; value: number }[];
  focusAreas: { id: string; name: string }[];
  /** Whether its data comes in as agreed (phase 3), apart from the traffic light. */
  health: DataHealthState;
}

export interface DashboardSummary {
  total: number;
  green: number;
  amber: number;
  red: number;
  /** A value, but no traffic light (no thresholds, or a neutral KPI). */
  noColour: number;
  noData: number;
  incomplete: number;
}

export interface Dashboard {
  year: number;
  filter: { focusAreaId: string | null };
  /** Focus areas that have at least one current KPI linked, for the filter. */
  focusAreas: { id: string; name: string }[];
  kpis: DashboardKpi[];
  summary: DashboardSummary;
}

export function summarise(kpis: readonly Pick<DashboardKpi, "latest" | "light" | "missing">[]): DashboardSummary {
  const summary: DashboardSummary = { total: kpis.length, green: 0, amber: 0, red: 0, noColour: 0, noData: 0, incomplete: 0 };
  for (const k of kpis) {
    if (k.missing.length) summary.incomplete++;
    if (!k.latest) summary.noData++;
    else if (k.light) summary[k.light]++;
    else summary.noColour++;
  }
  return summary;
}

export async function loadDashboard(actor: Member, filter: DashboardFilter = {}, options: { now?: Date } = {}): Promise<Dashboard> {
  const municipalityId = actor.municipalityId;
  const year = Number(todayInAmsterdam(options.now).slice(0, 4));

  // Links KPI → current success factor → current goal → current focus area.
  const links = await db()
    .select({ kpiId: kpiSuccessFactor.kpiId, factorId: successFactor.id, areaId: focusArea.id, areaName: focusArea.name, areaPosition: focusArea.position })
    .from(kpiSuccessFactor)
    .innerJoin(successFactor, and(eq(successFactor.id, kpiSuccessFactor.successFactorId), isNull(successFactor.retiredAt)))
    .innerJoin(strategicGoal, and(eq(strategicGoal.id, successFactor.goalId), isNull(strategicGoal.retiredAt)))
    .innerJoin(focusArea, and(eq(focusArea.id, strategicGoal.focusAreaId), isNull(focusArea.retiredAt)))
    .innerJoin(kpi, and(eq(kpi.id, kpiSuccessFactor.kpiId), isNull(kpi.retiredAt)))
    .where(and(eq(kpiSuccessFactor.municipalityId, municipalityId), eq(successFactor.municipalityId, municipalityId)));

  const areaOptions = new Map<string, { id: string; name: string; position: number }>();
  for (const l of links) areaOptions.set(l.areaId, { id: l.areaId, name: l.areaName, position: l.areaPosition });
  const focusAreas = [...areaOptions.values()].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, "nl")).map(({ id, name }) => ({ id, name }));
  const focusAreaId = filter.focusAreaId && areaOptions.has(filter.focusAreaId) ? filter.focusAreaId : null;

  const current = and(eq(kpi.municipalityId, municipalityId), isNull(kpi.retiredAt));
  const inArea = focusAreaId
    ? exists(
        db()
          .select({ one: sql`1` })
          .from(kpiSuccessFactor)
          .innerJoin(successFactor, and(eq(successFactor.id, kpiSuccessFactor.successFactorId), isNull(successFactor.retiredAt)))
          .innerJoin(strategicGoal, and(eq(strategicGoal.id, successFactor.goalId), isNull(strategicGoal.retiredAt)))
          .where(and(eq(kpiSuccessFactor.kpiId, kpi.id), eq(strategicGoal.focusAreaId, focusAreaId))),
      )
    : undefined;

  const rows = await db()
    .select({
      id: kpi.id,
      name: kpi.name,
      templateCode: kpi.templateCode,
      definition: kpi.definition,
      formula: kpi.formula,
      unit: kpi.unit,
      unitKind: kpi.unitKind,
      decimals: kpi.decimals,
      direction: kpi.direction,
      frequency: kpi.frequency,
      // An owner who left the municipality counts as none, as in the phase-2 gate.
      ownerUserId: member.userId,
      dataNeeded: kpi.dataNeeded,
      sourceDepartmentId: kpi.sourceDepartmentId,
      sourceExternalSourceId: kpi.sourceExternalSourceId,
    })
    .from(kpi)
    .leftJoin(member, and(eq(member.userId, kpi.ownerUserId), eq(member.organizationId, kpi.municipalityId)))
    .where(and(current, inArea))
    .orderBy(asc(kpi.position), asc(kpi.name), asc(kpi.id));
  if (rows.length === 0) return { year, filter: { focusAreaId }, focusAreas, kpis: [], summary: summarise([]) };

  const ids = rows.map((r) => r.id);
  // One row per KPI: its last twelve values and the targets it needs (the current year's and its
  // latest value's year), both as JSON — a hundred rows to decode instead of more than a thousand
  // (row decoding is most of the database time on PGlite). The subqueries walk the unique indexes
  // measurement(kpi_id, period_start) and kpi_target(kpi_id, year).
  const [recentAgg, health] = await Promise.all([
    db()
      .select({
        kpiId: kpi.id,
        // Written out with table names: drizzle leaves columns of a one-table select unqualified,
        // and inside these subqueries an unqualified "id" would be the measurement's.
        recent: sql<string | null>`(select json_agg(json_build_array(r.period, r.period_start, r.value))::text from (
          select m.period, m.period_start, m.value from measurement m
          where m.kpi_id = "kpi"."id" order by m.period_start desc limit ${SPARKLINE_POINTS}) r)`,
        targets: sql<string | null>`(select json_agg(json_build_array(t.year, t.target, t.green_from, t.amber_from))::text
          from kpi_target t where t.kpi_id = "kpi"."id" and (t.year = ${year} or t.year = (
            select extract(year from m.period_start)::int from measurement m where m.kpi_id = "kpi"."id" order by m.period_start desc limit 1)))`,
      })
      .from(kpi)
      .where(and(current, inArray(kpi.id, ids))),
    loadKpiDataHealth(db(), municipalityId, ids, options.now),
  ]);

  const recentByKpi = new Map<string, { period: string; periodStart: string; value: number }[]>();
  const targetOf = new Map<string, KpiTargetValue>();
  for (const r of recentAgg) {
    const points = r.recent ? (JSON.parse(r.recent) as [string, string, number][]) : [];
    recentByKpi.set(
      r.kpiId,
      points.map(([period, periodStart, value]) => ({ period, periodStart, value })),
    );
    for (const [targetYear, target, greenFrom, amberFrom] of r.targets ? (JSON.parse(r.targets) as [number, number, number | null, number | null][]) : []) {
      targetOf.set(`${r.kpiId}:${targetYear}`, { year: targetYear, target, greenFrom, amberFrom });
    }
  }
  const factorsOf = new Map<string, Set<string>>();
  const areasOf = new Map<string, Map<string, string>>();
  for (const l of links) {
    (factorsOf.get(l.kpiId) ?? factorsOf.set(l.kpiId, new Set()).get(l.kpiId)!).add(l.factorId);
    (areasOf.get(l.kpiId) ?? areasOf.set(l.kpiId, new Map()).get(l.kpiId)!).set(l.areaId, l.areaName);
  }

  const kpis: DashboardKpi[] = rows.map((r) => {
    const recent = (recentByKpi.get(r.id) ?? []).sort((a, b) => a.periodStart.localeCompare(b.periodStart));
    const last = recent[recent.length - 1];
    const latest = last ? { period: last.period, periodStart: last.periodStart, year: Number(last.periodStart.slice(0, 4)), value: last.value } : null;
    const target = targetOf.get(`${r.id}:${latest?.year ?? year}`) ?? null;
    const currentTarget = targetOf.get(`${r.id}:${year}`) ?? null;
    const missing = missingParts({ ...r, target: currentTarget, successFactorCount: factorsOf.get(r.id)?.size ?? 0 });
    return {
      id: r.id,
      name: r.name,
      templateCode: r.templateCode,
      unit: r.unit,
      unitKind: r.unitKind,
      decimals: r.decimals,
      direction: r.direction,
      frequency: r.frequency,
      missing,
      latest,
      target,
      light: latest ? trafficLight(r.direction, target, latest.value) : null,
      recent: recent.map((m) => ({ period: m.period, value: m.value })),
      focusAreas: [...(areasOf.get(r.id) ?? new Map()).entries()].map(([id, name]) => ({ id, name })),
      health: health.get(r.id) ?? "no_agreement",
    };
  });
  return { year, filter: { focusAreaId }, focusAreas, kpis, summary: summarise(kpis) };
}
