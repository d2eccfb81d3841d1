// Reading and locking sessions of the acting member's municipality; shared by the session,
// registration and attendance commands.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../../db/client";
import { trainingRegistration, trainingSession, trainingSessionDepartment, trainingSessionRole, user } from "../../../db/schema/index";
import type { Member } from "../auth/guards.server";
import type { Role } from "../auth/roles";

export type SessionRow = typeof trainingSession.$inferSelect;

const UUID = /^[0-9a-f-]{36}$/i;

/** The session, locked for the rest of the transaction; undefined when it is not the actor's municipality's. */
export async function lockSession(tx: Tx, actor: Pick<Member, "municipalityId">, sessionId: string): Promise<SessionRow | undefined> {
  if (!UUID.test(sessionId)) return undefined;
  const [row] = await tx
    .select()
    .from(trainingSession)
    .where(and(eq(trainingSession.id, sessionId), eq(trainingSession.municipalityId, actor.municipalityId)))
    .for("update");
  return row;
}

export async function audienceOf(database: DbOrTx, sessionId: string): Promise<{ roles: Role[]; departmentIds: string[] }> {
  const [roles, departments] = await Promise.all([
    database.select({ role: trainingSessionRole.role }).from(trainingSessionRole).where(eq(trainingSessionRole.sessionId, sessionId)),
    database.select({ id: trainingSessionDepartment.departmentId }).from(trainingSessionDepartment).where(eq(trainingSessionDepartment.sessionId, sessionId)),
  ]);
  return { roles: roles.map((r) => r.role as Role), departmentIds: departments.map((d) => d.id) };
}

/** Whether a member with this role and department belongs to the audience (empty lists: everyone). */
export function inAudience(audience: { roles: Role[]; departmentIds: string[] }, role: Role, departmentId: string | null): boolean {
  if (audience.roles.length > 0 && !audience.roles.includes(role)) return false;
  if (audience.departmentIds.length > 0 && (!departmentId || !audience.departmentIds.includes(departmentId))) return false;
  return true;
}

export async function registeredCount(tx: DbOrTx, sessionId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(trainingRegistration)
    .where(and(eq(trainingRegistration.sessionId, sessionId), eq(trainingRegistration.status, "registered")));
  return row?.n ?? 0;
}

export async function registrationsWithUsers(database: DbOrTx, sessionId: string, statuses: ("registered" | "waitlisted" | "cancelled")[]) {
  return database
    .select({
      id: trainingRegistration.id,
      userId: user.id,
      name: user.name,
      email: user.email,
      locale: user.locale,
      status: trainingRegistration.status,
      source: trainingRegistration.source,
      waitlistedAt: trainingRegistration.waitlistedAt,
      createdAt: trainingRegistration.createdAt,
    })
    .from(trainingRegistration)
    .innerJoin(user, eq(user.id, trainingRegistration.userId))
    .where(and(eq(trainingRegistration.sessionId, sessionId), inArray(trainingRegistration.status, statuses)))
    .orderBy(asc(trainingRegistration.waitlistedAt), asc(trainingRegistration.createdAt), asc(trainingRegistration.id));
}
