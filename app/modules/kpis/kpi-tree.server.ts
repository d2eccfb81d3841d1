// The coherence of a municipality's KPIs (samenhang): focus area → strategic goal → success factor
// → KPI, the KPIs not linked to any factor, and the "influences" links between KPIs. Plain data;
// the page draws it as an interactive graph and as nested lists.
import { and, asc, eq, isNull } from "drizzle-orm";
import { focusArea, kpi, kpiInfluence, kpiSuccessFactor, strategicGoal, successFactor } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import { loadDefinitionFacts } from "./gate-checks.server";

export interface TreeKpi {
  id: string;
  name: string;
  templateCode: string | null;
  complete: boolean;
}

export interface KpiTree {
  areas: {
    id: string;
    name: string;
    goals: { id: string; title: string; factors: { id: string; title: string; kpis: TreeKpi[] }[] }[];
  }[];
  /** Current KPIs linked to no current success factor. */
  unlinked: TreeKpi[];
  /** "from influences to", between current KPIs. */
  influences: { from: string; to: string }[];
  kpiCount: number;
}

export async function loadKpiTree(actor: Pick<Member, "municipalityId">): Promise<KpiTree> {
  const m = actor.municipalityId;
  const [kpis, facts, structure, links, influences] = await Promise.all([
    db()
      .select({ id: kpi.id, name: kpi.name, templateCode: kpi.templateCode })
      .from(kpi)
      .where(and(eq(kpi.municipalityId, m), isNull(kpi.retiredAt)))
      .orderBy(asc(kpi.position), asc(kpi.id)),
    loadDefinitionFacts(db(), m),
    db()
      .select({
        areaId: focusArea.id,
        areaName: focusArea.name,
        goalId: strategicGoal.id,
        goalTitle: strategicGoal.title,
        factorId: successFactor.id,
        factorTitle: successFactor.title,
      })
      .from(strategicGoal)
      .innerJoin(focusArea, and(eq(focusArea.id, strategicGoal.focusAreaId), eq(focusArea.municipalityId, m), isNull(focusArea.retiredAt)))
      .leftJoin(successFactor, and(eq(successFactor.goalId, strategicGoal.id), eq(successFactor.municipalityId, m), isNull(successFactor.retiredAt)))
      .where(and(eq(strategicGoal.municipalityId, m), isNull(strategicGoal.retiredAt)))
      .orderBy(asc(focusArea.position), asc(focusArea.id), asc(strategicGoal.position), asc(strategicGoal.id), asc(successFactor.position), asc(successFactor.id)),
    db()
      .select({ kpiId: kpiSuccessFactor.kpiId, factorId: kpiSuccessFactor.successFactorId })
      .from(kpiSuccessFactor)
      .where(eq(kpiSuccessFactor.municipalityId, m)),
    db()
      .select({ from: kpiInfluence.fromKpiId, to: kpiInfluence.toKpiId })
      .from(kpiInfluence)
      .where(eq(kpiInfluence.municipalityId, m)),
  ]);
  const complete = new Map(facts.map((f) => [f.id, f.missing.length === 0]));
  const byId = new Map(kpis.map((k) => [k.id, { ...k, complete: complete.get(k.id) ?? false }]));
  const kpisOfFactor = new Map<string, TreeKpi[]>();
  const linked = new Set<string>();
  const factorIds = new Set(structure.map((s) => s.factorId).filter((id): id is string => id !== null));
  for (const l of links) {
    const k = byId.get(l.kpiId);
    if (!k || !factorIds.has(l.factorId)) continue;
    const list = kpisOfFactor.get(l.factorId) ?? [];
    list.push(k);
    kpisOfFactor.set(l.factorId, list);
    linked.add(k.id);
  }
  const order = new Map(kpis.map((k, i) => [k.id, i]));
  for (const list of kpisOfFactor.values()) list.sort((a, b) => order.get(a.id)! - order.get(b.id)!);

  const areas: KpiTree["areas"] = [];
  for (const s of structure) {
    let area = areas.at(-1);
    if (area?.id !== s.areaId) {
      area = { id: s.areaId, name: s.areaName, goals: [] };
      areas.push(area);
    }
    let goal = area.goals.at(-1);
    if (goal?.id !== s.goalId) {
      goal = { id: s.goalId, title: s.goalTitle, factors: [] };
      area.goals.push(goal);
    }
    if (s.factorId) goal.factors.push({ id: s.factorId, title: s.factorTitle!, kpis: kpisOfFactor.get(s.factorId) ?? [] });
  }
  return {
    areas,
    unlinked: [...byId.values()].filter((k) => !linked.has(k.id)),
    influences: influences.filter((l) => byId.has(l.from) && byId.has(l.to)),
    kpiCount: kpis.length,
  };
}
