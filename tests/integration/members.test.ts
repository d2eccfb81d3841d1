import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "../../app/db.server";
import { listAuditEvents, verifyAuditChain } from "../../app/modules/audit/audit.server";
import { findMembership } from "../../app/modules/auth/guards.server";
import {
  acceptInvitation,
  changeMemberRole,
  findOpenInvitation,
  inviteMember,
  listMembers,
  listPendingInvitations,
  removeMember,
  revokeInvitation,
} from "../../app/modules/members/members.server";
import { listOutbox } from "../../emails/outbox.server";
import { departmentOwner, invitation, member, outbox } from "../../db/schema/index";
import { createDepartment, listDepartments, setDepartmentOwners } from "../../app/modules/departments/departments.server";
import type { Member } from "../../app/modules/auth/guards.server";
import type { Role } from "../../app/modules/auth/roles";
import { useTestDatabase } from "./support/db";
import { createMunicipalityWithLead, createVerifiedUser, memberOf } from "./support/factories";

useTestDatabase();

async function invitedId(lead: Member, email: string, role: Role = "staff"): Promise<string> {
  const outcome = await inviteMember(lead, { email, role });
  if (!outcome.ok) throw new Error(`invite failed: ${outcome.error}`);
  return outcome.invitationId;
}

/** Invites a new user and lets them accept; returns them as acting member. */
async function joinedMember(lead: Member, email: string, role: Role): Promise<Member> {
  const id = await invitedId(lead, email, role);
  const user = await createVerifiedUser(email);
  const outcome = await acceptInvitation({ userId: user.id, name: user.name, email: user.email }, id, "127.0.0.1");
  if (!outcome.ok) throw new Error(`accept failed: ${outcome.error}`);
  return memberOf(user.id, lead.cbsCode);
}

async function memberIdOf(actor: Member, userId: string): Promise<string> {
  const row = (await listMembers(actor)).find((m) => m.userId === userId);
  if (!row) throw new Error(`${userId} is no member of ${actor.cbsCode}`);
  return row.memberId;
}

describe("members and invitations", () => {
  let amsterdam: Member;

  it("invites someone: an invitation, a mail in the outbox with the link, and an audit event", async () => {
    amsterdam = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@amsterdam.test");
    const id = await invitedId(amsterdam, "nieuw@amsterdam.test", "department_owner");

    const pending = await listPendingInvitations(amsterdam);
    expect(pending).toMatchObject([{ id, email: "nieuw@amsterdam.test", role: "department_owner" }]);
    expect(pending[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);

    const mails = await db().select().from(outbox).where(eq(outbox.toAddress, "nieuw@amsterdam.test"));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.template).toBe("invitation");
    expect(mail.subject).toContain("Amsterdam");
    expect(mail.html).toContain(`/uitnodiging/${id}`);
    expect(mail.text).toContain(`/uitnodiging/${id}`);
    expect(mail.payload).toMatchObject({ url: `http://localhost:3000/uitnodiging/${id}` });

    const listed = await listOutbox(db(), 10);
    expect(listed[0]).toMatchObject({ id: mail.id, toAddress: "nieuw@amsterdam.test", status: "pending" });

    const shown = await findOpenInvitation(id);
    expect(shown).toMatchObject({ email: "nieuw@amsterdam.test", role: "department_owner", municipality: "Amsterdam", cbsCode: "GM0363", inviter: "lead" });

    const { events } = await listAuditEvents(db(), amsterdam.municipalityId);
    expect(events[0]).toMatchObject({ action: "invitation.created", objectType: "invitation", objectId: id, result: "success" });
  });

  it("refuses a second invitation for the same address and an invitation for an existing member", async () => {
    expect(await inviteMember(amsterdam, { email: "nieuw@amsterdam.test", role: "staff" })).toEqual({ ok: false, error: "alreadyInvited" });
    expect(await inviteMember(amsterdam, { email: "lead@amsterdam.test", role: "staff" })).toEqual({ ok: false, error: "alreadyMember" });
    const mails = await db().select().from(outbox).where(eq(outbox.toAddress, "nieuw@amsterdam.test"));
    expect(mails).toHaveLength(1);
    expect(await db().select().from(outbox).where(eq(outbox.toAddress, "lead@amsterdam.test"))).toHaveLength(0);
  });

  it("lets only the invited address accept; accepting makes them a member with the invited role", async () => {
    const [pending] = await listPendingInvitations(amsterdam);
    const id = pending!.id;

    const stranger = await createVerifiedUser("ander@elders.test");
    expect(await acceptInvitation({ userId: stranger.id, name: stranger.name, email: stranger.email }, id, "10.0.0.1")).toEqual({ ok: false, error: "wrongUser" });
    expect(await findMembership(stranger.id, "GM0363")).toBeUndefined();
    expect(await findOpenInvitation(id)).toBeDefined();

    const invitee = await createVerifiedUser("nieuw@amsterdam.test", "Nieuwe Collega");
    expect(await acceptInvitation({ userId: invitee.id, name: invitee.name, email: "Nieuw@Amsterdam.test" }, id, "10.0.0.2")).toEqual({ ok: true, cbsCode: "GM0363" });
    expect(await findMembership(invitee.id, "GM0363")).toMatchObject({ role: "department_owner", municipalityName: "Amsterdam" });

    // The invitation is used up.
    expect(await findOpenInvitation(id)).toBeUndefined();
    expect(await listPendingInvitations(amsterdam)).toEqual([]);
    expect(await acceptInvitation({ userId: invitee.id, name: invitee.name, email: invitee.email }, id, "10.0.0.2")).toEqual({ ok: false, error: "invalid" });
    const [row] = await db().select({ status: invitation.status }).from(invitation).where(eq(invitation.id, id));
    expect(row?.status).toBe("accepted");

    const { events } = await listAuditEvents(db(), amsterdam.municipalityId);
    expect(events[0]).toMatchObject({ action: "invitation.accepted", actorUserId: invitee.id, objectId: id, origin: "10.0.0.2" });
    expect((await listMembers(amsterdam)).map((m) => m.email).sort()).toEqual(["lead@amsterdam.test", "nieuw@amsterdam.test"]);
  });

  it("treats unknown, malformed and expired invitations as invalid", async () => {
    expect(await findOpenInvitation("not-a-uuid")).toBeUndefined();
    expect(await findOpenInvitation(crypto.randomUUID())).toBeUndefined();
    const id = await invitedId(amsterdam, "laat@amsterdam.test");
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(await findOpenInvitation(id, later)).toBeUndefined();
    const late = await createVerifiedUser("laat@amsterdam.test");
    expect(await acceptInvitation({ userId: late.id, name: late.name, email: late.email }, id, "127.0.0.1", later)).toEqual({ ok: false, error: "invalid" });
    expect(await revokeInvitation(amsterdam, id)).toBe(true);
  });

  it("revokes an invitation, after which it cannot be accepted", async () => {
    const id = await invitedId(amsterdam, "weg@amsterdam.test", "viewer");
    expect(await revokeInvitation(amsterdam, id)).toBe(true);
    expect(await findOpenInvitation(id)).toBeUndefined();
    expect((await listPendingInvitations(amsterdam)).map((i) => i.id)).not.toContain(id);
    const user = await createVerifiedUser("weg@amsterdam.test");
    expect(await acceptInvitation({ userId: user.id, name: user.name, email: user.email }, id, "127.0.0.1")).toEqual({ ok: false, error: "invalid" });
    expect(await findMembership(user.id, "GM0363")).toBeUndefined();
    expect(await revokeInvitation(amsterdam, id)).toBe(false);
    // A revoked invitation no longer blocks a new one.
    expect((await inviteMember(amsterdam, { email: "weg@amsterdam.test", role: "viewer" })).ok).toBe(true);

    const { events } = await listAuditEvents(db(), amsterdam.municipalityId);
    expect(events.find((e) => e.action === "invitation.revoked")).toMatchObject({ objectId: id, actorUserId: amsterdam.userId, details: { email: "weg@amsterdam.test" } });
  });

  it("changes roles and removes members, but never the last programme lead", async () => {
    const utrecht = await createMunicipalityWithLead("GM0344", "Utrecht", "lead@utrecht.test");
    const leadMemberId = await memberIdOf(utrecht, utrecht.userId);

    expect(await changeMemberRole(utrecht, leadMemberId, "staff")).toEqual({ ok: false, error: "lastLead" });
    expect(await removeMember(utrecht, leadMemberId)).toEqual({ ok: false, error: "lastLead" });
    expect(await findMembership(utrecht.userId, "GM0344")).toMatchObject({ role: "programme_lead" });

    const colleague = await joinedMember(utrecht, "collega@utrecht.test", "staff");
    const colleagueMemberId = await memberIdOf(utrecht, colleague.userId);
    expect(await changeMemberRole(utrecht, colleagueMemberId, "trainer")).toEqual({ ok: true });
    expect(await findMembership(colleague.userId, "GM0344")).toMatchObject({ role: "trainer" });
    // Unchanged role: nothing to do, no audit event.
    const before = (await listAuditEvents(db(), utrecht.municipalityId)).events.length;
    expect(await changeMemberRole(utrecht, colleagueMemberId, "trainer")).toEqual({ ok: true });
    expect((await listAuditEvents(db(), utrecht.municipalityId)).events.length).toBe(before);

    // With a second lead, the first may step down.
    expect(await changeMemberRole(utrecht, colleagueMemberId, "programme_lead")).toEqual({ ok: true });
    expect(await changeMemberRole(utrecht, leadMemberId, "viewer")).toEqual({ ok: true });
    expect(await findMembership(utrecht.userId, "GM0344")).toMatchObject({ role: "viewer" });
    // Now the colleague is the only lead.
    const newLead = await memberOf(colleague.userId, "GM0344");
    expect(await removeMember(newLead, colleagueMemberId)).toEqual({ ok: false, error: "lastLead" });
    expect(await changeMemberRole(newLead, colleagueMemberId, "staff")).toEqual({ ok: false, error: "lastLead" });

    // A removed member also stops owning the municipality's departments.
    const created = await createDepartment(newLead, { name: "Burgerzaken" });
    if (!created.ok) throw new Error("department not created");
    const [dept] = await listDepartments(newLead);
    expect(await setDepartmentOwners(newLead, dept!.id, [utrecht.userId])).toMatchObject({ ok: true });
    expect(await removeMember(newLead, leadMemberId)).toEqual({ ok: true });
    expect(await findMembership(utrecht.userId, "GM0344")).toBeUndefined();
    expect(await db().select().from(departmentOwner).where(eq(departmentOwner.userId, utrecht.userId))).toEqual([]);
    expect(await removeMember(newLead, leadMemberId)).toEqual({ ok: false, error: "notFound" });

    const { events } = await listAuditEvents(db(), utrecht.municipalityId);
    const changes = events.filter((e) => e.action === "member.role_changed").map((e) => e.details);
    expect(changes).toContainEqual({ userId: colleague.userId, before: "staff", after: "trainer" });
    expect(changes).toContainEqual({ userId: utrecht.userId, before: "programme_lead", after: "viewer" });
    expect(events[0]).toMatchObject({ action: "member.removed", objectId: leadMemberId, actorUserId: colleague.userId, details: { userId: utrecht.userId, role: "viewer" } });
  });

  it("keeps a lead of one municipality out of another's members and invitations", async () => {
    const rotterdam = await createMunicipalityWithLead("GM0599", "Rotterdam", "lead@rotterdam.test");
    const rotterdammer = await joinedMember(rotterdam, "medewerker@rotterdam.test", "staff");
    const rotterdammerMemberId = await memberIdOf(rotterdam, rotterdammer.userId);
    const rotterdamLeadMemberId = await memberIdOf(rotterdam, rotterdam.userId);
    const rotterdamInvitation = await invitedId(rotterdam, "kandidaat@rotterdam.test");
    const rotterdamEvents = (await listAuditEvents(db(), rotterdam.municipalityId)).events.length;

    expect(await revokeInvitation(amsterdam, rotterdamInvitation)).toBe(false);
    expect(await changeMemberRole(amsterdam, rotterdammerMemberId, "programme_lead")).toEqual({ ok: false, error: "notFound" });
    expect(await changeMemberRole(amsterdam, rotterdamLeadMemberId, "viewer")).toEqual({ ok: false, error: "notFound" });
    expect(await removeMember(amsterdam, rotterdammerMemberId)).toEqual({ ok: false, error: "notFound" });
    expect(await removeMember(amsterdam, rotterdamLeadMemberId)).toEqual({ ok: false, error: "notFound" });

    expect(await findOpenInvitation(rotterdamInvitation)).toBeDefined();
    expect(await findMembership(rotterdammer.userId, "GM0599")).toMatchObject({ role: "staff" });
    expect(await findMembership(rotterdam.userId, "GM0599")).toMatchObject({ role: "programme_lead" });
    expect((await listMembers(amsterdam)).map((m) => m.userId)).not.toContain(rotterdammer.userId);
    expect((await listPendingInvitations(amsterdam)).map((i) => i.id)).not.toContain(rotterdamInvitation);
    expect((await listAuditEvents(db(), rotterdam.municipalityId)).events.length).toBe(rotterdamEvents);
    const rows = await db().select().from(member).where(and(eq(member.organizationId, rotterdam.municipalityId)));
    expect(rows).toHaveLength(2);

    // Inviting an existing member of another municipality is fine: membership is per municipality.
    expect((await inviteMember(amsterdam, { email: "medewerker@rotterdam.test", role: "viewer" })).ok).toBe(true);
  });

  it("keeps the audit chain intact after all of this", async () => {
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
    const { events } = await listAuditEvents(db(), amsterdam.municipalityId, { limit: 100 });
    const actions = new Set(events.map((e) => e.action));
    for (const action of ["municipality.created", "invitation.created", "invitation.accepted", "invitation.revoked"]) expect(actions).toContain(action);
    for (const e of events) expect(e.municipalityId).toBe(amsterdam.municipalityId);
  });
});
