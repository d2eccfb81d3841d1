// Gate criteria of phase 2 computed from the KPI tables: every chosen (active) KPI fully defined,
// and every one owned by someone who is still a member. One counts function feeds both the gate
// and the phase-2 page, so they always read the same thing.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { focusArea, kpi, kpiSuccessFactor, kpiTarget, member as memberTable, strategicGoal, successFactor } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import { missingParts, type DefinitionFacts, type DefinitionPart } from "./completeness";

export const KPIS_ALL_DEFINED = "kpis.all_defined";
export const KPIS_ALL_OWNED = "kpis.all_owned";

/** The calendar year in the Netherlands (a target "of this year" changes at midnight in Amsterdam). */
export function amsterdamYear(now: Date = new Date()): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", year: "numeric" }).format(now));
}

export interface KpiFacts {
  id: string;
  facts: DefinitionFacts;
  /** The owner is set and still a member of the municipality. */
  ownerIsMember: boolean;
  missing: DefinitionPart[];
}

/**
 * The completeness facts of the municipality's KPIs (all active ones, or the given ids, retired
 * or not). An owner who left the municipality counts as no owner; a success factor counts while
 * it, its goal and its focus area are current.
 */
export async function loadDefinitionFacts(database: DbOrTx, municipalityId: string, options: { kpiIds?: string[]; year?: number } = {}): Promise<KpiFacts[]> {
  const year = options.year ?? amsterdamYear();
  const rows = await database
    .select({
      id: kpi.id,
      definition: kpi.definition,
      formula: kpi.formula,
      unit: kpi.unit,
      direction: kpi.direction,
      frequency: kpi.frequency,
      ownerUserId: kpi.ownerUserId,
      dataNeeded: kpi.dataNeeded,
      sourceDepartmentId: kpi.sourceDepartmentId,
      sourceExternalSourceId: kpi.sourceExternalSourceId,
      ownerMemberId: memberTable.id,
    })
    .from(kpi)
    .leftJoin(memberTable, and(eq(memberTable.userId, kpi.ownerUserId), eq(memberTable.organizationId, kpi.municipalityId)))
    .where(and(eq(kpi.municipalityId, municipalityId), options.kpiIds ? inArray(kpi.id, options.kpiIds.length ? options.kpiIds : [""]) : isNull(kpi.retiredAt)));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [targets, factorCounts] = await Promise.all([
    database
      .select({ kpiId: kpiTarget.kpiId, greenFrom: kpiTarget.greenFrom, amberFrom: kpiTarget.amberFrom })
      .from(kpiTarget)
      .where(and(eq(kpiTarget.municipalityId, municipalityId), eq(kpiTarget.year, year), inArray(kpiTarget.kpiId, ids))),
    database
      .select({ kpiId: kpiSuccessFactor.kpiId, n: sql<number>`count(*)::int` })
      .from(kpiSuccessFactor)
      .innerJoin(successFactor, and(eq(successFactor.id, kpiSuccessFactor.successFactorId), isNull(successFactor.retiredAt)))
      .innerJoin(strategicGoal, and(eq(strategicGoal.id, successFactor.goalId), isNull(strategicGoal.retiredAt)))
      .innerJoin(focusArea, and(eq(focusArea.id, strategicGoal.focusAreaId), isNull(focusArea.retiredAt)))
      .where(and(eq(kpiSuccessFactor.municipalityId, municipalityId), eq(successFactor.municipalityId, municipalityId), inArray(kpiSuccessFactor.kpiId, ids)))
      .groupBy(kpiSuccessFactor.kpiId),
  ]);
  const targetOf = new Map(targets.map((t) => [t.kpiId, { greenFrom: t.greenFrom, amberFrom: t.amberFrom }]));
  const countOf = new Map(factorCounts.map((c) => [c.kpiId, c.n]));
  return rows.map((r) => {
    const ownerIsMember = r.ownerUserId !== null && r.ownerMemberId !== null;
    const facts: DefinitionFacts = {
      definition: r.definition,
      formula: r.formula,
      unit: r.unit,
      direction: r.direction,
      frequency: r.frequency,
      ownerUserId: ownerIsMember ? r.ownerUserId : null,
      dataNeeded: r.dataNeeded,
      sourceDepartmentId: r.sourceDepartmentId,
      sourceExternalSourceId: r.sourceExternalSourceId,
      target: targetOf.get(r.id) ?? null,
      successFactorCount: countOf.get(r.id) ?? 0,
    };
    return { id: r.id, facts, ownerIsMember, missing: missingParts(facts) };
  });
}

export interface KpiDefinitionCounts {
  /** KPIs chosen and not retired. */
  active: number;
  /** Of those, fully defined (nothing missing). */
  complete: number;
  /** Of those, owned by a current member. */
  owned: number;
}

export async function kpiDefinitionCounts(database: DbOrTx, municipalityId: string, options: { year?: number } = {}): Promise<KpiDefinitionCounts> {
  const facts = await loadDefinitionFacts(database, municipalityId, { year: options.year });
  return {
    active: facts.length,
    complete: facts.filter((f) => f.missing.length === 0).length,
    owned: facts.filter((f) => f.ownerIsMember).length,
  };
}

export const kpiGateChecks: Record<string, (municipalityId: string, database: DbOrTx) => Promise<boolean>> = {
  [KPIS_ALL_DEFINED]: async (municipalityId, database) => {
    const { active, complete } = await kpiDefinitionCounts(database, municipalityId);
    return active > 0 && complete === active;
  },
  [KPIS_ALL_OWNED]: async (municipalityId, database) => {
    const { active, owned } = await kpiDefinitionCounts(database, municipalityId);
    return active > 0 && owned === active;
  },
};

/** The counts the phase-2 page shows for the member's municipality (the same the gate reads). */
export function loadPhaseTwoSummary(actor: Pick<Member, "municipalityId">): Promise<KpiDefinitionCounts> {
  return kpiDefinitionCounts(db(), actor.municipalityId);
}
