// Live documents on a real database: standard documents, tenancy, the durable update log and its
// compaction, approval, named versions and restore, comments with mentions.
import { describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import * as Y from "yjs";
import { db } from "../../app/db.server";
import { listAuditEvents } from "../../app/modules/audit/audit.server";
import type { Member } from "../../app/modules/auth/guards.server";
import type { Role } from "../../app/modules/auth/roles";
import { documentAccess } from "../../app/modules/documents/access.server";
import { createThread, listThreads, replyToThread, setThreadResolved } from "../../app/modules/documents/comments.server";
import { approveDocument, archiveDocument, createDocument, getDocument, listDocuments, reopenDocument } from "../../app/modules/documents/documents.server";
import { appendUpdate, compactDocument, COMPACT_BATCH, loadStoredDocument, storedStateAsUpdate } from "../../app/modules/documents/persistence.server";
import { docFromYjsState, plainText } from "../../app/modules/documents/prosemirror-json";
import { autoVersionIfDue, createNamedVersion, currentContent, listVersions, restoreVersion, versionContent } from "../../app/modules/documents/versions.server";
import { acceptInvitation, inviteMember } from "../../app/modules/members/members.server";
import { listNotifications } from "../../app/modules/notifications/notifications.server";
import { documentUpdate, outbox } from "../../db/schema/index";
import { useTestDatabase } from "./support/db";
import { createMunicipalityWithLead, createVerifiedUser, memberOf } from "./support/factories";

useTestDatabase();

async function joinedMember(lead: Member, email: string, role: Role, name?: string): Promise<Member> {
  const invited = await inviteMember(lead, { email, role });
  if (!invited.ok) throw new Error(`invite failed: ${invited.error}`);
  const u = await createVerifiedUser(email, name);
  const accepted = await acceptInvitation({ userId: u.id, name: u.name, email: u.email }, invited.invitationId, "127.0.0.1");
  if (!accepted.ok) throw new Error(`accept failed: ${accepted.error}`);
  return memberOf(u.id, lead.cbsCode);
}

/** A client-side edit: append a paragraph to a copy of the stored document; returns the update. */
async function typeParagraph(documentId: string, text: string, clientDoc?: Y.Doc): Promise<Uint8Array> {
  const doc = clientDoc ?? new Y.Doc();
  if (!clientDoc) Y.applyUpdate(doc, await storedStateAsUpdate(documentId));
  const before = Y.encodeStateVector(doc);
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  const body = doc.getXmlFragment("default");
  body.insert(body.length, [p]);
  return Y.encodeStateAsUpdate(doc, before);
}

async function textOf(documentId: string) {
  return plainText(docFromYjsState(await storedStateAsUpdate(documentId)));
}

async function actions(actor: Member) {
  const { events } = await listAuditEvents(db(), actor.municipalityId, { limit: 500 });
  return events;
}

describe("documents", () => {
  it("gives every new municipality its mission, vision and rules of use, and lists only its own documents", async () => {
    const lead = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead-docs@example.nl");
    const other = await createMunicipalityWithLead("GM0344", "Utrecht", "lead-docs-b@example.nl");
    const docs = await listDocuments(lead);
    expect(docs.map((d) => [d.kind, d.phaseNumber, d.status])).toEqual([
      ["mission", 1, "draft"],
      ["vision", 1, "draft"],
      ["rules_of_use", 4, "draft"],
    ]);
    const created = await createDocument(lead, { title: "Datastrategie", phaseNumber: 2 });
    expect(created.ok).toBe(true);
    expect((await listDocuments(other)).map((d) => d.title)).not.toContain("Datastrategie");
    // Same title in the same municipality (any case) is refused; another municipality may use it.
    expect(await createDocument(lead, { title: "datastrategie", phaseNumber: 1 })).toEqual({ ok: false, error: "title_taken" });
    expect((await createDocument(other, { title: "Datastrategie", phaseNumber: 2 })).ok).toBe(true);
  });

  it("refuses other municipalities' members and read-only roles everywhere", async () => {
    const lead = await createMunicipalityWithLead("GM0599", "Rotterdam", "lead-docs-c@example.nl");
    const outsider = await createMunicipalityWithLead("GM0518", "Den Haag", "lead-docs-d@example.nl");
    const viewer = await joinedMember(lead, "viewer-docs@example.nl", "viewer");
    const [vision] = (await listDocuments(lead)).filter((d) => d.kind === "vision");
    const id = vision!.id;

    expect(await getDocument(outsider, id)).toBeNull();
    expect(await documentAccess(outsider.userId, id)).toBeNull();
    expect(await listVersions(outsider, id)).toBeNull();
    expect(await listThreads(outsider, id)).toBeNull();
    expect(await currentContent(outsider, id)).toBeNull();
    expect(await createThread(outsider, id, { body: "hoi", quote: "x" })).toEqual({ ok: false, error: "not_found" });
    expect(await createNamedVersion(outsider, id, "v1")).toEqual({ ok: false, error: "not_found" });
    expect(await approveDocument(outsider, id)).toEqual({ ok: false, error: "not_found" });

    expect(await documentAccess(viewer.userId, id)).toMatchObject({ writable: false, role: "viewer" });
    expect(await documentAccess(lead.userId, id)).toMatchObject({ writable: true });
    expect(await createDocument(viewer, { title: "Mag niet", phaseNumber: 1 })).toEqual({ ok: false, error: "not_allowed" });
    expect(await approveDocument(viewer, id)).toEqual({ ok: false, error: "not_allowed" });
    expect(await createThread(viewer, id, { body: "hoi", quote: "x" })).toEqual({ ok: false, error: "not_allowed" });
    expect(await restoreVersion(viewer, id, crypto.randomUUID())).toEqual({ ok: false, error: "not_allowed" });
    // Malformed ids are simply not found.
    expect(await documentAccess(lead.userId, "../../etc")).toBeNull();
    expect(await getDocument(lead, "'; drop table document; --")).toBeNull();
  });

  it("keeps every appended update through compaction, in batches, also when two compactions race", async () => {
    const lead = await createMunicipalityWithLead("GM0014", "Groningen", "lead-docs-e@example.nl");
    const created = await createDocument(lead, { title: "Logboek", phaseNumber: 1 });
    if (!created.ok) throw new Error(created.error);
    const client = new Y.Doc();
    const total = COMPACT_BATCH + 150;
    for (let i = 0; i < total; i++) await appendUpdate(created.id, await typeParagraph(created.id, `regel ${i}`, client), lead.userId);
    expect((await loadStoredDocument(created.id)).updates).toHaveLength(total);

    const [a, b] = await Promise.all([compactDocument(created.id), compactDocument(created.id)]);
    expect(a + b).toBe(total);
    const stored = await loadStoredDocument(created.id);
    expect(stored.updates).toHaveLength(0);
    expect(stored.mergedThrough).toBeGreaterThan(0);
    const lines = (await textOf(created.id)).split("\n").filter(Boolean);
    expect(lines).toHaveLength(total);
    expect(lines[0]).toBe("regel 0");
    expect(lines.at(-1)).toBe(`regel ${total - 1}`);
    const [{ n }] = (await db().select({ n: count() }).from(documentUpdate).where(eq(documentUpdate.documentId, created.id))) as [{ n: number }];
    expect(n).toBe(0);
  });

  it("approves: an approval version with the hash of the exact state, read-only until a new concept is started", async () => {
    const lead = await createMunicipalityWithLead("GM0153", "Enschede", "lead-docs-f@example.nl");
    const staff = await joinedMember(lead, "staff-docs@example.nl", "staff");
    const [mission] = (await listDocuments(lead)).filter((d) => d.kind === "mission");
    const id = mission!.id;
    await appendUpdate(id, await typeParagraph(id, "Wij sturen op feiten."), staff.userId);

    expect(await approveDocument(staff, id)).toEqual({ ok: false, error: "not_allowed" });
    const approved = await approveDocument(lead, id);
    expect(approved.ok).toBe(true);
    expect(await approveDocument(lead, id)).toEqual({ ok: false, error: "not_draft" });
    expect(await createThread(staff, id, { body: "Nog een vraag", quote: "feiten" })).toEqual({ ok: false, error: "not_draft" });
    expect(await documentAccess(staff.userId, id)).toMatchObject({ writable: false, status: "approved" });
    expect(await getDocument(staff, id)).toMatchObject({ status: "approved", writable: false, approvedByName: lead.userName });

    const versions = (await listVersions(lead, id))!;
    expect(versions.map((v) => v.kind)).toEqual(["approval"]);
    const content = await versionContent(lead, id, versions[0]!.id);
    expect(plainText(content!.content)).toBe("Wij sturen op feiten.");
    const event = (await actions(lead)).find((e) => e.action === "document.approved");
    const { createHash } = await import("node:crypto");
    const state = await storedStateAsUpdate(id);
    expect(event?.details).toMatchObject({ versionId: versions[0]!.id, stateSha256: createHash("sha256").update(state).digest("hex") });

    // A restore on an approved document is refused; a new concept makes it editable again.
    expect(await restoreVersion(lead, id, versions[0]!.id)).toEqual({ ok: false, error: "not_draft" });
    expect(await reopenDocument(staff, id, "wijziging")).toEqual({ ok: false, error: "not_allowed" });
    expect(await reopenDocument(lead, id, "Raad vraagt aanpassing")).toEqual({ ok: true });
    expect(await documentAccess(staff.userId, id)).toMatchObject({ writable: true, status: "draft" });
    expect((await actions(lead)).find((e) => e.action === "document.reopened")?.details).toMatchObject({ reason: "Raad vraagt aanpassing" });
  });

  it("restores a named version as a new edit after a backup, and never loses the text in between", async () => {
    const lead = await createMunicipalityWithLead("GM0193", "Zwolle", "lead-docs-g@example.nl");
    const created = await createDocument(lead, { title: "Visie op data", phaseNumber: 1 });
    if (!created.ok) throw new Error(created.error);
    const id = created.id;
    await appendUpdate(id, await typeParagraph(id, "Eerste versie."), lead.userId);
    const named = await createNamedVersion(lead, id, "Concept voor MT");
    if (!named.ok) throw new Error(named.error);
    await appendUpdate(id, await typeParagraph(id, "Later toegevoegd."), lead.userId);
    expect(await textOf(id)).toBe("Eerste versie.\nLater toegevoegd.");

    const restored = await restoreVersion(lead, id, named.versionId);
    if (!restored.ok) throw new Error(restored.error);
    expect(await textOf(id)).toBe("Eerste versie.");
    // The restore is an appended update (the log grew), not an overwrite of the state.
    expect((await loadStoredDocument(id)).updates.length).toBe(3);
    const versions = (await listVersions(lead, id))!;
    expect(versions.map((v) => [v.kind, v.name])).toEqual([
      ["before_restore", null],
      ["named", "Concept voor MT"],
    ]);
    const backup = await versionContent(lead, id, restored.backupVersionId);
    expect(plainText(backup!.content)).toBe("Eerste versie.\nLater toegevoegd.");
    // Compaction after a restore keeps the restored text.
    await compactDocument(id);
    expect(await textOf(id)).toBe("Eerste versie.");
    expect((await actions(lead)).map((e) => e.action)).toEqual(expect.arrayContaining(["document.version_created", "document.version_restored"]));
  });

  it("makes automatic snapshots at most every half hour, and only when the text changed", async () => {
    const lead = await createMunicipalityWithLead("GM0202", "Arnhem", "lead-docs-h@example.nl");
    const created = await createDocument(lead, { title: "Snapshots", phaseNumber: 1 });
    if (!created.ok) throw new Error(created.error);
    const id = created.id;
    await appendUpdate(id, await typeParagraph(id, "Een."), lead.userId);
    await compactDocument(id);
    const t0 = new Date("2026-11-23T10:00:00Z");
    expect(await autoVersionIfDue(id, t0)).toBe(true);
    await appendUpdate(id, await typeParagraph(id, "Twee."), lead.userId);
    await compactDocument(id);
    expect(await autoVersionIfDue(id, new Date(t0.getTime() + 10 * 60_000))).toBe(false);
    expect(await autoVersionIfDue(id, new Date(t0.getTime() + 31 * 60_000))).toBe(true);
    // Nothing changed since the last snapshot: none is made.
    expect(await autoVersionIfDue(id, new Date(t0.getTime() + 70 * 60_000))).toBe(false);
    expect((await listVersions(lead, id))!.map((v) => v.kind)).toEqual(["auto", "auto"]);
  });

  it("threads comments with replies and resolve, and mails and notifies mentioned members once", async () => {
    const lead = await createMunicipalityWithLead("GM0050", "Zeewolde", "lead-docs-i@example.nl");
    const anna = await joinedMember(lead, "anna.devries@example.nl", "staff", "Anna de Vries");
    const jan = await joinedMember(lead, "jan@example.nl", "department_owner", "Jan");
    const janJansen = await joinedMember(lead, "jj@example.nl", "staff", "Jan Jansen");
    const outsider = await createMunicipalityWithLead("GM0080", "Harlingen", "lead-docs-j@example.nl");
    const [vision] = (await listDocuments(lead)).filter((d) => d.kind === "vision");
    const id = vision!.id;

    const thread = await createThread(anna, id, { body: "Klopt dit, @Jan Jansen? En @anna.devries zelf.", quote: "sturen op feiten" });
    if (!thread.ok) throw new Error(thread.error);
    expect((await replyToThread(jan, id, thread.threadId, "Ja, akkoord.")).ok).toBe(true);
    expect(await replyToThread(outsider, id, thread.threadId, "Ik ook")).toEqual({ ok: false, error: "not_found" });
    expect((await setThreadResolved(lead, id, thread.threadId, true)).ok).toBe(true);

    const threads = (await listThreads(lead, id))!;
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ quote: "sturen op feiten", authorName: "Anna de Vries", resolvedByName: lead.userName });
    expect(threads[0]!.replies.map((r) => [r.authorName, r.body])).toEqual([["Jan", "Ja, akkoord."]]);

    // "@Jan Jansen" mentions Jan Jansen, not Jan; the author mentioning herself gets nothing.
    const mails = await db().select().from(outbox).where(and(eq(outbox.template, "comment-mention")));
    expect(mails.map((m) => m.toAddress)).toEqual(["jj@example.nl"]);
    expect(mails[0]!.subject).toContain("Anna de Vries");
    expect(mails[0]!.text).toContain(`/g/GM0050/documenten/${id}#opmerking-${thread.threadId}`);
    expect((await listNotifications(janJansen)).map((n) => n.kind)).toEqual(["document.mention"]);
    expect(await listNotifications(jan)).toHaveLength(0);
  });

  it("archives free documents only, and an archived document is gone for everyone", async () => {
    const lead = await createMunicipalityWithLead("GM0060", "Ameland", "lead-docs-k@example.nl");
    const staff = await joinedMember(lead, "staff-docs-k@example.nl", "staff");
    const [mission] = (await listDocuments(lead)).filter((d) => d.kind === "mission");
    expect(await archiveDocument(lead, mission!.id)).toEqual({ ok: false, error: "standard_document" });
    const created = await createDocument(staff, { title: "Weg ermee", phaseNumber: 3 });
    if (!created.ok) throw new Error(created.error);
    expect(await archiveDocument(staff, created.id)).toEqual({ ok: false, error: "not_allowed" });
    expect(await archiveDocument(lead, created.id)).toEqual({ ok: true });
    expect(await getDocument(staff, created.id)).toBeNull();
    expect(await documentAccess(staff.userId, created.id)).toMatchObject({ writable: false, archived: true });
    // The title is free again.
    expect((await createDocument(staff, { title: "Weg ermee", phaseNumber: 3 })).ok).toBe(true);
  });
});
