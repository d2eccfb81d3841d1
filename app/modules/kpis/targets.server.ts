// A KPI's targets per year (streefwaarden) with their traffic-light thresholds (normen). One row
// per year; a row is added, changed or removed, each in one transaction with its audit event.
// The values must fit the KPI's unit kind and direction (target-rules.ts); refusals write nothing.
import { and, eq, ne } from "drizzle-orm";
import { isUniqueViolation } from "../../../db/errors";
import { kpiTarget } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import type { Member } from "../auth/guards.server";
import { invalid, kpiAudit, lockKpi, type KpiOutcome } from "./kpis.server";
import { fieldErrorsOf, targetFields, type TargetInput } from "./schema";
import { targetProblems } from "./target-rules";

/** Adds a year's target (no `targetId`) or changes an existing row. */
export async function saveTarget(actor: Member, kpiId: string, input: TargetInput): Promise<KpiOutcome> {
  const parsed = targetFields.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const { targetId, year, target, greenFrom, amberFrom } = parsed.data;
  try {
    return await db().transaction(async (tx): Promise<KpiOutcome> => {
      const current = await lockKpi(tx, actor, kpiId);
      if (!current) return { ok: false, error: "notFound" };
      if (current.retiredAt) return { ok: false, error: "retired" };
      const problems = targetProblems(current.unitKind, current.direction, { target, greenFrom, amberFrom });
      if (Object.keys(problems).length) return { ok: false, error: "invalid", fieldErrors: problems as Record<string, string[]> };
      const [sameYear] = await tx
        .select({ id: kpiTarget.id })
        .from(kpiTarget)
        .where(and(eq(kpiTarget.kpiId, kpiId), eq(kpiTarget.year, year), targetId ? ne(kpiTarget.id, targetId) : undefined));
      if (sameYear) return invalid("year", "yearTaken", { year });
      const after = { year, target, greenFrom, amberFrom };
      if (!targetId) {
        const id = crypto.randomUUID();
        await tx.insert(kpiTarget).values({ id, municipalityId: actor.municipalityId, kpiId, ...after });
        await recordAudit(tx, { ...kpiAudit(actor, "kpi_target", id), action: "kpi_target.created", details: { kpiId, kpi: current.name, after } });
        return { ok: true, id, name: current.name, changed: true };
      }
      const [row] = await tx
        .select({ id: kpiTarget.id, year: kpiTarget.year, target: kpiTarget.target, greenFrom: kpiTarget.greenFrom, amberFrom: kpiTarget.amberFrom })
        .from(kpiTarget)
        .where(and(eq(kpiTarget.id, targetId), eq(kpiTarget.kpiId, kpiId), eq(kpiTarget.municipalityId, actor.municipalityId)))
        .for("update");
      if (!row) return { ok: false, error: "notFound" };
      const before = { year: row.year, target: row.target, greenFrom: row.greenFrom, amberFrom: row.amberFrom };
      if (before.year === after.year && before.target === after.target && before.greenFrom === after.greenFrom && before.amberFrom === after.amberFrom) {
        return { ok: true, id: row.id, name: current.name, changed: false };
      }
      await tx
        .update(kpiTarget)
        .set({ ...after, updatedAt: new Date() })
        .where(eq(kpiTarget.id, row.id));
      await recordAudit(tx, { ...kpiAudit(actor, "kpi_target", row.id), action: "kpi_target.updated", details: { kpiId, kpi: current.name, before, after } });
      return { ok: true, id: row.id, name: current.name, changed: true };
    });
  } catch (err) {
    // A concurrent save of the same year won the race.
    if (isUniqueViolation(err, "kpi_target_year_uq")) return invalid("year", "yearTaken", { year });
    throw err;
  }
}

export async function removeTarget(actor: Member, kpiId: string, targetId: string): Promise<KpiOutcome> {
  return db().transaction(async (tx): Promise<KpiOutcome> => {
    const current = await lockKpi(tx, actor, kpiId);
    if (!current) return { ok: false, error: "notFound" };
    if (current.retiredAt) return { ok: false, error: "retired" };
    const [row] = await tx
      .delete(kpiTarget)
      .where(and(eq(kpiTarget.id, targetId), eq(kpiTarget.kpiId, kpiId), eq(kpiTarget.municipalityId, actor.municipalityId)))
      .returning({ id: kpiTarget.id, year: kpiTarget.year, target: kpiTarget.target, greenFrom: kpiTarget.greenFrom, amberFrom: kpiTarget.amberFrom });
    if (!row) return { ok: false, error: "notFound" };
    const { id, ...before } = row;
    await recordAudit(tx, { ...kpiAudit(actor, "kpi_target", id), action: "kpi_target.removed", details: { kpiId, kpi: current.name, before } });
    return { ok: true, id, name: current.name, changed: true };
  });
}
