// Departments (afdelingen) of a municipality and their owners. Every function takes the acting
// member and only touches rows of that member's municipality: an id from another municipality
// behaves exactly like an id that does not exist.
import { isUniqueViolation } from "../../../db/errors";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { department, departmentOwner, member as memberTable, user } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { departmentNameField } from "./schema";

export interface DepartmentOwner {
  userId: string;
  name: string;
  email: string;
}

export interface DepartmentWithOwners {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  owners: DepartmentOwner[];
}

export type DepartmentOutcome =
  | { ok: true; departmentId: string }
  | { ok: false; error: "notFound" }
  | { ok: false; error: "nameTaken"; name: string }
  | { ok: false; error: "ownerNotMember"; userIds: string[] };


/** Departments of the actor's municipality, by name, each with its owners (current members only). */
export async function listDepartments(actor: Member): Promise<DepartmentWithOwners[]> {
  const [departments, owners] = await Promise.all([
    db()
      .select({ id: department.id, name: department.name, createdAt: department.createdAt, updatedAt: department.updatedAt })
      .from(department)
      .where(eq(department.municipalityId, actor.municipalityId))
      .orderBy(asc(sql`lower(${department.name})`), asc(department.id)),
    db()
      .select({ departmentId: departmentOwner.departmentId, userId: user.id, name: user.name, email: user.email })
      .from(departmentOwner)
      .innerJoin(department, eq(department.id, departmentOwner.departmentId))
      .innerJoin(user, eq(user.id, departmentOwner.userId))
      .innerJoin(memberTable, and(eq(memberTable.userId, departmentOwner.userId), eq(memberTable.organizationId, department.municipalityId)))
      .where(eq(department.municipalityId, actor.municipalityId))
      .orderBy(asc(user.name), asc(user.email)),
  ]);
  const byDepartment = new Map<string, DepartmentOwner[]>();
  for (const { departmentId, ...owner } of owners) {
    const list = byDepartment.get(departmentId) ?? [];
    list.push(owner);
    byDepartment.set(departmentId, list);
  }
  return departments.map((d) => ({ ...d, owners: byDepartment.get(d.id) ?? [] }));
}

async function nameInUse(tx: DbOrTx, municipalityId: string, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: department.id })
    .from(department)
    .where(and(eq(department.municipalityId, municipalityId), sql`lower(${department.name}) = lower(${name})`, exceptId ? ne(department.id, exceptId) : undefined))
    .limit(1);
  return Boolean(row);
}

/** The department, locked for the rest of the transaction; undefined if it is not the actor's. */
async function lockDepartment(tx: DbOrTx, actor: Member, departmentId: string) {
  const [row] = await tx
    .select({ id: department.id, name: department.name })
    .from(department)
    .where(and(eq(department.id, departmentId), eq(department.municipalityId, actor.municipalityId)))
    .for("update");
  return row;
}

async function ownersOf(tx: DbOrTx, departmentId: string) {
  return tx
    .select({ userId: user.id, email: user.email })
    .from(departmentOwner)
    .innerJoin(user, eq(user.id, departmentOwner.userId))
    .where(eq(departmentOwner.departmentId, departmentId))
    .orderBy(asc(user.email));
}

/** Runs a command; a unique-index violation (a concurrent insert won the race) becomes nameTaken. */
async function guardName(name: string, command: () => Promise<DepartmentOutcome>): Promise<DepartmentOutcome> {
  try {
    return await command();
  } catch (err) {
    if (isUniqueViolation(err, "department_name_uq")) return { ok: false, error: "nameTaken", name };
    throw err;
  }
}

export async function createDepartment(actor: Member, input: { name: string }): Promise<DepartmentOutcome> {
  const name = departmentNameField.parse(input.name);
  return guardName(name, () =>
    db().transaction(async (tx): Promise<DepartmentOutcome> => {
      if (await nameInUse(tx, actor.municipalityId, name)) return { ok: false, error: "nameTaken", name };
      const id = crypto.randomUUID();
      await tx.insert(department).values({ id, municipalityId: actor.municipalityId, name });
      await recordAudit(tx, {
        municipalityId: actor.municipalityId,
        actor: actorOf(actor),
        action: "department.created",
        objectType: "department",
        objectId: id,
        origin: actor.origin,
        details: { after: { name } },
      });
      return { ok: true, departmentId: id };
    }),
  );
}

export async function renameDepartment(actor: Member, departmentId: string, input: { name: string }): Promise<DepartmentOutcome> {
  const name = departmentNameField.parse(input.name);
  return guardName(name, () =>
    db().transaction(async (tx): Promise<DepartmentOutcome> => {
      const current = await lockDepartment(tx, actor, departmentId);
      if (!current) return { ok: false, error: "notFound" };
      if (current.name === name) return { ok: true, departmentId };
      if (await nameInUse(tx, actor.municipalityId, name, departmentId)) return { ok: false, error: "nameTaken", name };
      await tx.update(department).set({ name, updatedAt: new Date() }).where(eq(department.id, departmentId));
      await recordAudit(tx, {
        municipalityId: actor.municipalityId,
        actor: actorOf(actor),
        action: "department.updated",
        objectType: "department",
        objectId: departmentId,
        origin: actor.origin,
        details: { before: { name: current.name }, after: { name } },
      });
      return { ok: true, departmentId };
    }),
  );
}

/** Replaces the owners. Every owner must be a member of the actor's municipality. */
export async function setDepartmentOwners(actor: Member, departmentId: string, ownerUserIds: string[]): Promise<DepartmentOutcome> {
  const wanted = [...new Set(ownerUserIds)];
  return db().transaction(async (tx): Promise<DepartmentOutcome> => {
    const current = await lockDepartment(tx, actor, departmentId);
    if (!current) return { ok: false, error: "notFound" };
    const members =
      wanted.length === 0
        ? []
        : await tx
            .select({ userId: memberTable.userId, email: user.email })
            .from(memberTable)
            .innerJoin(user, eq(user.id, memberTable.userId))
            .where(and(eq(memberTable.organizationId, actor.municipalityId), inArray(memberTable.userId, wanted)))
            .orderBy(asc(user.email))
            // Keep the memberships from being removed before this transaction commits.
            .for("share", { of: memberTable });
    const memberIds = new Set(members.map((m) => m.userId));
    const strangers = wanted.filter((id) => !memberIds.has(id));
    if (strangers.length > 0) return { ok: false, error: "ownerNotMember", userIds: strangers };

    const before = await ownersOf(tx, departmentId);
    const unchanged = before.length === members.length && before.every((o) => memberIds.has(o.userId));
    if (unchanged) return { ok: true, departmentId };

    await tx.delete(departmentOwner).where(eq(departmentOwner.departmentId, departmentId));
    if (members.length > 0) await tx.insert(departmentOwner).values(members.map((m) => ({ departmentId, userId: m.userId })));
    await tx.update(department).set({ updatedAt: new Date() }).where(eq(department.id, departmentId));
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "department.updated",
      objectType: "department",
      objectId: departmentId,
      origin: actor.origin,
      details: { name: current.name, before: { owners: before }, after: { owners: members } },
    });
    return { ok: true, departmentId };
  });
}

export async function deleteDepartment(actor: Member, departmentId: string): Promise<DepartmentOutcome> {
  return db().transaction(async (tx): Promise<DepartmentOutcome> => {
    const current = await lockDepartment(tx, actor, departmentId);
    if (!current) return { ok: false, error: "notFound" };
    const owners = await ownersOf(tx, departmentId);
    // Owner rows go with the department (on delete cascade).
    await tx.delete(department).where(and(eq(department.id, departmentId), eq(department.municipalityId, actor.municipalityId)));
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "department.deleted",
      objectType: "department",
      objectId: departmentId,
      origin: actor.origin,
      details: { before: { name: current.name, owners } },
    });
    return { ok: true, departmentId };
  });
}
