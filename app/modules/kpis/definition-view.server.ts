// A KPI's full definition as plain data, for the definition page and for any other page that shows
// a definition summary (the KPI page of the dashboard). Independent of route code: give it the
// acting member and a KPI id; null when the KPI is not the member's municipality's.
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
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
} from "../../../db/schema/index";
import type { KpiDirection, KpiFrequency, UnitKind } from "../../../db/schema/kpis";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import type { DefinitionPart } from "./completeness";
import { amsterdamYear, loadDefinitionFacts } from "./gate-checks.server";

export interface KpiDefinitionView {
  id: string;
  name: string;
  /** The library entry it was chosen from ("BBV-12", "KRS-VEI-01"), with its library data. */
  template: { code: string; library: "bbv" | "model"; number: number | null; name: string; source: string } | null;
  definition: string | null;
  formula: string | null;
  unit: string | null;
  unitKind: UnitKind;
  direction: KpiDirection | null;
  frequency: KpiFrequency | null;
  decimals: number;
  /** The owner; `isMember` false when they have left the municipality (then the KPI has no owner). */
  owner: { userId: string; name: string; email: string; isMember: boolean } | null;
  dataNeeded: string | null;
  source: { kind: "department" | "external"; id: string; name: string } | null;
  targets: { id: string; year: number; target: number; greenFrom: number | null; amberFrom: number | null }[];
  /** Success factors it measures, with their goal and focus area; `current` false when any of them is retired. */
  factors: { id: string; title: string; goalId: string; goalTitle: string; areaId: string; areaName: string; current: boolean }[];
  /** KPIs this one influences ("beïnvloedt") and those that influence it ("wordt beïnvloed door"). */
  influences: { id: string; name: string; retired: boolean }[];
  influencedBy: { id: string; name: string; retired: boolean }[];
  measurementCount: number;
  retiredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The year whose target counts for completeness (this year in the Netherlands). */
  year: number;
  /** What is still missing (completeness.ts), in the order of the form; empty when fully defined. */
  missing: DefinitionPart[];
}

export async function loadKpiDefinition(
  actor: Pick<Member, "municipalityId">,
  kpiId: string,
  options: { database?: DbOrTx; year?: number } = {},
): Promise<KpiDefinitionView | null> {
  const database = options.database ?? db();
  const year = options.year ?? amsterdamYear();
  const [row] = await database
    .select({
      id: kpi.id,
      name: kpi.name,
      templateCode: kpi.templateCode,
      definition: kpi.definition,
      formula: kpi.formula,
      unit: kpi.unit,
      unitKind: kpi.unitKind,
      direction: kpi.direction,
      frequency: kpi.frequency,
      decimals: kpi.decimals,
      ownerUserId: kpi.ownerUserId,
      dataNeeded: kpi.dataNeeded,
      sourceDepartmentId: kpi.sourceDepartmentId,
      sourceExternalSourceId: kpi.sourceExternalSourceId,
      retiredAt: kpi.retiredAt,
      createdAt: kpi.createdAt,
      updatedAt: kpi.updatedAt,
    })
    .from(kpi)
    .where(and(eq(kpi.id, kpiId), eq(kpi.municipalityId, actor.municipalityId)));
  if (!row) return null;
  const m = actor.municipalityId;
  const [template, owner, dept, ext, targets, factors, links, [counted], [facts]] = await Promise.all([
    row.templateCode
      ? database
          .select({ code: kpiTemplate.code, library: kpiTemplate.library, number: kpiTemplate.number, name: kpiTemplate.name, source: kpiTemplate.source })
          .from(kpiTemplate)
          .where(eq(kpiTemplate.code, row.templateCode))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
    row.ownerUserId
      ? database
          .select({ userId: user.id, name: user.name, email: user.email })
          .from(user)
          .where(eq(user.id, row.ownerUserId))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
    row.sourceDepartmentId
      ? database
          .select({ id: department.id, name: department.name })
          .from(department)
          .where(and(eq(department.id, row.sourceDepartmentId), eq(department.municipalityId, m)))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
    row.sourceExternalSourceId
      ? database
          .select({ id: externalSource.id, name: externalSource.name })
          .from(externalSource)
          .where(and(eq(externalSource.id, row.sourceExternalSourceId), eq(externalSource.municipalityId, m)))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
    database
      .select({ id: kpiTarget.id, year: kpiTarget.year, target: kpiTarget.target, greenFrom: kpiTarget.greenFrom, amberFrom: kpiTarget.amberFrom })
      .from(kpiTarget)
      .where(and(eq(kpiTarget.kpiId, kpiId), eq(kpiTarget.municipalityId, m)))
      .orderBy(asc(kpiTarget.year)),
    database
      .select({
        id: successFactor.id,
        title: successFactor.title,
        goalId: strategicGoal.id,
        goalTitle: strategicGoal.title,
        areaId: focusArea.id,
        areaName: focusArea.name,
        current: sql<boolean>`(${successFactor.retiredAt} is null and ${strategicGoal.retiredAt} is null and ${focusArea.retiredAt} is null)`,
      })
      .from(kpiSuccessFactor)
      .innerJoin(successFactor, and(eq(successFactor.id, kpiSuccessFactor.successFactorId), eq(successFactor.municipalityId, m)))
      .innerJoin(strategicGoal, eq(strategicGoal.id, successFactor.goalId))
      .innerJoin(focusArea, eq(focusArea.id, strategicGoal.focusAreaId))
      .where(and(eq(kpiSuccessFactor.kpiId, kpiId), eq(kpiSuccessFactor.municipalityId, m)))
      .orderBy(asc(focusArea.position), asc(strategicGoal.position), asc(successFactor.position), asc(successFactor.id)),
    database
      .select({ fromKpiId: kpiInfluence.fromKpiId, toKpiId: kpiInfluence.toKpiId })
      .from(kpiInfluence)
      .where(and(eq(kpiInfluence.municipalityId, m), or(eq(kpiInfluence.fromKpiId, kpiId), eq(kpiInfluence.toKpiId, kpiId)))),
    database
      .select({ n: sql<number>`count(*)::int` })
      .from(measurement)
      .where(and(eq(measurement.kpiId, kpiId), eq(measurement.municipalityId, m))),
    loadDefinitionFacts(database, m, { kpiIds: [kpiId], year }),
  ]);
  const otherIds = [...new Set(links.flatMap((l) => [l.fromKpiId, l.toKpiId]).filter((id) => id !== kpiId))];
  const others = otherIds.length
    ? await database
        .select({ id: kpi.id, name: kpi.name, retiredAt: kpi.retiredAt })
        .from(kpi)
        .where(and(eq(kpi.municipalityId, m), inArray(kpi.id, otherIds)))
        .orderBy(asc(kpi.position), asc(kpi.id))
    : [];
  const relatedBy = (wanted: (otherId: string) => boolean) =>
    others.filter((o) => wanted(o.id)).map((o) => ({ id: o.id, name: o.name, retired: o.retiredAt !== null }));
  return {
    id: row.id,
    name: row.name,
    template,
    definition: row.definition,
    formula: row.formula,
    unit: row.unit,
    unitKind: row.unitKind,
    direction: row.direction,
    frequency: row.frequency,
    decimals: row.decimals,
    owner: owner ? { ...owner, isMember: facts?.ownerIsMember ?? false } : null,
    dataNeeded: row.dataNeeded,
    source: dept ? { kind: "department", ...dept } : ext ? { kind: "external", ...ext } : null,
    targets,
    factors,
    influences: relatedBy((id) => links.some((l) => l.fromKpiId === kpiId && l.toKpiId === id)),
    influencedBy: relatedBy((id) => links.some((l) => l.toKpiId === kpiId && l.fromKpiId === id)),
    measurementCount: counted?.n ?? 0,
    retiredAt: row.retiredAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    year,
    missing: facts?.missing ?? [],
  };
}
