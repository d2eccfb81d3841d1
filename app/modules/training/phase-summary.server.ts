// The figures of phase 4 for its phase page and the programme overview: training coverage against
// its target, rules of use acknowledged, and the sessions planned, logged and still to log.
import { and, eq, sql } from "drizzle-orm";
import { member as memberTable, rulesAcknowledgement, trainingSession } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import { overallCoverage } from "./coverage.server";
import { publishedRules } from "./rules.server";

export async function loadPhaseFourSummary(actor: Member, now = new Date()) {
  const [coverage, rules, [sessions], [members]] = await Promise.all([
    overallCoverage(actor.municipalityId),
    publishedRules(actor.municipalityId),
    db()
      .select({
        planned: sql<number>`count(*) filter (where ${trainingSession.status} = 'planned' and ${trainingSession.endsAt} > ${now})::int`,
        logged: sql<number>`count(*) filter (where ${trainingSession.status} = 'logged')::int`,
        toLog: sql<number>`count(*) filter (where ${trainingSession.status} = 'planned' and ${trainingSession.endsAt} <= ${now})::int`,
      })
      .from(trainingSession)
      .where(eq(trainingSession.municipalityId, actor.municipalityId)),
    db().select({ n: sql<number>`count(*)::int` }).from(memberTable).where(eq(memberTable.organizationId, actor.municipalityId)),
  ]);
  let acknowledged = 0;
  if (rules) {
    const [row] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(rulesAcknowledgement)
      .innerJoin(memberTable, and(eq(memberTable.userId, rulesAcknowledgement.userId), eq(memberTable.organizationId, actor.municipalityId)))
      .where(eq(rulesAcknowledgement.versionId, rules.versionId));
    acknowledged = row?.n ?? 0;
  }
  return {
    coverage,
    rules: rules ? { acknowledged, members: members?.n ?? 0 } : null,
    sessions: sessions ?? { planned: 0, logged: 0, toLog: 0 },
  };
}

export type PhaseFourSummary = Awaited<ReturnType<typeof loadPhaseFourSummary>>;
