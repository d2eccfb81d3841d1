// One KPI's page: its definition in short (until part A's `loadKpiDefinition` takes this over), the
// latest value against the target of its year, every measurement with its provenance, the
// forecast and year on year. Plain data; the route renders the chart and the words.
import { and, asc, desc, eq, isNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  department,
  externalSource,
  focusArea,
  kpi,
  kpiInfluence,
  kpiSuccessFactor,
  kpiTarget,
  kpiTemplate,
  measurement,
  strategicGoal,
  successFactor,
  user,
  type KpiDirection,
  type KpiFrequency,
  type UnitKind,
} from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import { missingParts, type DefinitionPart } from "./completeness";
import type { KpiTargetValue } from "./dashboard.server";
import { forecast, type Forecast } from "./forecast";
import { todayInAmsterdam } from "./measurement-schema";
import { parsePeriod, type Period } from "./periods";
import { trafficLight, type TrafficLight } from "./traffic-light";
import { yearOnYear, type YearOnYearRow } from "./year-on-year";

export interface KpiMeasurement {
  id: string;
  period: string;
  periodStart: string;
  value: number;
  source: "manual" | "delivery";
  deliveryId: string | null;
  reason: string | null;
  enteredByName: string | null;
  recordedAt: Date;
}

export interface KpiPage {
  kpi: {
    id: string;
    name: string;
    templateCode: string | null;
    templateName: string | null;
    definition: string | null;
    formula: string | null;
    unit: string | null;
    unitKind: UnitKind;
    direction: KpiDirection | null;
    frequency: KpiFrequency | null;
    decimals: number;
    dataNeeded: string | null;
    ownerName: string | null;
    sourceName: string | null;
    sourceKind: "department" | "external" | null;
    retired: boolean;
  };
  factors: { id: string; title: string; goalId: string; goalTitle: string; areaId: string; areaName: string }[];
  /** KPIs this one influences, and KPIs that influence it (current ones only). */
  influences: { drives: { id: string; name: string }[]; drivenBy: { id: string; name: string }[] };
  targets: KpiTargetValue[];
  /** The current year (Dutch time): the year whose target completeness asks for. */
  year: number;
  missing: DefinitionPart[];
  /** Newest first. */
  measurements: KpiMeasurement[];
  latest: KpiMeasurement | null;
  target: KpiTargetValue | null;
  light: TrafficLight | null;
  forecast: Forecast | null;
  yearOnYear: YearOnYearRow[];
}

/** The KPI's page data, or null when it is not the actor's municipality's (or does not exist). */
export async function loadKpiPage(actor: Member, kpiId: string, options: { now?: Date } = {}): Promise<KpiPage | null> {
  const m = actor.municipalityId;
  const owner = alias(user, "owner");
  const [row] = await db()
    .select({
      id: kpi.id,
      name: kpi.name,
      templateCode: kpi.templateCode,
      templateName: kpiTemplate.name,
      definition: kpi.definition,
      formula: kpi.formula,
      unit: kpi.unit,
      unitKind: kpi.unitKind,
      direction: kpi.direction,
      frequency: kpi.frequency,
      decimals: kpi.decimals,
      dataNeeded: kpi.dataNeeded,
      ownerUserId: kpi.ownerUserId,
      ownerName: owner.name,
      sourceDepartmentId: kpi.sourceDepartmentId,
      sourceExternalSourceId: kpi.sourceExternalSourceId,
      departmentName: department.name,
      externalName: externalSource.name,
      retiredAt: kpi.retiredAt,
    })
    .from(kpi)
    .leftJoin(kpiTemplate, eq(kpiTemplate.code, kpi.templateCode))
    .leftJoin(owner, eq(owner.id, kpi.ownerUserId))
    .leftJoin(department, and(eq(department.id, kpi.sourceDepartmentId), eq(department.municipalityId, m)))
    .leftJoin(externalSource, and(eq(externalSource.id, kpi.sourceExternalSourceId), eq(externalSource.municipalityId, m)))
    .where(and(eq(kpi.id, kpiId), eq(kpi.municipalityId, m)));
  if (!row) return null;

  const from = alias(kpi, "from_kpi");
  const to = alias(kpi, "to_kpi");
  const [factors, influenceRows, targets, measurements] = await Promise.all([
    db()
      .select({ id: successFactor.id, title: successFactor.title, goalId: strategicGoal.id, goalTitle: strategicGoal.title, areaId: focusArea.id, areaName: focusArea.name })
      .from(kpiSuccessFactor)
      .innerJoin(successFactor, and(eq(successFactor.id, kpiSuccessFactor.successFactorId), isNull(successFactor.retiredAt)))
      .innerJoin(strategicGoal, and(eq(strategicGoal.id, successFactor.goalId), isNull(strategicGoal.retiredAt)))
      .innerJoin(focusArea, and(eq(focusArea.id, strategicGoal.focusAreaId), isNull(focusArea.retiredAt)))
      .where(and(eq(kpiSuccessFactor.kpiId, row.id), eq(kpiSuccessFactor.municipalityId, m), eq(successFactor.municipalityId, m)))
      .orderBy(asc(focusArea.position), asc(strategicGoal.position), asc(successFactor.position)),
    db()
      .select({ fromId: from.id, fromName: from.name, toId: to.id, toName: to.name })
      .from(kpiInfluence)
      .innerJoin(from, and(eq(from.id, kpiInfluence.fromKpiId), isNull(from.retiredAt), eq(from.municipalityId, m)))
      .innerJoin(to, and(eq(to.id, kpiInfluence.toKpiId), isNull(to.retiredAt), eq(to.municipalityId, m)))
      .where(and(eq(kpiInfluence.municipalityId, m), or(eq(kpiInfluence.fromKpiId, row.id), eq(kpiInfluence.toKpiId, row.id)))),
    db()
      .select({ year: kpiTarget.year, target: kpiTarget.target, greenFrom: kpiTarget.greenFrom, amberFrom: kpiTarget.amberFrom })
      .from(kpiTarget)
      .where(and(eq(kpiTarget.kpiId, row.id), eq(kpiTarget.municipalityId, m)))
      .orderBy(asc(kpiTarget.year)),
    db()
      .select({
        id: measurement.id,
        period: measurement.period,
        periodStart: measurement.periodStart,
        value: measurement.value,
        source: measurement.source,
        deliveryId: measurement.deliveryId,
        reason: measurement.reason,
        enteredByName: user.name,
        recordedAt: measurement.recordedAt,
      })
      .from(measurement)
      .leftJoin(user, eq(user.id, measurement.enteredByUserId))
      .where(and(eq(measurement.kpiId, row.id), eq(measurement.municipalityId, m)))
      .orderBy(desc(measurement.periodStart)),
  ]);

  const year = Number(todayInAmsterdam(options.now).slice(0, 4));
  const targetOf = (y: number) => targets.find((t) => t.year === y) ?? null;
  const latest = measurements[0] ?? null;
  const target = targetOf(latest ? Number(latest.periodStart.slice(0, 4)) : year);
  const missing = missingParts({ ...row, target: targetOf(year), successFactorCount: factors.length });
  const frequency = row.frequency;
  const periods: { period: Period; value: number }[] = [];
  if (frequency) {
    for (const x of measurements) {
      const period = parsePeriod(frequency, x.period);
      if (period) periods.push({ period, value: x.value });
    }
  }
  return {
    kpi: {
      id: row.id,
      name: row.name,
      templateCode: row.templateCode,
      templateName: row.templateName,
      definition: row.definition,
      formula: row.formula,
      unit: row.unit,
      unitKind: row.unitKind,
      direction: row.direction,
      frequency,
      decimals: row.decimals,
      dataNeeded: row.dataNeeded,
      ownerName: row.ownerName,
      sourceName: row.departmentName ?? row.externalName ?? null,
      sourceKind: row.departmentName ? "department" : row.externalName ? "external" : null,
      retired: Boolean(row.retiredAt),
    },
    factors,
    influences: {
      drives: influenceRows.filter((r) => r.fromId === row.id).map((r) => ({ id: r.toId, name: r.toName })),
      drivenBy: influenceRows.filter((r) => r.toId === row.id).map((r) => ({ id: r.fromId, name: r.fromName })),
    },
    targets,
    year,
    missing,
    measurements,
    latest,
    target,
    light: latest ? trafficLight(row.direction, target, latest.value) : null,
    forecast: frequency ? forecast(periods, frequency, row.unitKind) : null,
    yearOnYear: frequency ? yearOnYear(periods, frequency) : [],
  };
}
