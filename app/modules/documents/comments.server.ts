// Comments on a selection of a live document: a thread (root comment + replies) is anchored in the
// text by a `comment` mark carrying the thread id, so the anchor moves with the text. Mentioning a
// member (@Naam or @e-mailnaam) notifies them by e-mail through the outbox and in the app.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { document, documentComment, member as memberTable, user } from "../../../db/schema/index";
import { enqueueMail } from "../../../emails/outbox.server";
import { baseUrl } from "../../config.server";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { can } from "../auth/roles";
import { recordNotification } from "../notifications/notifications.server";
import { announceDocumentChange } from "./collab.server";
import type { DocumentOutcome } from "./documents.server";
import { findMentions, type Mentionable } from "./mentions";

export interface CommentView {
  id: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
}

export interface ThreadView extends CommentView {
  quote: string | null;
  resolvedAt: Date | null;
  resolvedByName: string | null;
  replies: CommentView[];
}

async function writableDocument(tx: DbOrTx, actor: Member, documentId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(documentId)) return undefined;
  const [row] = await tx
    .select({ id: document.id, title: document.title, phaseNumber: document.phaseNumber, status: document.status })
    .from(document)
    .where(and(eq(document.id, documentId), eq(document.municipalityId, actor.municipalityId), isNull(document.archivedAt)));
  return row;
}

export async function listThreads(actor: Member, documentId: string): Promise<ThreadView[] | null> {
  if (!(await writableDocument(db(), actor, documentId))) return null;
  const rows = await db()
    .select({
      id: documentComment.id,
      parentId: documentComment.parentId,
      authorId: documentComment.authorId,
      authorName: user.name,
      body: documentComment.body,
      quote: documentComment.quote,
      createdAt: documentComment.createdAt,
      editedAt: documentComment.editedAt,
      resolvedAt: documentComment.resolvedAt,
      resolvedBy: documentComment.resolvedBy,
    })
    .from(documentComment)
    .leftJoin(user, eq(user.id, documentComment.authorId))
    .where(and(eq(documentComment.documentId, documentId), eq(documentComment.municipalityId, actor.municipalityId)))
    .orderBy(asc(documentComment.createdAt));
  const names = new Map(rows.map((r) => [r.authorId, r.authorName]));
  const resolverIds = [...new Set(rows.map((r) => r.resolvedBy).filter((id): id is string => Boolean(id) && !names.has(id)))];
  if (resolverIds.length) {
    for (const u of await db().select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, resolverIds))) names.set(u.id, u.name);
  }
  const threads = new Map<string, ThreadView>();
  for (const r of rows) {
    const view: CommentView = { id: r.id, authorId: r.authorId, authorName: r.authorName, body: r.body, createdAt: r.createdAt, editedAt: r.editedAt };
    if (!r.parentId) threads.set(r.id, { ...view, quote: r.quote, resolvedAt: r.resolvedAt, resolvedByName: r.resolvedBy ? (names.get(r.resolvedBy) ?? null) : null, replies: [] });
  }
  for (const r of rows) {
    if (r.parentId) threads.get(r.parentId)?.replies.push({ id: r.id, authorId: r.authorId, authorName: r.authorName, body: r.body, createdAt: r.createdAt, editedAt: r.editedAt });
  }
  return [...threads.values()];
}

async function mentionables(tx: DbOrTx, municipalityId: string): Promise<Array<Mentionable & { locale: string | null }>> {
  return tx
    .select({ userId: user.id, name: user.name, email: user.email, locale: user.locale })
    .from(memberTable)
    .innerJoin(user, eq(user.id, memberTable.userId))
    .where(eq(memberTable.organizationId, municipalityId));
}

function documentUrl(cbsCode: string, documentId: string, threadId: string) {
  return `${baseUrl()}/g/${cbsCode}/documenten/${documentId}#opmerking-${threadId}`;
}

async function notifyMentions(tx: DbOrTx, actor: Member, doc: { id: string; title: string }, threadId: string, body: string) {
  const people = await mentionables(tx, actor.municipalityId);
  const mentioned = findMentions(body, people).filter((p) => p.userId !== actor.userId);
  for (const person of mentioned) {
    const url = documentUrl(actor.cbsCode, doc.id, threadId);
    await enqueueMail(tx, {
      template: "comment-mention",
      to: person.email,
      locale: person.locale,
      municipalityId: actor.municipalityId,
      props: { name: person.name, url, author: actor.userName, document: doc.title, municipality: actor.municipalityName, excerpt: body.slice(0, 300) },
    });
    await recordNotification(tx, {
      userId: person.userId,
      municipalityId: actor.municipalityId,
      kind: "document.mention",
      payload: { documentId: doc.id, threadId, title: doc.title, by: actor.userName },
    });
  }
  return mentioned.map((p) => p.userId);
}

/** Open editors of the document reload its comments once a change to them has committed. */
function announced<T extends DocumentOutcome>(documentId: string, outcome: T): T {
  if (outcome.ok) announceDocumentChange(documentId, "comments");
  return outcome;
}

export async function createThread(actor: Member, documentId: string, input: { body: string; quote: string }): Promise<DocumentOutcome<{ threadId: string }>> {
  if (!can(actor.role, { document: ["edit"] })) return { ok: false, error: "not_allowed" };
  const threadId = crypto.randomUUID();
  const outcome = await db().transaction(async (tx) => {
    const doc = await writableDocument(tx, actor, documentId);
    if (!doc) return { ok: false, error: "not_found" } as const;
    // A new thread anchors a mark in the text, which an approved document no longer accepts.
    if (doc.status !== "draft") return { ok: false, error: "not_draft" } as const;
    await tx.insert(documentComment).values({ id: threadId, documentId, municipalityId: actor.municipalityId, authorId: actor.userId, body: input.body, quote: input.quote });
    const mentioned = await notifyMentions(tx, actor, doc, threadId, input.body);
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "document.comment_added",
      objectType: "document",
      objectId: documentId,
      origin: actor.origin,
      details: { threadId, mentioned },
    });
    return { ok: true, threadId } as const;
  });
  return announced(documentId, outcome);
}

export async function replyToThread(actor: Member, documentId: string, threadId: string, body: string): Promise<DocumentOutcome<{ commentId: string }>> {
  if (!can(actor.role, { document: ["edit"] })) return { ok: false, error: "not_allowed" };
  const commentId = crypto.randomUUID();
  const outcome = await db().transaction(async (tx) => {
    const doc = await writableDocument(tx, actor, documentId);
    if (!doc) return { ok: false, error: "not_found" } as const;
    const [root] = await tx
      .select({ id: documentComment.id })
      .from(documentComment)
      .where(and(eq(documentComment.id, threadId), eq(documentComment.documentId, documentId), isNull(documentComment.parentId)));
    if (!root) return { ok: false, error: "not_found" } as const;
    await tx.insert(documentComment).values({ id: commentId, documentId, municipalityId: actor.municipalityId, parentId: threadId, authorId: actor.userId, body });
    const mentioned = await notifyMentions(tx, actor, doc, threadId, body);
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "document.comment_replied",
      objectType: "document",
      objectId: documentId,
      origin: actor.origin,
      details: { threadId, commentId, mentioned },
    });
    return { ok: true, commentId } as const;
  });
  return announced(documentId, outcome);
}

export async function setThreadResolved(actor: Member, documentId: string, threadId: string, resolved: boolean): Promise<DocumentOutcome> {
  if (!can(actor.role, { document: ["edit"] })) return { ok: false, error: "not_allowed" };
  const outcome = await db().transaction(async (tx) => {
    const doc = await writableDocument(tx, actor, documentId);
    if (!doc) return { ok: false, error: "not_found" } as const;
    const updated = await tx
      .update(documentComment)
      .set(resolved ? { resolvedAt: new Date(), resolvedBy: actor.userId } : { resolvedAt: null, resolvedBy: null })
      .where(and(eq(documentComment.id, threadId), eq(documentComment.documentId, documentId), isNull(documentComment.parentId)))
      .returning({ id: documentComment.id });
    if (updated.length === 0) return { ok: false, error: "not_found" } as const;
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: resolved ? "document.comment_resolved" : "document.comment_reopened",
      objectType: "document",
      objectId: documentId,
      origin: actor.origin,
      details: { threadId },
    });
    return { ok: true } as const;
  });
  return announced(documentId, outcome);
}
