// Rounds of the maturity quickscan: a lead creates a round, invites members of the municipality
// (each answering for a department), opens it (the invitations go out), invites more or reminds
// while it is open, and closes it. Every function takes the acting member and only touches rows
// of that member's municipality: a round of another municipality behaves as one that does not exist.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../../db/client";
import { isUniqueViolation } from "../../../../db/errors";
import { department, member as memberTable, scanResponse, scanRound, user } from "../../../../db/schema/index";
import { enqueueMail } from "../../../../emails/outbox.server";
import { baseUrl } from "../../../config.server";
import { db } from "../../../db.server";
import { recordAudit } from "../../audit/audit.server";
import { actorOf, type Member } from "../../auth/guards.server";
import { can, isRole, type Permission } from "../../auth/roles";
import { referenceInstrument, type QuickscanInstrument } from "./instrument";
import { dueOnField, roundNameField } from "./schema";

export type RoundStatus = "draft" | "open" | "closed";

export interface RoundView {
  id: string;
  name: string;
  status: RoundStatus;
  dueOn: string | null;
  instrument: QuickscanInstrument;
  createdAt: Date;
  openedAt: Date | null;
  closedAt: Date | null;
}

export interface RoundSummary extends Omit<RoundView, "instrument"> {
  invited: number;
  submitted: number;
}

export type RoundError = "notFound" | "notAllowed" | "notDraft" | "notOpen" | "closed" | "noRespondents" | "nobodyToRemind";

export type CreateRoundOutcome = { ok: true; roundId: string } | { ok: false; error: "notAllowed" } | { ok: false; error: "nameTaken"; name: string };

export type InviteOutcome =
  | { ok: true; invited: { userId: string; name: string; email: string }[]; skipped: { userId: string; name: string; email: string }[]; mailed: boolean }
  | { ok: false; error: RoundError }
  | { ok: false; error: "notMember"; userIds: string[] }
  | { ok: false; error: "cannotAnswer"; names: string[] }
  | { ok: false; error: "departmentNotFound" };

export type RoundCommandOutcome = { ok: true; mailed: number } | { ok: false; error: RoundError };

const MANAGE: Permission = { quickscan: ["manage"] };

export const canManageQuickscan = (actor: Pick<Member, "role">) => can(actor.role, MANAGE);

/** The page a respondent answers on. */
export function answerUrl(cbsCode: string, roundId: string): string {
  return `${baseUrl()}/g/${cbsCode}/quickscan/${roundId}/invullen`;
}

const roundColumns = {
  id: scanRound.id,
  name: scanRound.name,
  status: scanRound.status,
  dueOn: scanRound.dueOn,
  instrument: scanRound.instrument,
  createdAt: scanRound.createdAt,
  openedAt: scanRound.openedAt,
  closedAt: scanRound.closedAt,
};

/** Rounds of the actor's municipality, newest first, with how many were invited and submitted. */
export async function listRounds(actor: Member): Promise<RoundSummary[]> {
  const { instrument: _instrument, ...columns } = roundColumns;
  return db()
    .select({ ...columns, invited: sql<number>`count(${scanResponse.id})::int`, submitted: sql<number>`count(${scanResponse.submittedAt})::int` })
    .from(scanRound)
    .leftJoin(scanResponse, eq(scanResponse.roundId, scanRound.id))
    .where(eq(scanRound.municipalityId, actor.municipalityId))
    .groupBy(scanRound.id)
    .orderBy(desc(scanRound.createdAt), asc(scanRound.id));
}

/** One round of the actor's municipality; undefined for an unknown id or another municipality's round. */
export async function getRound(actor: Member, roundId: string, database: DbOrTx = db()): Promise<RoundView | undefined> {
  const [row] = await database
    .select(roundColumns)
    .from(scanRound)
    .where(and(eq(scanRound.id, roundId), eq(scanRound.municipalityId, actor.municipalityId)))
    .limit(1);
  return row as RoundView | undefined;
}

/** The round, locked for the rest of the transaction (commands on one round run one at a time). */
async function lockRound(tx: DbOrTx, actor: Member, roundId: string): Promise<RoundView | undefined> {
  const [row] = await tx
    .select(roundColumns)
    .from(scanRound)
    .where(and(eq(scanRound.id, roundId), eq(scanRound.municipalityId, actor.municipalityId)))
    .for("update");
  return row as RoundView | undefined;
}

/** The rounds the actor is invited to that have been opened: to answer, or to read their own answers. */
export async function myInvitations(actor: Member) {
  return db()
    .select({ roundId: scanRound.id, name: scanRound.name, status: scanRound.status, dueOn: scanRound.dueOn, startedAt: scanResponse.startedAt, submittedAt: scanResponse.submittedAt })
    .from(scanResponse)
    .innerJoin(scanRound, eq(scanRound.id, scanResponse.roundId))
    .where(and(eq(scanResponse.userId, actor.userId), eq(scanRound.municipalityId, actor.municipalityId), inArray(scanRound.status, ["open", "closed"])))
    .orderBy(desc(scanRound.createdAt));
}

export interface RespondentView {
  responseId: string;
  userId: string;
  name: string;
  email: string;
  departmentId: string | null;
  departmentName: string | null;
  invitedAt: Date;
  startedAt: Date | null;
  submittedAt: Date | null;
}

/** Who was invited and how far each is (not what they answered). Leads only. */
export async function listRespondents(actor: Member, roundId: string): Promise<RespondentView[] | undefined> {
  if (!canManageQuickscan(actor)) return undefined;
  const round = await getRound(actor, roundId);
  if (!round) return undefined;
  return db()
    .select({
      responseId: scanResponse.id,
      userId: scanResponse.userId,
      name: user.name,
      email: user.email,
      departmentId: scanResponse.departmentId,
      departmentName: department.name,
      invitedAt: scanResponse.invitedAt,
      startedAt: scanResponse.startedAt,
      submittedAt: scanResponse.submittedAt,
    })
    .from(scanResponse)
    .innerJoin(user, eq(user.id, scanResponse.userId))
    .leftJoin(department, eq(department.id, scanResponse.departmentId))
    .where(and(eq(scanResponse.roundId, round.id), eq(scanResponse.municipalityId, actor.municipalityId)))
    .orderBy(asc(user.name), asc(user.email));
}

export async function createRound(actor: Member, input: { name: string; dueOn?: string | null }): Promise<CreateRoundOutcome> {
  if (!can(actor.role, MANAGE)) return { ok: false, error: "notAllowed" };
  const name = roundNameField.parse(input.name);
  const dueOn = input.dueOn ? dueOnField.parse(input.dueOn)! : null;
  try {
    return await db().transaction(async (tx): Promise<CreateRoundOutcome> => {
      const [taken] = await tx
        .select({ id: scanRound.id })
        .from(scanRound)
        .where(and(eq(scanRound.municipalityId, actor.municipalityId), sql`lower(${scanRound.name}) = lower(${name})`))
        .limit(1);
      if (taken) return { ok: false, error: "nameTaken", name };
      const id = crypto.randomUUID();
      await tx.insert(scanRound).values({ id, municipalityId: actor.municipalityId, name, dueOn, instrument: referenceInstrument(), createdByUserId: actor.userId });
      await recordAudit(tx, {
        municipalityId: actor.municipalityId,
        actor: actorOf(actor),
        action: "quickscan.round_created",
        objectType: "scan_round",
        objectId: id,
        origin: actor.origin,
        details: { after: { name, dueOn } },
      });
      return { ok: true, roundId: id };
    });
  } catch (err) {
    if (isUniqueViolation(err, "scan_round_name_uq")) return { ok: false, error: "nameTaken", name };
    throw err;
  }
}

interface Recipient {
  userId: string;
  name: string;
  email: string;
  locale: string | null;
}

async function mailRespondents(tx: DbOrTx, actor: Member, round: RoundView, recipients: Recipient[], template: "scan-invitation" | "scan-reminder") {
  for (const r of recipients) {
    await enqueueMail(tx, {
      template,
      to: r.email,
      locale: r.locale,
      municipalityId: actor.municipalityId,
      props: {
        name: r.name,
        url: answerUrl(actor.cbsCode, round.id),
        municipality: actor.municipalityName,
        round: round.name,
        inviter: actor.userName,
        ...(round.dueOn ? { dueDate: round.dueOn } : {}),
      },
    });
  }
}

async function respondentsOf(tx: DbOrTx, roundId: string, onlyPending = false): Promise<Recipient[]> {
  return tx
    .select({ userId: user.id, name: user.name, email: user.email, locale: user.locale })
    .from(scanResponse)
    .innerJoin(user, eq(user.id, scanResponse.userId))
    .where(and(eq(scanResponse.roundId, roundId), onlyPending ? isNull(scanResponse.submittedAt) : undefined))
    .orderBy(asc(user.email));
}

/**
 * Invites members of the actor's municipality, each answering for a department (or none). Anyone
 * who is not a member, or whose role cannot answer, refuses the whole request; members already
 * invited are skipped and reported. While the round is open the invitations are mailed at once.
 */
export async function inviteRespondents(actor: Member, roundId: string, invitees: { userId: string; departmentId?: string | null }[]): Promise<InviteOutcome> {
  if (!can(actor.role, MANAGE)) return { ok: false, error: "notAllowed" };
  const wanted = new Map<string, string | null>();
  for (const i of invitees) if (!wanted.has(i.userId)) wanted.set(i.userId, i.departmentId || null);
  return db().transaction(async (tx): Promise<InviteOutcome> => {
    const round = await lockRound(tx, actor, roundId);
    if (!round) return { ok: false, error: "notFound" };
    if (round.status === "closed") return { ok: false, error: "closed" };
    if (wanted.size === 0) return { ok: true, invited: [], skipped: [], mailed: false };

    const members = await tx
      .select({ userId: memberTable.userId, role: memberTable.role, name: user.name, email: user.email, locale: user.locale })
      .from(memberTable)
      .innerJoin(user, eq(user.id, memberTable.userId))
      .where(and(eq(memberTable.organizationId, actor.municipalityId), inArray(memberTable.userId, [...wanted.keys()])))
      .orderBy(asc(user.email))
      // Keep the memberships from being removed before this transaction commits.
      .for("share", { of: memberTable });
    const found = new Map(members.map((m) => [m.userId, m]));
    const strangers = [...wanted.keys()].filter((userId) => !found.has(userId));
    if (strangers.length > 0) return { ok: false, error: "notMember", userIds: strangers };
    const cannotAnswer = members.filter((m) => !isRole(m.role) || !can(m.role, { quickscan: ["answer"] }));
    if (cannotAnswer.length > 0) return { ok: false, error: "cannotAnswer", names: cannotAnswer.map((m) => m.name) };

    const departmentIds = [...new Set([...wanted.values()].filter((d): d is string => Boolean(d)))];
    if (departmentIds.length > 0) {
      const known = await tx
        .select({ id: department.id })
        .from(department)
        .where(and(eq(department.municipalityId, actor.municipalityId), inArray(department.id, departmentIds)));
      if (known.length !== departmentIds.length) return { ok: false, error: "departmentNotFound" };
    }

    const already = new Set(
      (
        await tx
          .select({ userId: scanResponse.userId })
          .from(scanResponse)
          .where(and(eq(scanResponse.roundId, round.id), inArray(scanResponse.userId, [...wanted.keys()])))
      ).map((r) => r.userId),
    );
    const fresh = members.filter((m) => !already.has(m.userId));
    const skipped = members.filter((m) => already.has(m.userId)).map(({ userId, name, email }) => ({ userId, name, email }));
    if (fresh.length === 0) return { ok: true, invited: [], skipped, mailed: false };

    const now = new Date();
    await tx.insert(scanResponse).values(
      fresh.map((m) => ({
        id: crypto.randomUUID(),
        roundId: round.id,
        municipalityId: actor.municipalityId,
        userId: m.userId,
        departmentId: wanted.get(m.userId) ?? null,
        invitedByUserId: actor.userId,
        invitedAt: now,
      })),
    );
    const mailed = round.status === "open";
    if (mailed) await mailRespondents(tx, actor, round, fresh, "scan-invitation");
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "quickscan.respondents_invited",
      objectType: "scan_round",
      objectId: round.id,
      origin: actor.origin,
      details: {
        round: round.name,
        invited: fresh.map((m) => ({ userId: m.userId, email: m.email, departmentId: wanted.get(m.userId) ?? null })),
        skipped: skipped.map((s) => s.userId),
        mailed,
      },
    });
    return { ok: true, invited: fresh.map(({ userId, name, email }) => ({ userId, name, email })), skipped, mailed };
  });
}

/** draft → open: mails every respondent an invitation with the link to the answer form. */
export async function openRound(actor: Member, roundId: string): Promise<RoundCommandOutcome> {
  if (!can(actor.role, MANAGE)) return { ok: false, error: "notAllowed" };
  return db().transaction(async (tx): Promise<RoundCommandOutcome> => {
    const round = await lockRound(tx, actor, roundId);
    if (!round) return { ok: false, error: "notFound" };
    if (round.status !== "draft") return { ok: false, error: round.status === "closed" ? "closed" : "notDraft" };
    const recipients = await respondentsOf(tx, round.id);
    if (recipients.length === 0) return { ok: false, error: "noRespondents" };
    await tx.update(scanRound).set({ status: "open", openedAt: new Date() }).where(eq(scanRound.id, round.id));
    await mailRespondents(tx, actor, round, recipients, "scan-invitation");
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "quickscan.round_opened",
      objectType: "scan_round",
      objectId: round.id,
      origin: actor.origin,
      details: { round: round.name, before: { status: "draft" }, after: { status: "open" }, respondents: recipients.length },
    });
    return { ok: true, mailed: recipients.length };
  });
}

/** Mails a reminder to every respondent of an open round who has not submitted yet. */
export async function sendReminder(actor: Member, roundId: string): Promise<RoundCommandOutcome> {
  if (!can(actor.role, MANAGE)) return { ok: false, error: "notAllowed" };
  return db().transaction(async (tx): Promise<RoundCommandOutcome> => {
    const round = await lockRound(tx, actor, roundId);
    if (!round) return { ok: false, error: "notFound" };
    if (round.status !== "open") return { ok: false, error: round.status === "closed" ? "closed" : "notOpen" };
    const pending = await respondentsOf(tx, round.id, true);
    if (pending.length === 0) return { ok: false, error: "nobodyToRemind" };
    await mailRespondents(tx, actor, round, pending, "scan-reminder");
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "quickscan.reminder_sent",
      objectType: "scan_round",
      objectId: round.id,
      origin: actor.origin,
      details: { round: round.name, recipients: pending.map((p) => p.userId) },
    });
    return { ok: true, mailed: pending.length };
  });
}

/** open → closed: no answers after this. */
export async function closeRound(actor: Member, roundId: string): Promise<RoundCommandOutcome> {
  if (!can(actor.role, MANAGE)) return { ok: false, error: "notAllowed" };
  return db().transaction(async (tx): Promise<RoundCommandOutcome> => {
    const round = await lockRound(tx, actor, roundId);
    if (!round) return { ok: false, error: "notFound" };
    if (round.status !== "open") return { ok: false, error: round.status === "closed" ? "closed" : "notOpen" };
    const [counts] = await tx
      .select({ invited: sql<number>`count(*)::int`, submitted: sql<number>`count(${scanResponse.submittedAt})::int` })
      .from(scanResponse)
      .where(eq(scanResponse.roundId, round.id));
    await tx.update(scanRound).set({ status: "closed", closedAt: new Date() }).where(eq(scanRound.id, round.id));
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "quickscan.round_closed",
      objectType: "scan_round",
      objectId: round.id,
      origin: actor.origin,
      details: { round: round.name, before: { status: "open" }, after: { status: "closed" }, invited: counts?.invited ?? 0, submitted: counts?.submitted ?? 0 },
    });
    return { ok: true, mailed: 0 };
  });
}
