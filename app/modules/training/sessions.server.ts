// Training sessions: trainers (and programme leads) plan, change and cancel them. A trainer is
// never booked twice at once (checked under a per-trainer lock, so two planners cannot race past
// it); a session that ended unlogged reminds its trainer once (a durable job).
import { and, eq, gt, inArray, lt, ne, sql } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import { department, member as memberTable, trainingSession, trainingSessionDepartment, trainingSessionRole, trainingSessionTopic, user } from "../../../db/schema/index";
import { enqueueJob } from "../../../workflows/scheduler";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { isRole } from "../auth/roles";
import { canTrain } from "./access";
import { localToInstant } from "./local-time";
import type { SessionInput } from "./schema";
import { lockSession, registeredCount, registrationsWithUsers, type SessionRow } from "./session-rows.server";
import { mailSession } from "./session-mail.server";
import { promoteWaitlisted } from "./registrations.server";
import { ownTopicIds } from "./topics.server";

export type SessionError =
  | "not_allowed"
  | "not_found"
  | "trainer_invalid"
  | "trainer_busy"
  | "topics_invalid"
  | "departments_invalid"
  | "capacity_below_registered"
  | "not_planned";

export type SessionOutcome<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: Exclude<SessionError, "trainer_busy" | "capacity_below_registered"> }
  /** `title` is null when the clashing session belongs to another municipality (the trainer works for several): it is not ours to show. */
  | { ok: false; error: "trainer_busy"; clash: { title: string | null; startsAt: Date; endsAt: Date } }
  | { ok: false; error: "capacity_below_registered"; registered: number };

export const LOG_REMINDER_JOB = "training.log_reminder";
/** The trainer is reminded this long after a session ended without a log. */
export const LOG_REMINDER_DELAY_MS = 60 * 60_000;

export async function scheduleLogReminder(tx: Tx, session: Pick<SessionRow, "id" | "municipalityId" | "endsAt">, now: Date) {
  const runAt = new Date(Math.max(session.endsAt.getTime(), now.getTime()) + LOG_REMINDER_DELAY_MS);
  await enqueueJob(tx, {
    kind: LOG_REMINDER_JOB,
    runAt,
    payload: { sessionId: session.id, endsAt: session.endsAt.toISOString() },
    dedupeKey: `training-log:${session.id}:${session.endsAt.toISOString()}`,
    municipalityId: session.municipalityId,
  });
}

interface Resolved {
  startsAt: Date;
  endsAt: Date;
  topicIds: string[];
  departmentIds: string[];
}

/** Checks the input against the municipality (trainer, topics, departments, the trainer's agenda). */
async function resolve(tx: Tx, actor: Member, input: SessionInput, exceptSessionId?: string): Promise<{ ok: true; value: Resolved } | Exclude<SessionOutcome, { ok: true }>> {
  const startsAt = localToInstant(input.date, input.startTime);
  const endsAt = localToInstant(input.date, input.endTime);
  const [trainer] = await tx
    .select({ role: memberTable.role })
    .from(memberTable)
    .where(and(eq(memberTable.organizationId, actor.municipalityId), eq(memberTable.userId, input.trainerUserId)));
  if (!trainer || !isRole(trainer.role) || !canTrain(trainer.role)) return { ok: false, error: "trainer_invalid" };
  const topicIds = await ownTopicIds(tx, actor.municipalityId, input.topicIds);
  if (topicIds.length !== new Set(input.topicIds).size) return { ok: false, error: "topics_invalid" };
  const wanted = [...new Set(input.departmentIds)];
  if (wanted.length > 0) {
    const found = await tx.select({ id: department.id }).from(department).where(and(eq(department.municipalityId, actor.municipalityId), inArray(department.id, wanted)));
    if (found.length !== wanted.length) return { ok: false, error: "departments_invalid" };
  }
  // One planner at a time per trainer: the overlap check and the insert cannot interleave.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`training-trainer:${input.trainerUserId}`}))`);
  const [clash] = await tx
    .select({ title: trainingSession.title, municipalityId: trainingSession.municipalityId, startsAt: trainingSession.startsAt, endsAt: trainingSession.endsAt })
    .from(trainingSession)
    .where(
      and(
        eq(trainingSession.trainerUserId, input.trainerUserId),
        ne(trainingSession.status, "cancelled"),
        lt(trainingSession.startsAt, endsAt),
        gt(trainingSession.endsAt, startsAt),
        exceptSessionId ? ne(trainingSession.id, exceptSessionId) : undefined,
      ),
    )
    .limit(1);
  if (clash) return { ok: false, error: "trainer_busy", clash: { title: clash.municipalityId === actor.municipalityId ? clash.title : null, startsAt: clash.startsAt, endsAt: clash.endsAt } };
  return { ok: true, value: { startsAt, endsAt, topicIds, departmentIds: wanted } };
}

async function writeAudience(tx: Tx, sessionId: string, input: SessionInput, resolved: Resolved) {
  await tx.delete(trainingSessionRole).where(eq(trainingSessionRole.sessionId, sessionId));
  await tx.delete(trainingSessionDepartment).where(eq(trainingSessionDepartment.sessionId, sessionId));
  const roles = [...new Set(input.roles)];
  if (roles.length > 0) await tx.insert(trainingSessionRole).values(roles.map((role) => ({ sessionId, role })));
  if (resolved.departmentIds.length > 0) await tx.insert(trainingSessionDepartment).values(resolved.departmentIds.map((departmentId) => ({ sessionId, departmentId })));
  // Planned topics are replaced; topics already logged as covered stay covered.
  await tx.delete(trainingSessionTopic).where(and(eq(trainingSessionTopic.sessionId, sessionId), eq(trainingSessionTopic.covered, false)));
  await tx.update(trainingSessionTopic).set({ planned: false }).where(eq(trainingSessionTopic.sessionId, sessionId));
  for (const topicId of resolved.topicIds) {
    await tx
      .insert(trainingSessionTopic)
      .values({ sessionId, topicId, planned: true })
      .onConflictDoUpdate({ target: [trainingSessionTopic.sessionId, trainingSessionTopic.topicId], set: { planned: true } });
  }
}

const summaryOf = (input: SessionInput, resolved: Resolved) => ({
  title: input.title,
  startsAt: resolved.startsAt.toISOString(),
  endsAt: resolved.endsAt.toISOString(),
  location: input.location ?? null,
  onlineUrl: input.onlineUrl ?? null,
  capacity: input.capacity,
  trainerUserId: input.trainerUserId,
  roles: [...input.roles].sort(),
  departmentIds: [...resolved.departmentIds].sort(),
  topicIds: [...resolved.topicIds].sort(),
  openForSignUp: input.openForSignUp,
});

export async function planSession(actor: Member, input: SessionInput, now = new Date()): Promise<SessionOutcome<{ sessionId: string }>> {
  if (!canTrain(actor.role)) return { ok: false, error: "not_allowed" };
  return db().transaction(async (tx): Promise<SessionOutcome<{ sessionId: string }>> => {
    const resolved = await resolve(tx, actor, input);
    if (!resolved.ok) return resolved;
    const id = crypto.randomUUID();
    const [row] = await tx
      .insert(trainingSession)
      .values({
        id,
        municipalityId: actor.municipalityId,
        title: input.title,
        description: input.description ?? null,
        startsAt: resolved.value.startsAt,
        endsAt: resolved.value.endsAt,
        location: input.location ?? null,
        onlineUrl: input.onlineUrl ?? null,
        capacity: input.capacity,
        trainerUserId: input.trainerUserId,
        openForSignUp: input.openForSignUp,
        createdBy: actor.userId,
      })
      .returning();
    await writeAudience(tx, id, input, resolved.value);
    await scheduleLogReminder(tx, row!, now);
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "training.session_planned",
      objectType: "training_session",
      objectId: id,
      origin: actor.origin,
      details: { name: input.title, after: summaryOf(input, resolved.value) },
    });
    return { ok: true, sessionId: id };
  });
}

export async function updateSession(actor: Member, sessionId: string, input: SessionInput, now = new Date()): Promise<SessionOutcome<{ sessionId: string }>> {
  if (!canTrain(actor.role)) return { ok: false, error: "not_allowed" };
  return db().transaction(async (tx): Promise<SessionOutcome<{ sessionId: string }>> => {
    const before = await lockSession(tx, actor, sessionId);
    if (!before) return { ok: false, error: "not_found" };
    if (before.status !== "planned") return { ok: false, error: "not_planned" };
    const resolved = await resolve(tx, actor, input, sessionId);
    if (!resolved.ok) return resolved;
    const registered = await registeredCount(tx, sessionId);
    if (input.capacity < registered) return { ok: false, error: "capacity_below_registered", registered };
    const { startsAt, endsAt } = resolved.value;
    const moved =
      before.startsAt.getTime() !== startsAt.getTime() ||
      before.endsAt.getTime() !== endsAt.getTime() ||
      before.location !== (input.location ?? null) ||
      before.onlineUrl !== (input.onlineUrl ?? null) ||
      before.title !== input.title ||
      before.trainerUserId !== input.trainerUserId;
    const [row] = await tx
      .update(trainingSession)
      .set({
        title: input.title,
        description: input.description ?? null,
        startsAt,
        endsAt,
        location: input.location ?? null,
        onlineUrl: input.onlineUrl ?? null,
        capacity: input.capacity,
        trainerUserId: input.trainerUserId,
        openForSignUp: input.openForSignUp,
        sequence: moved ? before.sequence + 1 : before.sequence,
        updatedAt: now,
      })
      .where(eq(trainingSession.id, sessionId))
      .returning();
    await writeAudience(tx, sessionId, input, resolved.value);
    if (before.endsAt.getTime() !== endsAt.getTime()) await scheduleLogReminder(tx, row!, now);
    if (moved) await mailSession(tx, row!, "updated", await registrationsWithUsers(tx, sessionId, ["registered"]));
    const promoted = input.capacity > before.capacity ? await promoteWaitlisted(tx, row!, now) : [];
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "training.session_updated",
      objectType: "training_session",
      objectId: sessionId,
      origin: actor.origin,
      details: {
        name: input.title,
        before: {
          title: before.title,
          startsAt: before.startsAt.toISOString(),
          endsAt: before.endsAt.toISOString(),
          location: before.location,
          onlineUrl: before.onlineUrl,
          capacity: before.capacity,
          trainerUserId: before.trainerUserId,
        },
        after: summaryOf(input, resolved.value),
        promotedFromWaitlist: promoted,
      },
    });
    return { ok: true, sessionId };
  });
}

export async function cancelSession(actor: Member, sessionId: string, reason: string, now = new Date()): Promise<SessionOutcome> {
  if (!canTrain(actor.role)) return { ok: false, error: "not_allowed" };
  return db().transaction(async (tx): Promise<SessionOutcome> => {
    const before = await lockSession(tx, actor, sessionId);
    if (!before) return { ok: false, error: "not_found" };
    if (before.status !== "planned") return { ok: false, error: "not_planned" };
    const [row] = await tx
      .update(trainingSession)
      .set({ status: "cancelled", cancelledAt: now, sequence: before.sequence + 1, updatedAt: now })
      .where(eq(trainingSession.id, sessionId))
      .returning();
    const people = await registrationsWithUsers(tx, sessionId, ["registered"]);
    if (before.endsAt > now) await mailSession(tx, row!, "cancelled", people);
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "training.session_cancelled",
      objectType: "training_session",
      objectId: sessionId,
      origin: actor.origin,
      details: { name: before.title, reason, registered: people.length },
    });
    return { ok: true };
  });
}

/** Members who may give training (trainer and programme lead), for the trainer field. */
export async function listTrainers(actor: Member) {
  const rows = await db()
    .select({ userId: user.id, name: user.name, email: user.email, role: memberTable.role })
    .from(memberTable)
    .innerJoin(user, eq(user.id, memberTable.userId))
    .where(eq(memberTable.organizationId, actor.municipalityId))
    .orderBy(user.name);
  return rows.filter((r) => isRole(r.role) && canTrain(r.role)).map(({ role: _role, ...r }) => r);
}
