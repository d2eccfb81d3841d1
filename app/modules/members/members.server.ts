// Members of a municipality and invitations to join it. Every function takes the acting member
// and only touches rows of that member's municipality.
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { department, departmentOwner, invitation, member as memberTable, organization, user } from "../../../db/schema/index";
import { enqueueMail } from "../../../emails/outbox.server";
import { baseUrl } from "../../config.server";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import type { Role } from "../auth/roles";

export const INVITATION_DAYS = 7;

export async function listMembers(actor: Member) {
  return db()
    .select({ memberId: memberTable.id, userId: user.id, name: user.name, email: user.email, role: memberTable.role, since: memberTable.createdAt })
    .from(memberTable)
    .innerJoin(user, eq(user.id, memberTable.userId))
    .where(eq(memberTable.organizationId, actor.municipalityId))
    .orderBy(asc(user.name));
}

export async function listPendingInvitations(actor: Member, now = new Date()) {
  return db()
    .select({ id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt, createdAt: invitation.createdAt })
    .from(invitation)
    .where(and(eq(invitation.organizationId, actor.municipalityId), eq(invitation.status, "pending"), gt(invitation.expiresAt, now)))
    .orderBy(asc(invitation.createdAt));
}

export type InviteOutcome = { ok: true; invitationId: string } | { ok: false; error: "alreadyMember" | "alreadyInvited" };

export async function inviteMember(actor: Member, input: { email: string; role: Role; locale?: string }, now = new Date()): Promise<InviteOutcome> {
  return db().transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: memberTable.id })
      .from(memberTable)
      .innerJoin(user, eq(user.id, memberTable.userId))
      .where(and(eq(memberTable.organizationId, actor.municipalityId), eq(user.email, input.email)))
      .limit(1);
    if (existing) return { ok: false, error: "alreadyMember" } as const;
    const [pending] = await tx
      .select({ id: invitation.id })
      .from(invitation)
      .where(and(eq(invitation.organizationId, actor.municipalityId), eq(invitation.email, input.email), eq(invitation.status, "pending"), gt(invitation.expiresAt, now)))
      .limit(1);
    if (pending) return { ok: false, error: "alreadyInvited" } as const;

    const id = crypto.randomUUID();
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
    await tx.insert(invitation).values({ id, organizationId: actor.municipalityId, email: input.email, role: input.role, status: "pending", expiresAt, inviterId: actor.userId });
    await enqueueMail(tx, {
      template: "invitation",
      to: input.email,
      locale: input.locale,
      municipalityId: actor.municipalityId,
      props: { url: `${baseUrl()}/uitnodiging/${id}`, municipality: actor.municipalityName, inviter: actor.userName, role: input.role },
    });
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "invitation.created",
      objectType: "invitation",
      objectId: id,
      origin: actor.origin,
      details: { email: input.email, role: input.role },
    });
    return { ok: true, invitationId: id } as const;
  });
}

export async function revokeInvitation(actor: Member, invitationId: string): Promise<boolean> {
  return db().transaction(async (tx) => {
    const updated = await tx
      .update(invitation)
      .set({ status: "canceled" })
      .where(and(eq(invitation.id, invitationId), eq(invitation.organizationId, actor.municipalityId), eq(invitation.status, "pending")))
      .returning({ email: invitation.email });
    if (updated.length === 0) return false;
    await recordAudit(tx, { municipalityId: actor.municipalityId, actor: actorOf(actor), action: "invitation.revoked", objectType: "invitation", objectId: invitationId, origin: actor.origin, details: { email: updated[0]!.email } });
    return true;
  });
}

/** What the invitee may see before accepting: only this invitation's own details. */
export async function findOpenInvitation(invitationId: string, now = new Date()) {
  if (!/^[0-9a-f-]{36}$/i.test(invitationId)) return undefined;
  const [row] = await db()
    .select({ id: invitation.id, email: invitation.email, role: invitation.role, municipality: organization.name, cbsCode: organization.cbsCode, inviter: user.name })
    .from(invitation)
    .innerJoin(organization, eq(organization.id, invitation.organizationId))
    .innerJoin(user, eq(user.id, invitation.inviterId))
    .where(and(eq(invitation.id, invitationId), eq(invitation.status, "pending"), gt(invitation.expiresAt, now)))
    .limit(1);
  return row;
}

export type AcceptOutcome = { ok: true; cbsCode: string } | { ok: false; error: "invalid" | "wrongUser" };

export async function acceptInvitation(invitee: { userId: string; name: string; email: string }, invitationId: string, origin: string, now = new Date()): Promise<AcceptOutcome> {
  return db().transaction(async (tx) => {
    const [inv] = await tx
      .select({ id: invitation.id, email: invitation.email, role: invitation.role, organizationId: invitation.organizationId, cbsCode: organization.cbsCode })
      .from(invitation)
      .innerJoin(organization, eq(organization.id, invitation.organizationId))
      .where(and(eq(invitation.id, invitationId), eq(invitation.status, "pending"), gt(invitation.expiresAt, now)))
      .for("update")
      .limit(1);
    if (!inv) return { ok: false, error: "invalid" } as const;
    if (inv.email.toLowerCase() !== invitee.email.toLowerCase()) return { ok: false, error: "wrongUser" } as const;
    await tx
      .insert(memberTable)
      .values({ id: crypto.randomUUID(), organizationId: inv.organizationId, userId: invitee.userId, role: inv.role })
      .onConflictDoNothing();
    await tx.update(invitation).set({ status: "accepted" }).where(eq(invitation.id, inv.id));
    await recordAudit(tx, {
      municipalityId: inv.organizationId,
      actor: { userId: invitee.userId, label: `${invitee.name} <${invitee.email}>` },
      action: "invitation.accepted",
      objectType: "invitation",
      objectId: inv.id,
      origin,
      details: { role: inv.role },
    });
    return { ok: true, cbsCode: inv.cbsCode } as const;
  });
}

async function leadCount(tx: Parameters<Parameters<ReturnType<typeof db>["transaction"]>[0]>[0], municipalityId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberTable)
    .where(and(eq(memberTable.organizationId, municipalityId), eq(memberTable.role, "programme_lead")));
  return row?.n ?? 0;
}

export type MemberChangeOutcome = { ok: true } | { ok: false; error: "notFound" | "lastLead" };

export async function changeMemberRole(actor: Member, memberId: string, role: Role): Promise<MemberChangeOutcome> {
  return db().transaction(async (tx) => {
    const [target] = await tx
      .select({ id: memberTable.id, role: memberTable.role, userId: memberTable.userId })
      .from(memberTable)
      .where(and(eq(memberTable.id, memberId), eq(memberTable.organizationId, actor.municipalityId)))
      .for("update");
    if (!target) return { ok: false, error: "notFound" } as const;
    if (target.role === role) return { ok: true } as const;
    if (target.role === "programme_lead" && (await leadCount(tx, actor.municipalityId)) <= 1) return { ok: false, error: "lastLead" } as const;
    await tx.update(memberTable).set({ role }).where(eq(memberTable.id, memberId));
    await recordAudit(tx, { municipalityId: actor.municipalityId, actor: actorOf(actor), action: "member.role_changed", objectType: "member", objectId: memberId, origin: actor.origin, details: { userId: target.userId, before: target.role, after: role } });
    return { ok: true } as const;
  });
}

export async function removeMember(actor: Member, memberId: string): Promise<MemberChangeOutcome> {
  return db().transaction(async (tx) => {
    const [target] = await tx
      .select({ id: memberTable.id, role: memberTable.role, userId: memberTable.userId })
      .from(memberTable)
      .where(and(eq(memberTable.id, memberId), eq(memberTable.organizationId, actor.municipalityId)))
      .for("update");
    if (!target) return { ok: false, error: "notFound" } as const;
    if (target.role === "programme_lead" && (await leadCount(tx, actor.municipalityId)) <= 1) return { ok: false, error: "lastLead" } as const;
    await tx.delete(memberTable).where(eq(memberTable.id, memberId));
    // Someone who left the municipality no longer owns its departments.
    await tx
      .delete(departmentOwner)
      .where(and(eq(departmentOwner.userId, target.userId), inArray(departmentOwner.departmentId, tx.select({ id: department.id }).from(department).where(eq(department.municipalityId, actor.municipalityId)))));
    await recordAudit(tx, { municipalityId: actor.municipalityId, actor: actorOf(actor), action: "member.removed", objectType: "member", objectId: memberId, origin: actor.origin, details: { userId: target.userId, role: target.role } });
    return { ok: true } as const;
  });
}
