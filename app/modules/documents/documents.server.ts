// Documents of a municipality: list, create, rename, archive, approve ("vastgesteld") and reopen.
// Every command takes the acting Member and is scoped by its municipality; every change is audited.
import { and, asc, desc, eq, isNull, max, sql } from "drizzle-orm";
import { document, documentState, documentUpdate, documentVersion, user } from "../../../db/schema/index";
import type { Tx } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { can } from "../auth/roles";
import { isWritable } from "./access.server";
import { collabServer } from "./collab.server";
import { storedStateAsUpdate } from "./persistence.server";
import { docFromYjsState, wordCount } from "./prosemirror-json";
import { sha256Hex } from "./state-hash";
import { announceRulesVersion } from "../training/rules.server";

export type DocumentError = "not_allowed" | "not_found" | "title_taken" | "not_draft" | "not_approved" | "standard_document";
export type DocumentOutcome<T extends object = object> = ({ ok: true } & T) | { ok: false; error: DocumentError };

/** The municipality's live (not archived) document, locked for the rest of the transaction. */
async function lockDocument(tx: Tx, actor: Member, documentId: string) {
  const [row] = await tx
    .select()
    .from(document)
    .where(and(eq(document.id, documentId), eq(document.municipalityId, actor.municipalityId), isNull(document.archivedAt)))
    .for("update");
  return row;
}

export interface DocumentSummary {
  id: string;
  title: string;
  kind: "mission" | "vision" | "rules_of_use" | "free";
  phaseNumber: number;
  status: "draft" | "approved";
  approvedAt: Date | null;
  lastEditedAt: Date;
}

export async function listDocuments(actor: Member): Promise<DocumentSummary[]> {
  const lastUpdate = db()
    .select({ documentId: documentUpdate.documentId, at: max(documentUpdate.createdAt).as("at") })
    .from(documentUpdate)
    .groupBy(documentUpdate.documentId)
    .as("last_update");
  const rows = await db()
    .select({
      id: document.id,
      title: document.title,
      kind: document.kind,
      phaseNumber: document.phaseNumber,
      status: document.status,
      approvedAt: document.approvedAt,
      createdAt: document.createdAt,
      compactedAt: documentState.updatedAt,
      updatedAt: lastUpdate.at,
    })
    .from(document)
    .leftJoin(documentState, eq(documentState.documentId, document.id))
    .leftJoin(lastUpdate, eq(lastUpdate.documentId, document.id))
    .where(and(eq(document.municipalityId, actor.municipalityId), isNull(document.archivedAt)))
    .orderBy(asc(document.phaseNumber), sql`case ${document.kind} when 'mission' then 0 when 'vision' then 1 when 'rules_of_use' then 2 else 3 end`, asc(document.title));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    phaseNumber: r.phaseNumber,
    status: r.status,
    approvedAt: r.approvedAt,
    lastEditedAt: [r.createdAt, r.compactedAt, r.updatedAt ? new Date(r.updatedAt) : null].filter((d): d is Date => d instanceof Date).reduce((a, b) => (a > b ? a : b)),
  }));
}

export interface DocumentDetail extends DocumentSummary {
  writable: boolean;
  canApprove: boolean;
  approvedByName: string | null;
  approvedVersionId: string | null;
}

export async function getDocument(actor: Member, documentId: string): Promise<DocumentDetail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(documentId)) return null;
  const [row] = await db()
    .select({
      id: document.id,
      title: document.title,
      kind: document.kind,
      phaseNumber: document.phaseNumber,
      status: document.status,
      approvedAt: document.approvedAt,
      approvedVersionId: document.approvedVersionId,
      archivedAt: document.archivedAt,
      updatedAt: document.updatedAt,
      approvedByName: user.name,
    })
    .from(document)
    .leftJoin(user, eq(user.id, document.approvedBy))
    .where(and(eq(document.id, documentId), eq(document.municipalityId, actor.municipalityId)));
  if (!row || row.archivedAt) return null;
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    phaseNumber: row.phaseNumber,
    status: row.status,
    approvedAt: row.approvedAt,
    lastEditedAt: row.updatedAt,
    writable: isWritable(actor.role, row.status, false),
    canApprove: can(actor.role, { document: ["approve"] }),
    approvedByName: row.approvedByName,
    approvedVersionId: row.approvedVersionId,
  };
}

export async function createDocument(actor: Member, input: { title: string; phaseNumber: number }): Promise<DocumentOutcome<{ id: string }>> {
  if (!can(actor.role, { document: ["edit"] })) return { ok: false, error: "not_allowed" };
  const id = crypto.randomUUID();
  try {
    await db().transaction(async (tx) => {
      await tx.insert(document).values({ id, municipalityId: actor.municipalityId, kind: "free", phaseNumber: input.phaseNumber, title: input.title, createdBy: actor.userId });
      await recordAudit(tx, {
        municipalityId: actor.municipalityId,
        actor: actorOf(actor),
        action: "document.created",
        objectType: "document",
        objectId: id,
        origin: actor.origin,
        details: { title: input.title, phaseNumber: input.phaseNumber },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, error: "title_taken" };
    throw err;
  }
  return { ok: true, id };
}

export async function renameDocument(actor: Member, documentId: string, title: string): Promise<DocumentOutcome> {
  if (!can(actor.role, { document: ["edit"] })) return { ok: false, error: "not_allowed" };
  try {
    return await db().transaction(async (tx) => {
      const before = await lockDocument(tx, actor, documentId);
      if (!before) return { ok: false, error: "not_found" } as const;
      if (before.title === title) return { ok: true } as const;
      await tx.update(document).set({ title, updatedAt: new Date() }).where(eq(document.id, documentId));
      await recordAudit(tx, {
        municipalityId: actor.municipalityId,
        actor: actorOf(actor),
        action: "document.renamed",
        objectType: "document",
        objectId: documentId,
        origin: actor.origin,
        details: { from: before.title, to: title },
      });
      return { ok: true } as const;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, error: "title_taken" };
    throw err;
  }
}

/** Archive a free document (the standard ones stay). Its content and history are kept. */
export async function archiveDocument(actor: Member, documentId: string): Promise<DocumentOutcome> {
  if (!can(actor.role, { document: ["approve"] })) return { ok: false, error: "not_allowed" };
  const outcome = await db().transaction(async (tx) => {
    const row = await lockDocument(tx, actor, documentId);
    if (!row) return { ok: false, error: "not_found" } as const;
    if (row.kind !== "free") return { ok: false, error: "standard_document" } as const;
    await tx.update(document).set({ archivedAt: new Date(), updatedAt: new Date() }).where(eq(document.id, documentId));
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "document.archived",
      objectType: "document",
      objectId: documentId,
      origin: actor.origin,
      details: { title: row.title },
    });
    return { ok: true } as const;
  });
  if (outcome.ok) collabServer()?.hocuspocus.closeConnections(documentId);
  return outcome;
}

/**
 * Mark a document "vastgesteld": it becomes read-only for everyone, an approval version keeps the
 * exact text approved (with its SHA-256 in the audit log), and open editors reconnect read-only.
 */
export async function approveDocument(actor: Member, documentId: string, now = new Date()): Promise<DocumentOutcome<{ versionId: string }>> {
  if (!can(actor.role, { document: ["approve"] })) return { ok: false, error: "not_allowed" };
  const versionId = crypto.randomUUID();
  const outcome = await db().transaction(async (tx) => {
    const row = await lockDocument(tx, actor, documentId);
    if (!row) return { ok: false, error: "not_found" } as const;
    if (row.status !== "draft") return { ok: false, error: "not_draft" } as const;
    // Read under the row lock: from now on no writer can append (writability is re-checked per update).
    const state = await storedStateAsUpdate(documentId, tx);
    const words = wordCount(docFromYjsState(state));
    await tx.insert(documentVersion).values({
      id: versionId,
      documentId,
      municipalityId: actor.municipalityId,
      kind: "approval",
      name: null,
      state,
      wordCount: words,
      createdBy: actor.userId,
      createdAt: now,
    });
    await tx
      .update(document)
      .set({ status: "approved", approvedAt: now, approvedBy: actor.userId, approvedVersionId: versionId, updatedAt: now })
      .where(eq(document.id, documentId));
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "document.approved",
      objectType: "document",
      objectId: documentId,
      origin: actor.origin,
      details: { title: row.title, versionId, stateSha256: sha256Hex(state), wordCount: words },
    });
    // Published rules of use: everyone is asked to read and acknowledge this version.
    if (row.kind === "rules_of_use") await announceRulesVersion(tx, actor.municipalityId, documentId, row.title, versionId);
    return { ok: true, versionId } as const;
  });
  // Open editors drop and reconnect; the server then gives them read-only connections.
  if (outcome.ok) collabServer()?.hocuspocus.closeConnections(documentId);
  return outcome;
}

/** Start a new concept after approval: editable again; the approved version stays in the history. */
export async function reopenDocument(actor: Member, documentId: string, reason: string): Promise<DocumentOutcome> {
  if (!can(actor.role, { document: ["approve"] })) return { ok: false, error: "not_allowed" };
  const outcome = await db().transaction(async (tx) => {
    const row = await lockDocument(tx, actor, documentId);
    if (!row) return { ok: false, error: "not_found" } as const;
    if (row.status !== "approved") return { ok: false, error: "not_approved" } as const;
    await tx.update(document).set({ status: "draft", updatedAt: new Date() }).where(eq(document.id, documentId));
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "document.reopened",
      objectType: "document",
      objectId: documentId,
      origin: actor.origin,
      details: { reason, approvedVersionId: row.approvedVersionId },
    });
    return { ok: true } as const;
  });
  if (outcome.ok) collabServer()?.hocuspocus.closeConnections(documentId);
  return outcome;
}

/** The latest approval of each document, newest first (for the phase pages and the gate). */
export async function latestApprovals(actor: Member) {
  return db()
    .select({ documentId: document.id, title: document.title, approvedAt: document.approvedAt })
    .from(document)
    .where(and(eq(document.municipalityId, actor.municipalityId), eq(document.status, "approved"), isNull(document.archivedAt)))
    .orderBy(desc(document.approvedAt));
}
