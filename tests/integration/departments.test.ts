import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "../../app/db.server";
import { listAuditEvents, verifyAuditChain } from "../../app/modules/audit/audit.server";
import type { Member } from "../../app/modules/auth/guards.server";
import {
  createDepartment,
  deleteDepartment,
  listDepartments,
  renameDepartment,
  setDepartmentOwners,
} from "../../app/modules/departments/departments.server";
import {
  createExternalSource,
  deleteExternalSource,
  listExternalSources,
  updateExternalSource,
} from "../../app/modules/external-sources/external-sources.server";
import { acceptInvitation, inviteMember } from "../../app/modules/members/members.server";
import { auditEvent, department, departmentOwner, externalSource } from "../../db/schema/index";
import { isUniqueViolation } from "../../db/errors";
import { useTestDatabase } from "./support/db";
import { createMunicipalityWithLead, createVerifiedUser, memberOf } from "./support/factories";

useTestDatabase();

let amsterdam: Member;
let utrecht: Member;
let rotterdam: Member;
/** A member of Amsterdam who is not its lead. */
let amsterdamOwner: Member;

async function addMember(lead: Member, email: string): Promise<Member> {
  const invitee = await createVerifiedUser(email);
  const invited = await inviteMember(lead, { email, role: "department_owner" });
  if (!invited.ok) throw new Error(invited.error);
  const accepted = await acceptInvitation({ userId: invitee.id, name: invitee.name, email: invitee.email }, invited.invitationId, "127.0.0.1");
  if (!accepted.ok) throw new Error(accepted.error);
  return memberOf(invitee.id, lead.cbsCode);
}

async function auditCount(): Promise<number> {
  const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(auditEvent);
  return row!.n;
}

async function latestEvent(municipalityId: string) {
  const { events } = await listAuditEvents(db(), municipalityId, { limit: 1 });
  return events[0]!;
}

beforeAll(async () => {
  amsterdam = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@amsterdam.test");
  utrecht = await createMunicipalityWithLead("GM0344", "Utrecht", "lead@utrecht.test");
  rotterdam = await createMunicipalityWithLead("GM0599", "Rotterdam", "lead@rotterdam.test");
  amsterdamOwner = await addMember(amsterdam, "owner@amsterdam.test");
});

describe("departments", () => {
  it("creates, renames, sets owners and deletes, each with an audit event", async () => {
    const created = await createDepartment(amsterdam, { name: "  Financiën " });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const id = created.departmentId;
    let event = await latestEvent(amsterdam.municipalityId);
    expect(event).toMatchObject({ action: "department.created", objectType: "department", objectId: id, actorUserId: amsterdam.userId, result: "success" });
    expect(event.details).toEqual({ after: { name: "Financiën" } });

    expect(await renameDepartment(amsterdam, id, { name: "Financiën en Control" })).toEqual({ ok: true, departmentId: id });
    event = await latestEvent(amsterdam.municipalityId);
    expect(event).toMatchObject({ action: "department.updated", objectId: id });
    expect(event.details).toEqual({ before: { name: "Financiën" }, after: { name: "Financiën en Control" } });

    expect(await setDepartmentOwners(amsterdam, id, [amsterdamOwner.userId, amsterdam.userId, amsterdamOwner.userId])).toEqual({ ok: true, departmentId: id });
    event = await latestEvent(amsterdam.municipalityId);
    expect(event).toMatchObject({ action: "department.updated", objectId: id });
    expect(event.details).toMatchObject({ before: { owners: [] } });
    expect((event.details as { after: { owners: { userId: string }[] } }).after.owners.map((o) => o.userId).sort()).toEqual(
      [amsterdam.userId, amsterdamOwner.userId].sort(),
    );

    const listed = (await listDepartments(amsterdam)).find((d) => d.id === id)!;
    expect(listed.name).toBe("Financiën en Control");
    expect(listed.owners.map((o) => o.email).sort()).toEqual(["lead@amsterdam.test", "owner@amsterdam.test"]);
    expect(listed.owners.every((o) => o.name.length > 0)).toBe(true);

    // Only the owner stays; an unchanged set writes nothing.
    expect(await setDepartmentOwners(amsterdam, id, [amsterdamOwner.userId])).toMatchObject({ ok: true });
    const before = await auditCount();
    expect(await setDepartmentOwners(amsterdam, id, [amsterdamOwner.userId])).toMatchObject({ ok: true });
    expect(await renameDepartment(amsterdam, id, { name: "Financiën en Control" })).toMatchObject({ ok: true });
    expect(await auditCount()).toBe(before);

    expect(await deleteDepartment(amsterdam, id)).toEqual({ ok: true, departmentId: id });
    event = await latestEvent(amsterdam.municipalityId);
    expect(event).toMatchObject({ action: "department.deleted", objectId: id });
    expect(event.details).toMatchObject({ before: { name: "Financiën en Control", owners: [{ userId: amsterdamOwner.userId, email: "owner@amsterdam.test" }] } });
    expect((await listDepartments(amsterdam)).some((d) => d.id === id)).toBe(false);
    expect(await db().select().from(departmentOwner).where(eq(departmentOwner.departmentId, id))).toEqual([]);
    expect(await deleteDepartment(amsterdam, id)).toEqual({ ok: false, error: "notFound" });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("refuses a name already in use, ignoring case, and writes nothing", async () => {
    const first = await createDepartment(amsterdam, { name: "Burgerzaken" });
    const other = await createDepartment(amsterdam, { name: "Sociaal Domein" });
    expect(first.ok && other.ok).toBe(true);
    if (!first.ok || !other.ok) return;
    const before = await auditCount();

    expect(await createDepartment(amsterdam, { name: "BURGERZAKEN" })).toEqual({ ok: false, error: "nameTaken", name: "BURGERZAKEN" });
    expect(await renameDepartment(amsterdam, other.departmentId, { name: "burgerzaken" })).toEqual({ ok: false, error: "nameTaken", name: "burgerzaken" });
    expect(await auditCount()).toBe(before);
    const rows = await db().select().from(department).where(and(eq(department.municipalityId, amsterdam.municipalityId), sql`lower(${department.name}) = 'burgerzaken'`));
    expect(rows).toHaveLength(1);
    expect((await listDepartments(amsterdam)).find((d) => d.id === other.departmentId)?.name).toBe("Sociaal Domein");

    // Changing only the case of its own name is allowed.
    expect(await renameDepartment(amsterdam, first.departmentId, { name: "BurgerZaken" })).toMatchObject({ ok: true });

    // The same name in another municipality is fine.
    expect(await createDepartment(utrecht, { name: "Burgerzaken" })).toMatchObject({ ok: true });
  });

  it("turns a unique-index violation from a concurrent insert into nameTaken", async () => {
    const outcomes = await Promise.all([createDepartment(amsterdam, { name: "Wonen" }), createDepartment(amsterdam, { name: "WONEN" })]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([expect.objectContaining({ ok: false, error: "nameTaken" })]);

    // The driver's error is recognised, also when drizzle wraps it.
    const error = await db()
      .insert(department)
      .values({ id: crypto.randomUUID(), municipalityId: amsterdam.municipalityId, name: "wonen" })
      .then(() => undefined, (err: unknown) => err);
    expect(isUniqueViolation(error, "department_name_uq")).toBe(true);
    expect(isUniqueViolation(error, "external_source_name_uq")).toBe(false);
    expect(isUniqueViolation(new Error("other"))).toBe(false);
  });

  it("refuses an owner who is not a member of the municipality, and writes nothing", async () => {
    const created = await createDepartment(amsterdam, { name: "Openbare Ruimte" });
    if (!created.ok) throw new Error("setup");
    const id = created.departmentId;
    expect(await setDepartmentOwners(amsterdam, id, [amsterdamOwner.userId])).toMatchObject({ ok: true });
    const outsider = await createVerifiedUser("nobody@example.test");
    const before = await auditCount();

    expect(await setDepartmentOwners(amsterdam, id, [amsterdam.userId, utrecht.userId])).toEqual({ ok: false, error: "ownerNotMember", userIds: [utrecht.userId] });
    expect(await setDepartmentOwners(amsterdam, id, [outsider.id])).toEqual({ ok: false, error: "ownerNotMember", userIds: [outsider.id] });
    expect(await setDepartmentOwners(amsterdam, id, ["no-such-user"])).toMatchObject({ ok: false, error: "ownerNotMember" });

    expect(await auditCount()).toBe(before);
    const owners = await db().select().from(departmentOwner).where(eq(departmentOwner.departmentId, id));
    expect(owners.map((o) => o.userId)).toEqual([amsterdamOwner.userId]);
  });

  it("keeps municipality A's lead out of B's departments", async () => {
    const theirs = await createDepartment(rotterdam, { name: "Haven" });
    if (!theirs.ok) throw new Error("setup");
    const id = theirs.departmentId;
    expect(await setDepartmentOwners(rotterdam, id, [rotterdam.userId])).toMatchObject({ ok: true });
    const before = await auditCount();

    expect((await listDepartments(amsterdam)).map((d) => d.id)).not.toContain(id);
    expect((await listDepartments(amsterdam)).map((d) => d.name)).not.toContain("Haven");
    expect(await renameDepartment(amsterdam, id, { name: "Gekaapt" })).toEqual({ ok: false, error: "notFound" });
    expect(await setDepartmentOwners(amsterdam, id, [amsterdam.userId])).toEqual({ ok: false, error: "notFound" });
    expect(await setDepartmentOwners(amsterdam, id, [])).toEqual({ ok: false, error: "notFound" });
    expect(await deleteDepartment(amsterdam, id)).toEqual({ ok: false, error: "notFound" });
    // A's name check does not see B's names either.
    expect(await createDepartment(amsterdam, { name: "haven" })).toMatchObject({ ok: true });

    expect(await auditCount()).toBe(before + 1);
    const [row] = await db().select().from(department).where(eq(department.id, id));
    expect(row).toMatchObject({ name: "Haven", municipalityId: rotterdam.municipalityId });
    const owners = await db().select().from(departmentOwner).where(eq(departmentOwner.departmentId, id));
    expect(owners.map((o) => o.userId)).toEqual([rotterdam.userId]);
    const { events } = await listAuditEvents(db(), rotterdam.municipalityId);
    expect(events.every((e) => e.actorUserId === rotterdam.userId)).toBe(true);
  });
});

describe("external sources", () => {
  it("creates, updates and deletes, each with an audit event", async () => {
    const created = await createExternalSource(amsterdam, { name: "KvK", description: "  Handelsregister  " });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const id = created.sourceId;
    let event = await latestEvent(amsterdam.municipalityId);
    expect(event).toMatchObject({ action: "external_source.created", objectType: "external_source", objectId: id });
    expect(event.details).toEqual({ after: { name: "KvK", description: "Handelsregister" } });

    expect(await updateExternalSource(amsterdam, id, { name: "Kamer van Koophandel", description: "" })).toEqual({ ok: true, sourceId: id });
    event = await latestEvent(amsterdam.municipalityId);
    expect(event).toMatchObject({ action: "external_source.updated", objectId: id });
    expect(event.details).toEqual({ before: { name: "KvK", description: "Handelsregister" }, after: { name: "Kamer van Koophandel", description: null } });
    expect((await listExternalSources(amsterdam)).find((s) => s.id === id)).toMatchObject({ name: "Kamer van Koophandel", description: null });

    const before = await auditCount();
    expect(await updateExternalSource(amsterdam, id, { name: "Kamer van Koophandel" })).toMatchObject({ ok: true });
    expect(await auditCount()).toBe(before);

    expect(await deleteExternalSource(amsterdam, id)).toEqual({ ok: true, sourceId: id });
    event = await latestEvent(amsterdam.municipalityId);
    expect(event).toMatchObject({ action: "external_source.deleted", objectId: id });
    expect(event.details).toEqual({ before: { name: "Kamer van Koophandel", description: null } });
    expect((await listExternalSources(amsterdam)).some((s) => s.id === id)).toBe(false);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("refuses a name already in use, ignoring case, and writes nothing", async () => {
    const first = await createExternalSource(amsterdam, { name: "Kadaster" });
    const other = await createExternalSource(amsterdam, { name: "Politie", description: "Politie Amsterdam" });
    if (!first.ok || !other.ok) throw new Error("setup");
    const before = await auditCount();
    expect(await createExternalSource(amsterdam, { name: "kadaster" })).toEqual({ ok: false, error: "sourceTaken", name: "kadaster" });
    expect(await updateExternalSource(amsterdam, other.sourceId, { name: "KADASTER", description: "x" })).toEqual({ ok: false, error: "sourceTaken", name: "KADASTER" });
    expect(await auditCount()).toBe(before);
    expect((await listExternalSources(amsterdam)).find((s) => s.id === other.sourceId)).toMatchObject({ name: "Politie", description: "Politie Amsterdam" });
    const rows = await db().select().from(externalSource).where(and(eq(externalSource.municipalityId, amsterdam.municipalityId), sql`lower(${externalSource.name}) = 'kadaster'`));
    expect(rows).toHaveLength(1);

    const outcomes = await Promise.all([createExternalSource(amsterdam, { name: "CBS" }), createExternalSource(amsterdam, { name: "cbs" })]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([expect.objectContaining({ error: "sourceTaken" })]);
  });

  it("keeps municipality A's lead out of B's sources", async () => {
    const theirs = await createExternalSource(utrecht, { name: "Provincie Utrecht", description: "Regionale cijfers" });
    if (!theirs.ok) throw new Error("setup");
    const id = theirs.sourceId;
    const before = await auditCount();

    expect((await listExternalSources(amsterdam)).map((s) => s.id)).not.toContain(id);
    expect(await updateExternalSource(amsterdam, id, { name: "Gekaapt" })).toEqual({ ok: false, error: "notFound" });
    expect(await deleteExternalSource(amsterdam, id)).toEqual({ ok: false, error: "notFound" });

    expect(await auditCount()).toBe(before);
    const [row] = await db().select().from(externalSource).where(eq(externalSource.id, id));
    expect(row).toMatchObject({ name: "Provincie Utrecht", description: "Regionale cijfers", municipalityId: utrecht.municipalityId });
    expect((await listExternalSources(utrecht)).map((s) => s.id)).toContain(id);
  });
});
