// Rules of use (spelregels): the approved version of the rules-of-use document is the published
// one; members acknowledge that they have read it, per version, so a new version asks again.
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { document, documentVersion, member as memberTable, rulesAcknowledgement, user } from "../../../db/schema/index";
import type { DbOrTx } from "../../../db/client";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { can } from "../auth/roles";
import { recordNotification } from "../notifications/notifications.server";

export interface PublishedRules {
  documentId: string;
  title: string;
  versionId: string;
  publishedAt: Date;
  /** The document is being revised (a new draft after this version). */
  revising: boolean;
}

/** The published rules of use: the latest approved version of the rules-of-use document. */
export async function publishedRules(municipalityId: string, database: DbOrTx = db()): Promise<PublishedRules | null> {
  const [row] = await database
    .select({ documentId: document.id, title: document.title, versionId: document.approvedVersionId, status: document.status, publishedAt: documentVersion.createdAt })
    .from(document)
    .innerJoin(documentVersion, eq(documentVersion.id, document.approvedVersionId))
    .where(and(eq(document.municipalityId, municipalityId), eq(document.kind, "rules_of_use"), isNull(document.archivedAt)));
  if (!row || !row.versionId) return null;
  return { documentId: row.documentId, title: row.title, versionId: row.versionId, publishedAt: row.publishedAt, revising: row.status === "draft" };
}

export interface RulesStatus {
  rules: PublishedRules | null;
  /** When the acting member acknowledged the published version (null: not yet). */
  acknowledgedAt: Date | null;
  /** For programme leads and trainers: who did and who did not acknowledge the published version. */
  members: { userId: string; name: string; email: string; role: string; acknowledgedAt: Date | null }[] | null;
}

export async function rulesStatus(actor: Member): Promise<RulesStatus> {
  const rules = await publishedRules(actor.municipalityId);
  if (!rules) return { rules: null, acknowledgedAt: null, members: null };
  const seesAll = can(actor.role, { training: ["log"] }) || can(actor.role, { programme: ["update"] });
  const rows = await db()
    .select({ userId: user.id, name: user.name, email: user.email, role: memberTable.role, acknowledgedAt: rulesAcknowledgement.acknowledgedAt })
    .from(memberTable)
    .innerJoin(user, eq(user.id, memberTable.userId))
    .leftJoin(rulesAcknowledgement, and(eq(rulesAcknowledgement.userId, memberTable.userId), eq(rulesAcknowledgement.versionId, rules.versionId)))
    .where(and(eq(memberTable.organizationId, actor.municipalityId), seesAll ? undefined : eq(memberTable.userId, actor.userId)))
    .orderBy(asc(user.name));
  return { rules, acknowledgedAt: rows.find((r) => r.userId === actor.userId)?.acknowledgedAt ?? null, members: seesAll ? rows : null };
}

export type AcknowledgeOutcome = { ok: true; acknowledgedAt: Date } | { ok: false; error: "no_rules" | "stale_version" };

/** "I have read the rules of use": for the version the member saw; a newer version must be read first. */
export async function acknowledgeRules(actor: Member, versionId: string, now = new Date()): Promise<AcknowledgeOutcome> {
  return db().transaction(async (tx): Promise<AcknowledgeOutcome> => {
    const rules = await publishedRules(actor.municipalityId, tx);
    if (!rules) return { ok: false, error: "no_rules" };
    if (rules.versionId !== versionId) return { ok: false, error: "stale_version" };
    const inserted = await tx
      .insert(rulesAcknowledgement)
      .values({ versionId, documentId: rules.documentId, municipalityId: actor.municipalityId, userId: actor.userId, acknowledgedAt: now })
      .onConflictDoNothing()
      .returning({ at: rulesAcknowledgement.acknowledgedAt });
    if (inserted.length === 0) {
      const [existing] = await tx
        .select({ at: rulesAcknowledgement.acknowledgedAt })
        .from(rulesAcknowledgement)
        .where(and(eq(rulesAcknowledgement.versionId, versionId), eq(rulesAcknowledgement.userId, actor.userId)));
      return { ok: true, acknowledgedAt: existing!.at };
    }
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "rules.acknowledged",
      objectType: "document",
      objectId: rules.documentId,
      origin: actor.origin,
      details: { name: rules.title, versionId },
    });
    return { ok: true, acknowledgedAt: now };
  });
}

/** On publishing a new version of the rules: every member is asked (in-app) to read and acknowledge it. */
export async function announceRulesVersion(tx: DbOrTx, municipalityId: string, documentId: string, title: string, versionId: string): Promise<void> {
  const members = await tx.select({ userId: memberTable.userId }).from(memberTable).where(eq(memberTable.organizationId, municipalityId));
  for (const m of members) {
    await recordNotification(tx, { userId: m.userId, municipalityId, kind: "rules.published", payload: { documentId, title, versionId } });
  }
}

/** A row when rules of use are published and this member has not acknowledged that version yet; the page header runs it inside its one query. */
export function rulesPendingQuery(actor: Pick<Member, "userId" | "municipalityId">) {
  return db()
    .select({ id: document.id })
    .from(document)
    .leftJoin(rulesAcknowledgement, and(eq(rulesAcknowledgement.versionId, document.approvedVersionId), eq(rulesAcknowledgement.userId, actor.userId)))
    .where(and(eq(document.municipalityId, actor.municipalityId), eq(document.kind, "rules_of_use"), isNull(document.archivedAt), isNotNull(document.approvedVersionId), isNull(rulesAcknowledgement.userId)))
    .limit(1);
}
