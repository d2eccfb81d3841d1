// Sessions as the pages show them: the list (upcoming, to log, past) and one session with its
// seats, waiting list and attendance. Trainers see who is registered; others see counts and their own place.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { department, trainingAttendance, trainingRegistration, trainingSession, trainingSessionDepartment, trainingSessionRole, trainingSessionTopic, trainingTopic, user } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import type { Role } from "../auth/roles";
import { canTrain } from "./access";
import { departmentsOfMembers } from "./member-departments.server";
import { inAudience, registrationsWithUsers } from "./session-rows.server";

export interface SessionListItem {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  onlineUrl: string | null;
  capacity: number;
  registered: number;
  waitlisted: number;
  status: "planned" | "logged" | "cancelled";
  openForSignUp: boolean;
  trainerName: string;
  trainerUserId: string;
  topics: string[];
  myStatus: "registered" | "waitlisted" | null;
  /** Ended, not logged and not cancelled: the trainer still has to log it. */
  needsLog: boolean;
}

export async function listSessions(actor: Member, now = new Date()): Promise<SessionListItem[]> {
  const counts = db()
    .select({
      sessionId: trainingRegistration.sessionId,
      registered: sql<number>`count(*) filter (where ${trainingRegistration.status} = 'registered')::int`.as("registered"),
      waitlisted: sql<number>`count(*) filter (where ${trainingRegistration.status} = 'waitlisted')::int`.as("waitlisted"),
    })
    .from(trainingRegistration)
    .where(eq(trainingRegistration.municipalityId, actor.municipalityId))
    .groupBy(trainingRegistration.sessionId)
    .as("counts");
  const [rows, topics, mine] = await Promise.all([
    db()
      .select({ s: trainingSession, trainerName: user.name, registered: counts.registered, waitlisted: counts.waitlisted })
      .from(trainingSession)
      .innerJoin(user, eq(user.id, trainingSession.trainerUserId))
      .leftJoin(counts, eq(counts.sessionId, trainingSession.id))
      .where(eq(trainingSession.municipalityId, actor.municipalityId))
      .orderBy(asc(trainingSession.startsAt), asc(trainingSession.id)),
    db()
      .select({ sessionId: trainingSessionTopic.sessionId, title: trainingTopic.title, planned: trainingSessionTopic.planned, covered: trainingSessionTopic.covered })
      .from(trainingSessionTopic)
      .innerJoin(trainingTopic, eq(trainingTopic.id, trainingSessionTopic.topicId))
      .where(eq(trainingTopic.municipalityId, actor.municipalityId))
      .orderBy(asc(trainingTopic.position)),
    db()
      .select({ sessionId: trainingRegistration.sessionId, status: trainingRegistration.status })
      .from(trainingRegistration)
      .where(and(eq(trainingRegistration.municipalityId, actor.municipalityId), eq(trainingRegistration.userId, actor.userId), inArray(trainingRegistration.status, ["registered", "waitlisted"]))),
  ]);
  const topicsOf = new Map<string, string[]>();
  for (const t of topics) {
    if (!t.planned && !t.covered) continue;
    topicsOf.set(t.sessionId, [...(topicsOf.get(t.sessionId) ?? []), t.title]);
  }
  const myStatus = new Map(mine.map((m) => [m.sessionId, m.status as "registered" | "waitlisted"]));
  return rows.map(({ s, trainerName, registered, waitlisted }) => ({
    id: s.id,
    title: s.title,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    location: s.location,
    onlineUrl: s.onlineUrl,
    capacity: s.capacity,
    registered: registered ?? 0,
    waitlisted: waitlisted ?? 0,
    status: s.status,
    openForSignUp: s.openForSignUp,
    trainerName,
    trainerUserId: s.trainerUserId,
    topics: topicsOf.get(s.id) ?? [],
    myStatus: myStatus.get(s.id) ?? null,
    needsLog: s.status === "planned" && s.endsAt <= now,
  }));
}

export async function getSession(actor: Member, sessionId: string, now = new Date()) {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const [row] = await db()
    .select({ s: trainingSession, trainerName: user.name, trainerEmail: user.email })
    .from(trainingSession)
    .innerJoin(user, eq(user.id, trainingSession.trainerUserId))
    .where(and(eq(trainingSession.id, sessionId), eq(trainingSession.municipalityId, actor.municipalityId)));
  if (!row) return null;
  const s = row.s;
  const trainer = canTrain(actor.role);
  const [roles, departments, topics, registrations, attendance, memberDepartments] = await Promise.all([
    db().select({ role: trainingSessionRole.role }).from(trainingSessionRole).where(eq(trainingSessionRole.sessionId, sessionId)),
    db()
      .select({ id: department.id, name: department.name })
      .from(trainingSessionDepartment)
      .innerJoin(department, eq(department.id, trainingSessionDepartment.departmentId))
      .where(eq(trainingSessionDepartment.sessionId, sessionId))
      .orderBy(asc(department.name)),
    db()
      .select({ id: trainingTopic.id, title: trainingTopic.title, planned: trainingSessionTopic.planned, covered: trainingSessionTopic.covered })
      .from(trainingSessionTopic)
      .innerJoin(trainingTopic, eq(trainingTopic.id, trainingSessionTopic.topicId))
      .where(eq(trainingSessionTopic.sessionId, sessionId))
      .orderBy(asc(trainingTopic.position), asc(trainingTopic.title)),
    registrationsWithUsers(db(), sessionId, ["registered", "waitlisted"]),
    db()
      .select({ userId: trainingAttendance.userId, attended: trainingAttendance.attended, name: user.name, email: user.email })
      .from(trainingAttendance)
      .innerJoin(user, eq(user.id, trainingAttendance.userId))
      .where(eq(trainingAttendance.sessionId, sessionId))
      .orderBy(asc(user.name)),
    departmentsOfMembers(actor.municipalityId),
  ]);
  const audience = { roles: roles.map((r) => r.role as Role), departmentIds: departments.map((d) => d.id) };
  const mine = registrations.find((r) => r.userId === actor.userId);
  const waitlist = registrations.filter((r) => r.status === "waitlisted");
  const eligible = inAudience(audience, actor.role, memberDepartments.get(actor.userId)?.departmentId ?? null);
  const started = s.startsAt <= now;
  const person = <P extends { userId: string }>(r: P) => ({ ...r, department: memberDepartments.get(r.userId)?.name ?? null });
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    location: s.location,
    onlineUrl: s.onlineUrl,
    capacity: s.capacity,
    status: s.status,
    openForSignUp: s.openForSignUp,
    notes: trainer ? s.notes : null,
    loggedAt: s.loggedAt,
    trainer: { userId: s.trainerUserId, name: row.trainerName, email: row.trainerEmail },
    audience: { roles: audience.roles, departments },
    topics,
    registeredCount: registrations.filter((r) => r.status === "registered").length,
    waitlistCount: waitlist.length,
    myStatus: mine ? (mine.status as "registered" | "waitlisted") : null,
    myWaitlistPosition: mine?.status === "waitlisted" ? waitlist.findIndex((r) => r.userId === actor.userId) + 1 : null,
    canSignUp: s.status === "planned" && s.openForSignUp && !started && eligible && !mine,
    eligible,
    started,
    needsLog: s.status === "planned" && s.endsAt <= now,
    canManage: trainer,
    registrations: trainer ? registrations.map((r) => ({ ...person(r), status: r.status as "registered" | "waitlisted", source: r.source })) : [],
    attendance: trainer ? attendance.map(person) : [],
    /** Whether I attended (for a non-trainer looking at a logged session). */
    myAttendance: attendance.find((a) => a.userId === actor.userId)?.attended ?? null,
  };
}

export type SessionDetail = NonNullable<Awaited<ReturnType<typeof getSession>>>;
