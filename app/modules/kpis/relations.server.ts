// Relations of a KPI: which success factors it measures (KPI → success factor → goal → focus area)
// and which other KPIs it influences (KPI → KPI, "beïnvloedt"). Both ends always belong to the
// actor's municipality; a retired factor or KPI cannot be linked. Each change is one transaction
// with its audit event.
import { and, asc, eq, isNull, or } from "drizzle-orm";
import { isUniqueViolation } from "../../../db/errors";
import { focusArea, kpi, kpiInfluence, kpiSuccessFactor, strategicGoal, successFactor } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import type { Member } from "../auth/guards.server";
import { currentFactor, invalid, kpiAudit, lockKpi, type KpiOutcome } from "./kpis.server";

export async function linkFactor(actor: Member, kpiId: string, factorId: string): Promise<KpiOutcome> {
  try {
    return await db().transaction(async (tx): Promise<KpiOutcome> => {
      const current = await lockKpi(tx, actor, kpiId);
      if (!current) return { ok: false, error: "notFound" };
      if (current.retiredAt) return { ok: false, error: "retired" };
      const factor = await currentFactor(tx, actor, factorId);
      if (!factor) return invalid("factorId", "factorNotFound");
      const [existing] = await tx
        .select({ kpiId: kpiSuccessFactor.kpiId })
        .from(kpiSuccessFactor)
        .where(and(eq(kpiSuccessFactor.kpiId, kpiId), eq(kpiSuccessFactor.successFactorId, factorId)));
      if (existing) return invalid("factorId", "factorAlreadyLinked", { title: factor.title });
      await tx.insert(kpiSuccessFactor).values({ kpiId, successFactorId: factorId, municipalityId: actor.municipalityId });
      await recordAudit(tx, {
        ...kpiAudit(actor, "kpi_relation", kpiId),
        action: "kpi.factor_linked",
        details: { kpi: current.name, successFactorId: factor.id, successFactor: factor.title, goal: factor.goal, focusArea: factor.area },
      });
      return { ok: true, id: kpiId, name: current.name, changed: true };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return invalid("factorId", "factorAlreadyLinked", { title: "" });
    throw err;
  }
}

/** Unlinks a success factor (also a retired one: the link must not linger unseen). */
export async function unlinkFactor(actor: Member, kpiId: string, factorId: string): Promise<KpiOutcome> {
  return db().transaction(async (tx): Promise<KpiOutcome> => {
    const current = await lockKpi(tx, actor, kpiId);
    if (!current) return { ok: false, error: "notFound" };
    if (current.retiredAt) return { ok: false, error: "retired" };
    const [row] = await tx
      .delete(kpiSuccessFactor)
      .where(and(eq(kpiSuccessFactor.kpiId, kpiId), eq(kpiSuccessFactor.successFactorId, factorId), eq(kpiSuccessFactor.municipalityId, actor.municipalityId)))
      .returning({ factorId: kpiSuccessFactor.successFactorId });
    if (!row) return { ok: false, error: "notFound" };
    const [factor] = await tx.select({ title: successFactor.title }).from(successFactor).where(eq(successFactor.id, factorId));
    await recordAudit(tx, {
      ...kpiAudit(actor, "kpi_relation", kpiId),
      action: "kpi.factor_unlinked",
      details: { kpi: current.name, successFactorId: factorId, successFactor: factor?.title ?? null },
    });
    return { ok: true, id: kpiId, name: current.name, changed: true };
  });
}

/** "This KPI influences the other one." */
export async function addInfluence(actor: Member, kpiId: string, otherKpiId: string): Promise<KpiOutcome> {
  if (kpiId === otherKpiId) return invalid("otherKpiId", "influenceSelf");
  try {
    return await db().transaction(async (tx): Promise<KpiOutcome> => {
      // Lock both in a fixed order, so two opposite links at once never deadlock.
      const [first, second] = kpiId < otherKpiId ? [kpiId, otherKpiId] : [otherKpiId, kpiId];
      const a = await lockKpi(tx, actor, first);
      const b = await lockKpi(tx, actor, second);
      const current = a?.id === kpiId ? a : b;
      const other = a?.id === otherKpiId ? a : b;
      if (!current || current.id !== kpiId) return { ok: false, error: "notFound" };
      if (current.retiredAt) return { ok: false, error: "retired" };
      if (!other || other.id !== otherKpiId || other.retiredAt) return invalid("otherKpiId", "influenceNotFound");
      const [existing] = await tx
        .select({ from: kpiInfluence.fromKpiId })
        .from(kpiInfluence)
        .where(and(eq(kpiInfluence.fromKpiId, kpiId), eq(kpiInfluence.toKpiId, otherKpiId)));
      if (existing) return invalid("otherKpiId", "influenceExists", { name: other.name });
      await tx.insert(kpiInfluence).values({ fromKpiId: kpiId, toKpiId: otherKpiId, municipalityId: actor.municipalityId });
      await recordAudit(tx, {
        ...kpiAudit(actor, "kpi_relation", kpiId),
        action: "kpi.influence_added",
        details: { fromKpiId: kpiId, from: current.name, toKpiId: otherKpiId, to: other.name },
      });
      return { ok: true, id: kpiId, name: current.name, changed: true };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return invalid("otherKpiId", "influenceExists", { name: "" });
    throw err;
  }
}

/** Removes an influence link that this KPI is one end of (either direction). */
export async function removeInfluence(actor: Member, kpiId: string, link: { fromKpiId: string; toKpiId: string }): Promise<KpiOutcome> {
  if (link.fromKpiId !== kpiId && link.toKpiId !== kpiId) return { ok: false, error: "notFound" };
  return db().transaction(async (tx): Promise<KpiOutcome> => {
    const current = await lockKpi(tx, actor, kpiId);
    if (!current) return { ok: false, error: "notFound" };
    if (current.retiredAt) return { ok: false, error: "retired" };
    const [row] = await tx
      .delete(kpiInfluence)
      .where(and(eq(kpiInfluence.fromKpiId, link.fromKpiId), eq(kpiInfluence.toKpiId, link.toKpiId), eq(kpiInfluence.municipalityId, actor.municipalityId)))
      .returning({ from: kpiInfluence.fromKpiId });
    if (!row) return { ok: false, error: "notFound" };
    const names = await tx
      .select({ id: kpi.id, name: kpi.name })
      .from(kpi)
      .where(and(eq(kpi.municipalityId, actor.municipalityId), or(eq(kpi.id, link.fromKpiId), eq(kpi.id, link.toKpiId))));
    const nameOf = (id: string) => names.find((n) => n.id === id)?.name ?? null;
    await recordAudit(tx, {
      ...kpiAudit(actor, "kpi_relation", kpiId),
      action: "kpi.influence_removed",
      details: { fromKpiId: link.fromKpiId, from: nameOf(link.fromKpiId), toKpiId: link.toKpiId, to: nameOf(link.toKpiId) },
    });
    return { ok: true, id: kpiId, name: current.name, changed: true };
  });
}

export interface FactorOptionGroup {
  areaId: string;
  areaKey: string | null;
  areaName: string;
  goals: { id: string; title: string; factors: { id: string; title: string }[] }[];
}

/**
 * The current success factors of the municipality's policy maps, grouped focus area → goal, in the
 * maps' order: the choices of every "which success factor" select.
 */
export async function listFactorOptions(actor: Pick<Member, "municipalityId">): Promise<FactorOptionGroup[]> {
  const rows = await db()
    .select({
      areaId: focusArea.id,
      areaKey: focusArea.key,
      areaName: focusArea.name,
      goalId: strategicGoal.id,
      goalTitle: strategicGoal.title,
      factorId: successFactor.id,
      factorTitle: successFactor.title,
    })
    .from(successFactor)
    .innerJoin(strategicGoal, and(eq(strategicGoal.id, successFactor.goalId), isNull(strategicGoal.retiredAt)))
    .innerJoin(focusArea, and(eq(focusArea.id, strategicGoal.focusAreaId), isNull(focusArea.retiredAt)))
    .where(and(eq(successFactor.municipalityId, actor.municipalityId), eq(focusArea.municipalityId, actor.municipalityId), isNull(successFactor.retiredAt)))
    .orderBy(asc(focusArea.position), asc(focusArea.id), asc(strategicGoal.position), asc(strategicGoal.id), asc(successFactor.position), asc(successFactor.id));
  const groups: FactorOptionGroup[] = [];
  for (const r of rows) {
    let area = groups.at(-1);
    if (area?.areaId !== r.areaId) {
      area = { areaId: r.areaId, areaKey: r.areaKey, areaName: r.areaName, goals: [] };
      groups.push(area);
    }
    let goal = area.goals.at(-1);
    if (goal?.id !== r.goalId) {
      goal = { id: r.goalId, title: r.goalTitle, factors: [] };
      area.goals.push(goal);
    }
    goal.factors.push({ id: r.factorId, title: r.factorTitle });
  }
  return groups;
}
