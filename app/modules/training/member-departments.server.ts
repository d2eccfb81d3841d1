// Which department each member works in, for training audiences and coverage per department. Set
// by a programme lead; a department owner without one counts for the (first) department they own.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { department, departmentOwner, member as memberTable, memberDepartment, user } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { can } from "../auth/roles";

export interface MemberDepartment {
  departmentId: string;
  name: string;
}

/** Department per user of the municipality (users without one are absent). */
export async function departmentsOfMembers(municipalityId: string, database: DbOrTx = db()): Promise<Map<string, MemberDepartment>> {
  const [explicit, owned] = await Promise.all([
    database
      .select({ userId: memberDepartment.userId, departmentId: department.id, name: department.name })
      .from(memberDepartment)
      .innerJoin(department, eq(department.id, memberDepartment.departmentId))
      .where(eq(memberDepartment.municipalityId, municipalityId)),
    database
      .select({ userId: departmentOwner.userId, departmentId: department.id, name: department.name })
      .from(departmentOwner)
      .innerJoin(department, eq(department.id, departmentOwner.departmentId))
      .where(eq(department.municipalityId, municipalityId))
      .orderBy(asc(department.name)),
  ]);
  const map = new Map<string, MemberDepartment>();
  for (const row of owned) if (!map.has(row.userId)) map.set(row.userId, { departmentId: row.departmentId, name: row.name });
  for (const row of explicit) map.set(row.userId, { departmentId: row.departmentId, name: row.name });
  return map;
}

export type MemberDepartmentOutcome = { ok: true } | { ok: false; error: "not_allowed" | "not_member" | "department_not_found" };

/** Sets (or with null clears) the department a member works in. */
export async function setMemberDepartment(actor: Member, userId: string, departmentId: string | null): Promise<MemberDepartmentOutcome> {
  if (!can(actor.role, { member: ["update"] })) return { ok: false, error: "not_allowed" };
  return db().transaction(async (tx): Promise<MemberDepartmentOutcome> => {
    const [target] = await tx
      .select({ userId: memberTable.userId, email: user.email })
      .from(memberTable)
      .innerJoin(user, eq(user.id, memberTable.userId))
      .where(and(eq(memberTable.organizationId, actor.municipalityId), eq(memberTable.userId, userId)));
    if (!target) return { ok: false, error: "not_member" };
    let name: string | null = null;
    if (departmentId) {
      const [d] = await tx.select({ name: department.name }).from(department).where(and(eq(department.id, departmentId), eq(department.municipalityId, actor.municipalityId)));
      if (!d) return { ok: false, error: "department_not_found" };
      name = d.name;
    }
    const [before] = await tx
      .select({ name: department.name })
      .from(memberDepartment)
      .innerJoin(department, eq(department.id, memberDepartment.departmentId))
      .where(and(eq(memberDepartment.municipalityId, actor.municipalityId), eq(memberDepartment.userId, userId)));
    if (departmentId) {
      await tx
        .insert(memberDepartment)
        .values({ municipalityId: actor.municipalityId, userId, departmentId })
        .onConflictDoUpdate({ target: [memberDepartment.municipalityId, memberDepartment.userId], set: { departmentId, updatedAt: new Date() } });
    } else {
      await tx.delete(memberDepartment).where(and(eq(memberDepartment.municipalityId, actor.municipalityId), eq(memberDepartment.userId, userId)));
    }
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "member.department_set",
      objectType: "member",
      objectId: userId,
      origin: actor.origin,
      details: { email: target.email, before: { department: before?.name ?? null }, after: { department: name } },
    });
    return { ok: true };
  });
}

/** The members of the municipality among `userIds`; the rest are not members (or of another municipality). */
export async function membersAmong(tx: DbOrTx, municipalityId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  return tx
    .select({ userId: user.id, name: user.name, email: user.email, locale: user.locale, role: memberTable.role })
    .from(memberTable)
    .innerJoin(user, eq(user.id, memberTable.userId))
    .where(and(eq(memberTable.organizationId, municipalityId), inArray(memberTable.userId, [...new Set(userIds)])));
}
