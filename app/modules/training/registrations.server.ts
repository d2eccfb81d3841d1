// Seats in a session: people sign up for open sessions themselves, trainers invite. Every command
// locks the session row first, so concurrent sign-ups are counted one after another: never more
// registered than the capacity; the rest join the waiting list in the order they came, and the
// first on it gets a seat that frees up.
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import { trainingRegistration, trainingSession } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { isRole } from "../auth/roles";
import { listMembers } from "../members/members.server";
import { canTrain } from "./access";
import { departmentsOfMembers, membersAmong } from "./member-departments.server";
import { mailSession } from "./session-mail.server";
import { audienceOf, inAudience, lockSession, registeredCount, registrationsWithUsers, type SessionRow } from "./session-rows.server";

export type RegistrationError = "not_allowed" | "not_found" | "closed" | "started" | "not_in_audience" | "already_registered" | "not_registered";
export type RegistrationOutcome =
  | { ok: true; status: "registered" | "waitlisted" | "cancelled"; waitlistPosition?: number }
  | { ok: false; error: RegistrationError };

export type InviteOutcome =
  | { ok: true; invited: number; alreadyRegistered: number }
  | { ok: false; error: "not_allowed" | "not_found" | "started" | "not_planned" }
  | { ok: false; error: "not_members"; userIds: string[] }
  | { ok: false; error: "over_capacity"; freeSeats: number; requested: number };

async function audit(tx: Tx, actor: Member, action: string, session: SessionRow, details: Record<string, unknown>) {
  await recordAudit(tx, { municipalityId: actor.municipalityId, actor: actorOf(actor), action, objectType: "training_session", objectId: session.id, origin: actor.origin, details: { name: session.title, ...details } });
}

async function waitlistPosition(tx: Tx, sessionId: string, userId: string): Promise<number> {
  const list = await registrationsWithUsers(tx, sessionId, ["waitlisted"]);
  return list.findIndex((r) => r.userId === userId) + 1;
}

/**
 * The stamp that puts a newcomer last on the waiting list: `now`, but never at or before someone
 * already on it. Taken under the session lock, so the list keeps the order in which sign-ups got
 * their turn, and the position told to each stays true (equal stamps would be ordered by random id).
 */
function endOfWaitlist(sessionId: string, now: Date) {
  return sql<Date>`greatest(${now.toISOString()}::timestamptz, (select max(${trainingRegistration.waitlistedAt}) + interval '1 microsecond' from ${trainingRegistration} where ${trainingRegistration.sessionId} = ${sessionId} and ${trainingRegistration.status} = 'waitlisted'))`;
}

/** Gives free seats to the first on the waiting list (each gets a mail with the calendar file). */
export async function promoteWaitlisted(tx: Tx, session: SessionRow, now = new Date()): Promise<string[]> {
  if (session.status !== "planned" || session.startsAt <= now) return [];
  const free = session.capacity - (await registeredCount(tx, session.id));
  if (free <= 0) return [];
  const next = (await registrationsWithUsers(tx, session.id, ["waitlisted"])).slice(0, free);
  for (const r of next) {
    await tx.update(trainingRegistration).set({ status: "registered", waitlistedAt: null, updatedAt: now }).where(eq(trainingRegistration.id, r.id));
  }
  await mailSession(tx, session, "seat", next);
  return next.map((r) => r.email);
}

/** The acting member signs up for an open session: a seat while there is one, else the waiting list. */
export async function signUp(actor: Member, sessionId: string, now = new Date()): Promise<RegistrationOutcome> {
  return db().transaction(async (tx): Promise<RegistrationOutcome> => {
    const session = await lockSession(tx, actor, sessionId);
    if (!session) return { ok: false, error: "not_found" };
    if (session.status !== "planned" || !session.openForSignUp) return { ok: false, error: "closed" };
    if (session.startsAt <= now) return { ok: false, error: "started" };
    const audience = await audienceOf(tx, sessionId);
    const departmentId = (await departmentsOfMembers(actor.municipalityId, tx)).get(actor.userId)?.departmentId ?? null;
    if (!inAudience(audience, actor.role, departmentId)) return { ok: false, error: "not_in_audience" };
    const [existing] = await tx
      .select()
      .from(trainingRegistration)
      .where(and(eq(trainingRegistration.sessionId, sessionId), eq(trainingRegistration.userId, actor.userId)));
    if (existing && existing.status !== "cancelled") return { ok: false, error: "already_registered" };
    const seat = (await registeredCount(tx, sessionId)) < session.capacity;
    const status: "registered" | "waitlisted" = seat ? "registered" : "waitlisted";
    const values = { status, source: "self" as const, waitlistedAt: seat ? null : endOfWaitlist(sessionId, now), updatedAt: now };
    if (existing) await tx.update(trainingRegistration).set(values).where(eq(trainingRegistration.id, existing.id));
    else await tx.insert(trainingRegistration).values({ id: crypto.randomUUID(), sessionId, municipalityId: actor.municipalityId, userId: actor.userId, createdAt: now, ...values });
    if (seat) await mailSession(tx, session, "invitation", await membersAmong(tx, actor.municipalityId, [actor.userId]));
    const position = seat ? undefined : await waitlistPosition(tx, sessionId, actor.userId);
    await audit(tx, actor, seat ? "training.signed_up" : "training.waitlisted", session, { email: actor.email, waitlistPosition: position ?? null });
    return { ok: true, status, waitlistPosition: position };
  });
}

/**
 * Cancels a registration (or waiting-list place): one's own, or anyone's by a trainer. A freed
 * seat goes to the first on the waiting list.
 */
export async function cancelRegistration(actor: Member, sessionId: string, userId: string = actor.userId, now = new Date()): Promise<RegistrationOutcome> {
  if (userId !== actor.userId && !canTrain(actor.role)) return { ok: false, error: "not_allowed" };
  return db().transaction(async (tx): Promise<RegistrationOutcome> => {
    const session = await lockSession(tx, actor, sessionId);
    if (!session) return { ok: false, error: "not_found" };
    if (session.status !== "planned") return { ok: false, error: "closed" };
    const [existing] = await tx
      .select()
      .from(trainingRegistration)
      .where(and(eq(trainingRegistration.sessionId, sessionId), eq(trainingRegistration.userId, userId)));
    if (!existing || existing.status === "cancelled") return { ok: false, error: "not_registered" };
    await tx.update(trainingRegistration).set({ status: "cancelled", waitlistedAt: null, updatedAt: now }).where(eq(trainingRegistration.id, existing.id));
    const [person] = await membersAmong(tx, actor.municipalityId, [userId]);
    if (existing.status === "registered" && person && session.startsAt > now) {
      await mailSession(tx, session, "cancelled", [{ userId, name: person.name, email: person.email, locale: person.locale }]);
    }
    const promoted = existing.status === "registered" ? await promoteWaitlisted(tx, session, now) : [];
    await audit(tx, actor, "training.registration_cancelled", session, { email: person?.email ?? null, was: existing.status, promotedFromWaitlist: promoted });
    return { ok: true, status: "cancelled" };
  });
}

/**
 * A trainer invites members: each gets a seat and a mail with the calendar file. All or nothing:
 * someone outside the municipality, or more invitees than free seats, and nobody is invited.
 */
export async function inviteToSession(actor: Member, sessionId: string, userIds: string[], now = new Date()): Promise<InviteOutcome> {
  if (!canTrain(actor.role)) return { ok: false, error: "not_allowed" };
  return db().transaction(async (tx): Promise<InviteOutcome> => {
    const session = await lockSession(tx, actor, sessionId);
    if (!session) return { ok: false, error: "not_found" };
    if (session.status !== "planned") return { ok: false, error: "not_planned" };
    if (session.startsAt <= now) return { ok: false, error: "started" };
    const wanted = [...new Set(userIds)];
    const people = await membersAmong(tx, actor.municipalityId, wanted);
    const known = new Set(people.map((p) => p.userId));
    const strangers = wanted.filter((id) => !known.has(id));
    if (strangers.length > 0) return { ok: false, error: "not_members", userIds: strangers };
    const current = await registrationsWithUsers(tx, sessionId, ["registered", "waitlisted", "cancelled"]);
    const statusOf = new Map(current.map((r) => [r.userId, r]));
    const toSeat = people.filter((p) => statusOf.get(p.userId)?.status !== "registered");
    const freeSeats = session.capacity - (await registeredCount(tx, sessionId));
    if (toSeat.length > freeSeats) return { ok: false, error: "over_capacity", freeSeats: Math.max(0, freeSeats), requested: toSeat.length };
    for (const p of toSeat) {
      const existing = statusOf.get(p.userId);
      if (existing) {
        await tx.update(trainingRegistration).set({ status: "registered", source: "invited", waitlistedAt: null, updatedAt: now }).where(eq(trainingRegistration.id, existing.id));
      } else {
        await tx.insert(trainingRegistration).values({ id: crypto.randomUUID(), sessionId, municipalityId: actor.municipalityId, userId: p.userId, status: "registered", source: "invited", createdAt: now, updatedAt: now });
      }
    }
    await mailSession(tx, session, "invitation", toSeat);
    await audit(tx, actor, "training.invited", session, { invited: toSeat.map((p) => p.email), alreadyRegistered: people.length - toSeat.length });
    return { ok: true, invited: toSeat.length, alreadyRegistered: people.length - toSeat.length };
  });
}

/** Members of the municipality in the session's audience, for the trainer's invite list. */
export async function audienceMembers(actor: Member, sessionId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const [session] = await db()
    .select({ id: trainingSession.id })
    .from(trainingSession)
    .where(and(eq(trainingSession.id, sessionId), eq(trainingSession.municipalityId, actor.municipalityId)));
  if (!session) return null;
  const [audience, departments, members] = await Promise.all([audienceOf(db(), sessionId), departmentsOfMembers(actor.municipalityId), listMembers(actor)]);
  return members
    .filter((m) => isRole(m.role) && inAudience(audience, m.role, departments.get(m.userId)?.departmentId ?? null))
    .map((m) => ({ userId: m.userId, name: m.name, email: m.email, role: m.role, department: departments.get(m.userId)?.name ?? null }));
}
