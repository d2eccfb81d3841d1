// Coverage and checklists from the database: who needs which topic, who covered it where. Read
// inside the caller's transaction when there is one (the gate check runs in closeGate's).
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { member as memberTable, trainingAttendance, trainingRequirement, trainingSession, trainingSessionTopic, trainingTopic, user } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import { computeCoverage, coverageMet, type CoverageInput, type CoveragePerson } from "./coverage";
import { departmentsOfMembers } from "./member-departments.server";
import { coverageTarget } from "./topics.server";

interface Completion {
  userId: string;
  topicId: string;
  sessionId: string;
  sessionTitle: string;
  startsAt: Date;
}

/** Every (person, topic) covered by attending a logged session, newest session first; one person's with `userId`. */
async function completions(municipalityId: string, database: DbOrTx, userId?: string): Promise<Completion[]> {
  return database
    .select({ userId: trainingAttendance.userId, topicId: trainingSessionTopic.topicId, sessionId: trainingSession.id, sessionTitle: trainingSession.title, startsAt: trainingSession.startsAt })
    .from(trainingAttendance)
    .innerJoin(trainingSession, eq(trainingSession.id, trainingAttendance.sessionId))
    .innerJoin(trainingSessionTopic, and(eq(trainingSessionTopic.sessionId, trainingSession.id), eq(trainingSessionTopic.covered, true)))
    .where(
      and(
        eq(trainingAttendance.municipalityId, municipalityId),
        userId ? eq(trainingAttendance.userId, userId) : undefined,
        eq(trainingAttendance.attended, true),
        eq(trainingSession.status, "logged"),
      ),
    )
    .orderBy(desc(trainingSession.startsAt));
}

export async function loadCoverageInput(municipalityId: string, database: DbOrTx = db()): Promise<CoverageInput> {
  const [members, topics, requirements, done, departments] = await Promise.all([
    database
      .select({ userId: user.id, name: user.name, email: user.email, role: memberTable.role })
      .from(memberTable)
      .innerJoin(user, eq(user.id, memberTable.userId))
      .where(eq(memberTable.organizationId, municipalityId))
      .orderBy(asc(user.name)),
    database
      .select({ id: trainingTopic.id, title: trainingTopic.title })
      .from(trainingTopic)
      .where(and(eq(trainingTopic.municipalityId, municipalityId), isNull(trainingTopic.archivedAt)))
      .orderBy(asc(trainingTopic.position), asc(trainingTopic.title)),
    database.select({ topicId: trainingRequirement.topicId, role: trainingRequirement.role }).from(trainingRequirement).where(eq(trainingRequirement.municipalityId, municipalityId)),
    completions(municipalityId, database),
    departmentsOfMembers(municipalityId, database),
  ]);
  const people: CoveragePerson[] = members.map((m) => {
    const d = departments.get(m.userId);
    return { ...m, departmentId: d?.departmentId ?? null, departmentName: d?.name ?? null };
  });
  const requirementMap = new Map<string, Set<string>>();
  for (const r of requirements) requirementMap.set(r.role, (requirementMap.get(r.role) ?? new Set()).add(r.topicId));
  const covered = new Map<string, Set<string>>();
  for (const c of done) covered.set(c.userId, (covered.get(c.userId) ?? new Set()).add(c.topicId));
  return { people, topics, requirements: requirementMap, covered };
}

export async function loadCoverage(actor: Member, database: DbOrTx = db()) {
  const [input, target] = await Promise.all([loadCoverageInput(actor.municipalityId, database), coverageTarget(actor.municipalityId, database)]);
  const result = computeCoverage(input);
  return { ...result, target, met: coverageMet(result.overall, target) };
}

export type CoverageView = Awaited<ReturnType<typeof loadCoverage>>;

/** End users fully trained against the target: what the gate decides on and the overview shows. */
export async function overallCoverage(municipalityId: string, database: DbOrTx = db()) {
  const [input, target] = await Promise.all([loadCoverageInput(municipalityId, database), coverageTarget(municipalityId, database)]);
  const overall = computeCoverage(input).overall;
  return { ...overall, target, met: coverageMet(overall, target) };
}

export interface ChecklistItem {
  topicId: string;
  title: string;
  description: string | null;
  required: boolean;
  covered: { sessionId: string; sessionTitle: string; date: Date } | null;
}

/** A person's checklist: their role's topics (ticked where covered) and topics they covered besides. */
export async function checklistOf(actor: Member, userId: string = actor.userId, database: DbOrTx = db()): Promise<{ role: string; items: ChecklistItem[] } | null> {
  const [person] = await database
    .select({ role: memberTable.role })
    .from(memberTable)
    .where(and(eq(memberTable.organizationId, actor.municipalityId), eq(memberTable.userId, userId)));
  if (!person) return null;
  const [topics, requirements, done] = await Promise.all([
    database
      .select({ id: trainingTopic.id, title: trainingTopic.title, description: trainingTopic.description })
      .from(trainingTopic)
      .where(and(eq(trainingTopic.municipalityId, actor.municipalityId), isNull(trainingTopic.archivedAt)))
      .orderBy(asc(trainingTopic.position), asc(trainingTopic.title)),
    database
      .select({ topicId: trainingRequirement.topicId })
      .from(trainingRequirement)
      .where(and(eq(trainingRequirement.municipalityId, actor.municipalityId), eq(trainingRequirement.role, person.role))),
    completions(actor.municipalityId, database, userId),
  ]);
  const required = new Set(requirements.map((r) => r.topicId));
  const items = topics
    .map((t): ChecklistItem => {
      const c = done.find((d) => d.topicId === t.id);
      return { topicId: t.id, title: t.title, description: t.description, required: required.has(t.id), covered: c ? { sessionId: c.sessionId, sessionTitle: c.sessionTitle, date: c.startsAt } : null };
    })
    .filter((i) => i.required || i.covered);
  return { role: person.role, items };
}

export const trainingGateChecks: Record<string, (municipalityId: string, database: DbOrTx) => Promise<boolean>> = {
  "training.coverage_80": async (municipalityId, database) => (await overallCoverage(municipalityId, database)).met,
};
