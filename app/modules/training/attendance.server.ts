// Logging a session afterwards: who attended, which topics were covered, notes. Attendance ticks
// the covered topics on each attendee's checklist (derived, see checklist.server.ts). A log can be
// corrected: the new list replaces the old one, and the audit log keeps both.
import { and, eq, inArray } from "drizzle-orm";
import { trainingAttendance, trainingSession, trainingSessionTopic } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { canTrain } from "./access";
import { membersAmong } from "./member-departments.server";
import { lockSession, registrationsWithUsers } from "./session-rows.server";

export type LogOutcome =
  | { ok: true; attended: number; absent: number }
  | { ok: false; error: "not_allowed" | "not_found" | "cancelled" | "not_started" | "topics_invalid" | "topics_required" }
  | { ok: false; error: "not_members"; userIds: string[] };

export async function logSession(
  actor: Member,
  sessionId: string,
  input: { attendeeIds: string[]; coveredTopicIds: string[]; notes?: string },
  now = new Date(),
): Promise<LogOutcome> {
  if (!canTrain(actor.role)) return { ok: false, error: "not_allowed" };
  return db().transaction(async (tx): Promise<LogOutcome> => {
    const session = await lockSession(tx, actor, sessionId);
    if (!session) return { ok: false, error: "not_found" };
    if (session.status === "cancelled") return { ok: false, error: "cancelled" };
    if (session.startsAt > now) return { ok: false, error: "not_started" };
    const attendees = [...new Set(input.attendeeIds)];
    const people = await membersAmong(tx, actor.municipalityId, attendees);
    const known = new Set(people.map((p) => p.userId));
    const strangers = attendees.filter((id) => !known.has(id));
    if (strangers.length > 0) return { ok: false, error: "not_members", userIds: strangers };
    const covered = [...new Set(input.coveredTopicIds)];
    if (attendees.length > 0 && covered.length === 0) return { ok: false, error: "topics_required" };
    const sessionTopics = await tx.select({ topicId: trainingSessionTopic.topicId }).from(trainingSessionTopic).where(eq(trainingSessionTopic.sessionId, sessionId));
    const planned = new Set(sessionTopics.map((t) => t.topicId));
    if (covered.some((id) => !planned.has(id))) return { ok: false, error: "topics_invalid" };

    const before = await tx.select().from(trainingAttendance).where(eq(trainingAttendance.sessionId, sessionId));
    const beforeCovered = await tx
      .select({ topicId: trainingSessionTopic.topicId })
      .from(trainingSessionTopic)
      .where(and(eq(trainingSessionTopic.sessionId, sessionId), eq(trainingSessionTopic.covered, true)));
    // Everyone with a seat is listed: present when ticked, absent otherwise; walk-ins are added.
    const registered = await registrationsWithUsers(tx, sessionId, ["registered"]);
    const listed = new Set([...registered.map((r) => r.userId), ...attendees]);
    await tx.delete(trainingAttendance).where(eq(trainingAttendance.sessionId, sessionId));
    if (listed.size > 0) {
      await tx.insert(trainingAttendance).values([...listed].map((userId) => ({ sessionId, municipalityId: actor.municipalityId, userId, attended: known.has(userId), recordedAt: now })));
    }
    await tx.update(trainingSessionTopic).set({ covered: false }).where(eq(trainingSessionTopic.sessionId, sessionId));
    if (covered.length > 0) {
      await tx
        .update(trainingSessionTopic)
        .set({ covered: true })
        .where(and(eq(trainingSessionTopic.sessionId, sessionId), inArray(trainingSessionTopic.topicId, covered)));
    }
    await tx.update(trainingSession).set({ status: "logged", notes: input.notes ?? null, loggedAt: now, loggedBy: actor.userId, updatedAt: now }).where(eq(trainingSession.id, sessionId));
    const emails = new Map(people.map((p) => [p.userId, p.email]));
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: session.status === "logged" ? "training.session_log_corrected" : "training.session_logged",
      objectType: "training_session",
      objectId: sessionId,
      origin: actor.origin,
      details: {
        name: session.title,
        before: session.status === "logged" ? { attended: before.filter((a) => a.attended).map((a) => a.userId).sort(), coveredTopicIds: beforeCovered.map((t) => t.topicId).sort() } : null,
        after: { attended: attendees.map((id) => emails.get(id) ?? id).sort(), coveredTopicIds: covered.sort(), notes: input.notes ?? null },
      },
    });
    return { ok: true, attended: attendees.length, absent: listed.size - attendees.length };
  });
}
