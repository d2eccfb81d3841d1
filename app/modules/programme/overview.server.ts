// The programme overview: the four phases and the municipality's counts, for the home page.
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { agreementVersion, auditEvent, department, externalSource, invitation, member as memberTable } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import { countOverdueTasks } from "../boards/overdue.server";
import { loadProgramme } from "./programme.server";
import { overallCoverage } from "../training/coverage.server";

export const PHASES = [1, 2, 3, 4] as const;

export async function loadProgrammeOverview(actor: Member, now = new Date()) {
  const [[counts], recent, programme, overdueTasks, trainingCoverage] = await Promise.all([
    db()
      .select({
        members: sql<number>`(select count(*)::int from ${memberTable} where ${memberTable.organizationId} = ${actor.municipalityId})`,
        departments: sql<number>`(select count(*)::int from ${department} where ${department.municipalityId} = ${actor.municipalityId})`,
        sources: sql<number>`(select count(*)::int from ${externalSource} where ${externalSource.municipalityId} = ${actor.municipalityId})`,
        awaitingSignature: sql<number>`(select count(*)::int from ${agreementVersion} where ${and(eq(agreementVersion.municipalityId, actor.municipalityId), eq(agreementVersion.status, "awaiting_signatures"))})`,
        pendingInvitations: sql<number>`(select count(*)::int from ${invitation} where ${and(eq(invitation.organizationId, actor.municipalityId), eq(invitation.status, "pending"), gt(invitation.expiresAt, now))})`,
      })
      .from(sql`(select 1) as one`),
    db()
      .select({ seq: auditEvent.seq, action: auditEvent.action, actorLabel: auditEvent.actorLabel, occurredAt: auditEvent.occurredAt, details: auditEvent.details })
      .from(auditEvent)
      .where(eq(auditEvent.municipalityId, actor.municipalityId))
      .orderBy(desc(auditEvent.seq))
      .limit(5),
    loadProgramme(actor),
    countOverdueTasks(actor, now),
    overallCoverage(actor.municipalityId),
  ]);
  const phases = PHASES.map((n) => {
    const p = programme?.phases.find((x) => x.number === n);
    return {
      n,
      status: p?.status ?? ("not_started" as const),
      plannedStart: p?.plannedStart ?? null,
      plannedEnd: p?.plannedEnd ?? null,
      criteriaMet: p?.criteria.filter((c) => c.met).length ?? 0,
      criteriaTotal: p?.criteria.length ?? 0,
    };
  });
  const active = phases.find((p) => p.status === "active");
  return {
    phases,
    /** The active phase and how many of its gate criteria are still open (null: no phase active). */
    activePhase: active ? { n: active.n, openCriteria: active.criteriaTotal - active.criteriaMet } : null,
    counts: counts ?? { members: 0, departments: 0, sources: 0, pendingInvitations: 0, awaitingSignature: 0 },
    /** End users fully trained against the phase-4 target. */
    trainingCoverage,
    /** Open tasks past their due date, and the board that lists them (the active phase's, else phase 1's). */
    overdueTasks: { count: overdueTasks, phase: active?.n ?? 1 },
    recent: recent.map(({ details, ...event }) => ({ ...event, subject: subjectOf(details) })),
  };
}

/** A short, non-secret name for what an event was about (a department's name, an invitee's e-mail). */
function subjectOf(details: Record<string, unknown> | null): string | null {
  const after = details?.after as Record<string, unknown> | undefined;
  const value = details?.name ?? after?.name ?? details?.email;
  return typeof value === "string" ? value : null;
}
