// Version history of a live document: named versions ("Concept voor MT"), automatic snapshots
// (at most one per AUTO_VERSION_EVERY while people edit), the approval versions, and restore.
// Restoring is itself a new edit appended to the log, after a "before restore" snapshot:
// nothing is ever destroyed.
import { and, desc, eq, isNull } from "drizzle-orm";
import * as Y from "yjs";
import { document, documentState, documentVersion, user, type VersionKind } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { can } from "../auth/roles";
import { collabServer } from "./collab.server";
import type { DocumentOutcome } from "./documents.server";
import { appendUpdate, storedStateAsUpdate } from "./persistence.server";
import { docFromYjsState, wordCount, YJS_FIELD, type JSONContent } from "./prosemirror-json";
import { sha256Hex } from "./state-hash";

export const AUTO_VERSION_EVERY_MS = 30 * 60 * 1000;

export interface VersionSummary {
  id: string;
  kind: VersionKind;
  name: string | null;
  wordCount: number;
  createdAt: Date;
  createdByName: string | null;
}

async function documentOf(actor: Member, documentId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(documentId)) return undefined;
  const [row] = await db()
    .select({ id: document.id, status: document.status, title: document.title })
    .from(document)
    .where(and(eq(document.id, documentId), eq(document.municipalityId, actor.municipalityId), isNull(document.archivedAt)));
  return row;
}

export async function listVersions(actor: Member, documentId: string): Promise<VersionSummary[] | null> {
  if (!(await documentOf(actor, documentId))) return null;
  return db()
    .select({
      id: documentVersion.id,
      kind: documentVersion.kind,
      name: documentVersion.name,
      wordCount: documentVersion.wordCount,
      createdAt: documentVersion.createdAt,
      createdByName: user.name,
    })
    .from(documentVersion)
    .leftJoin(user, eq(user.id, documentVersion.createdBy))
    .where(and(eq(documentVersion.documentId, documentId), eq(documentVersion.municipalityId, actor.municipalityId)))
    .orderBy(desc(documentVersion.createdAt));
}

export async function versionContent(actor: Member, documentId: string, versionId: string): Promise<{ version: VersionSummary; content: JSONContent } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(versionId)) return null;
  const [row] = await db()
    .select({
      id: documentVersion.id,
      kind: documentVersion.kind,
      name: documentVersion.name,
      wordCount: documentVersion.wordCount,
      createdAt: documentVersion.createdAt,
      createdByName: user.name,
      state: documentVersion.state,
    })
    .from(documentVersion)
    .leftJoin(user, eq(user.id, documentVersion.createdBy))
    .where(and(eq(documentVersion.id, versionId), eq(documentVersion.documentId, documentId), eq(documentVersion.municipalityId, actor.municipalityId)));
  if (!row) return null;
  const { state, ...version } = row;
  return { version, content: docFromYjsState(state) };
}

/** The current content as stored (every acknowledged edit), for compare and export. */
export async function currentContent(actor: Member, documentId: string): Promise<JSONContent | null> {
  if (!(await documentOf(actor, documentId))) return null;
  return docFromYjsState(await storedStateAsUpdate(documentId));
}

export async function createNamedVersion(actor: Member, documentId: string, name: string): Promise<DocumentOutcome<{ versionId: string }>> {
  if (!can(actor.role, { document: ["edit"] })) return { ok: false, error: "not_allowed" };
  const versionId = crypto.randomUUID();
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ id: document.id })
      .from(document)
      .where(and(eq(document.id, documentId), eq(document.municipalityId, actor.municipalityId), isNull(document.archivedAt)));
    if (!row) return { ok: false, error: "not_found" } as const;
    const state = await storedStateAsUpdate(documentId, tx);
    const words = wordCount(docFromYjsState(state));
    await tx.insert(documentVersion).values({ id: versionId, documentId, municipalityId: actor.municipalityId, kind: "named", name, state, wordCount: words, createdBy: actor.userId });
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "document.version_created",
      objectType: "document",
      objectId: documentId,
      origin: actor.origin,
      details: { versionId, name, stateSha256: sha256Hex(state) },
    });
    return { ok: true, versionId } as const;
  });
}

/**
 * The update that turns `current` into the content of `target`: the document body is replaced by
 * copies of the target's nodes. Concurrent edits made meanwhile merge as usual.
 */
export function restoreUpdate(current: Uint8Array, target: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, current);
  const before = Y.encodeStateVector(doc);
  const old = new Y.Doc();
  Y.applyUpdate(old, target);
  doc.transact(() => {
    const body = doc.getXmlFragment(YJS_FIELD);
    body.delete(0, body.length);
    body.insert(0, old.getXmlFragment(YJS_FIELD).toArray().map((node) => node.clone()) as Array<Y.XmlElement | Y.XmlText>);
  });
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  old.destroy();
  return update;
}

export async function restoreVersion(actor: Member, documentId: string, versionId: string): Promise<DocumentOutcome<{ backupVersionId: string }>> {
  if (!can(actor.role, { document: ["edit"] })) return { ok: false, error: "not_allowed" };
  const backupVersionId = crypto.randomUUID();
  const outcome = await db().transaction(async (tx) => {
    const [doc] = await tx
      .select({ status: document.status })
      .from(document)
      .where(and(eq(document.id, documentId), eq(document.municipalityId, actor.municipalityId), isNull(document.archivedAt)))
      .for("update");
    if (!doc) return { ok: false, error: "not_found" } as const;
    if (doc.status !== "draft") return { ok: false, error: "not_draft" } as const;
    const [version] = await tx
      .select({ state: documentVersion.state, name: documentVersion.name, kind: documentVersion.kind, createdAt: documentVersion.createdAt })
      .from(documentVersion)
      .where(and(eq(documentVersion.id, versionId), eq(documentVersion.documentId, documentId)));
    if (!version) return { ok: false, error: "not_found" } as const;
    const current = await storedStateAsUpdate(documentId, tx);
    await tx.insert(documentVersion).values({
      id: backupVersionId,
      documentId,
      municipalityId: actor.municipalityId,
      kind: "before_restore",
      name: null,
      state: current,
      wordCount: wordCount(docFromYjsState(current)),
      createdBy: actor.userId,
    });
    const update = restoreUpdate(current, version.state);
    await appendUpdate(documentId, update, actor.userId, tx);
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "document.version_restored",
      objectType: "document",
      objectId: documentId,
      origin: actor.origin,
      details: { versionId, versionName: version.name, versionKind: version.kind, backupVersionId },
    });
    return { ok: true, backupVersionId, update } as const;
  });
  if (!outcome.ok) return outcome;
  await applyToLiveDocument(documentId, outcome.update);
  return { ok: true, backupVersionId };
}

/** Bring a stored server-side edit to the people editing now (and, through Redis, other processes). */
async function applyToLiveDocument(documentId: string, update: Uint8Array) {
  const collab = collabServer();
  if (!collab) return;
  const connection = await collab.hocuspocus.openDirectConnection(documentId);
  try {
    await connection.transact((doc) => Y.applyUpdate(doc, update));
  } finally {
    await connection.disconnect();
  }
}

/**
 * An automatic snapshot when the last one is older than AUTO_VERSION_EVERY_MS and the document
 * changed since. Called by the collaboration server after compaction.
 */
export async function autoVersionIfDue(documentId: string, now = new Date()): Promise<boolean> {
  const [row] = await db()
    .select({ municipalityId: document.municipalityId, lastAuto: documentState.lastAutoVersionAt })
    .from(document)
    .leftJoin(documentState, eq(documentState.documentId, document.id))
    .where(eq(document.id, documentId));
  if (!row) return false;
  if (row.lastAuto && now.getTime() - row.lastAuto.getTime() < AUTO_VERSION_EVERY_MS) return false;
  const state = await storedStateAsUpdate(documentId);
  const [latest] = await db()
    .select({ state: documentVersion.state })
    .from(documentVersion)
    .where(eq(documentVersion.documentId, documentId))
    .orderBy(desc(documentVersion.createdAt))
    .limit(1);
  const content = docFromYjsState(state);
  if (latest && JSON.stringify(docFromYjsState(latest.state)) === JSON.stringify(content)) return false;
  await db().transaction(async (tx) => {
    await tx.insert(documentVersion).values({ id: crypto.randomUUID(), documentId, municipalityId: row.municipalityId, kind: "auto", name: null, state, wordCount: wordCount(content), createdAt: now });
    await tx.update(documentState).set({ lastAutoVersionAt: now }).where(eq(documentState.documentId, documentId));
  });
  return true;
}
