// Transition questions of phase 1: saving with an audit event, a save over a teammate's newer answer
// refused with both texts kept, explicit clearing, other phases and roles refused, municipalities apart.
import type { AppLoadContext } from "@remix-run/node";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { listAuditEvents, verifyAuditChain } from "../../app/modules/audit/audit.server";
import type { Member } from "../../app/modules/auth/guards.server";
import type { Role } from "../../app/modules/auth/roles";
import { acceptInvitation, inviteMember } from "../../app/modules/members/members.server";
import { closeGate, startPhase } from "../../app/modules/programme/programme.server";
import { TRANSITION_QUESTION_KEYS } from "../../app/modules/strategy/transition-schema";
import { clearTransitionAnswer, loadTransitionAnswers, saveTransitionAnswer } from "../../app/modules/strategy/transition.server";
import { action, loader } from "../../app/routes/municipality/transition-questions";
import { auditEvent, phase as phaseTable, transitionAnswer } from "../../db/schema/index";
import { useTestDatabase } from "./support/db";
import { contextFor } from "./support/context";
import { createMunicipalityWithLead, createVerifiedUser, memberOf } from "./support/factories";

useTestDatabase();

let lead: Member;
let staff: Member;
let owner: Member;
let trainer: Member;
let viewer: Member;
let otherLead: Member;

async function joinedMember(by: Member, email: string, role: Role): Promise<Member> {
  const invited = await inviteMember(by, { email, role });
  if (!invited.ok) throw new Error(`invite failed: ${invited.error}`);
  const u = await createVerifiedUser(email, email.split("@")[0]!.replace(/^./, (c) => c.toUpperCase()));
  const accepted = await acceptInvitation({ userId: u.id, name: u.name, email: u.email }, invited.invitationId, "127.0.0.1");
  if (!accepted.ok) throw new Error(`accept failed: ${accepted.error}`);
  return memberOf(u.id, by.cbsCode);
}

async function eventsOf(m: Member, action?: string) {
  const { events } = await listAuditEvents(db(), m.municipalityId, { limit: 500 });
  return action ? events.filter((e) => e.action === action) : events;
}

async function auditCount(): Promise<number> {
  const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(auditEvent);
  return row!.n;
}

async function answerOf(m: Member, key: string) {
  const view = await loadTransitionAnswers(m);
  return view!.questions.find((q) => q.key === key)!;
}


/** Runs the route's loader as `m` for `/g/<code>/fase/<phase>/transitievragen`; a thrown Response is returned. */
async function load(m: Member, code: string, phase: string) {
  try {
    return await loader({ request: new Request(`http://localhost/g/${code}/fase/${phase}/transitievragen`), context: contextFor(m), params: { code, phase } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

interface ActionReply {
  data: { formId: string; result: { status?: string; initialValue?: Record<string, unknown> | null; error?: Record<string, string[] | null> | null }; version: number | null; notice: unknown; conflict: { answer: string; version: number; updatedByName: string | null } | null };
  init: { status?: number } | null;
}

/** Posts a form to the route's action as `m`; a thrown Response is returned. */
async function post(m: Member, code: string, phase: string, form: Record<string, string>): Promise<ActionReply | Response> {
  const request = new Request(`http://localhost/g/${code}/fase/${phase}/transitievragen`, { method: "POST", body: new URLSearchParams(form) });
  try {
    return (await action({ request, context: contextFor(m), params: { code, phase } })) as unknown as ActionReply;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function statusOf(outcome: ActionReply | Response): number {
  return outcome instanceof Response ? outcome.status : (outcome.init?.status ?? 200);
}

beforeAll(async () => {
  lead = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@amsterdam.test");
  staff = await joinedMember(lead, "sanne@amsterdam.test", "staff");
  owner = await joinedMember(lead, "jan@amsterdam.test", "department_owner");
  trainer = await joinedMember(lead, "pieter@amsterdam.test", "trainer");
  viewer = await joinedMember(lead, "ingrid@amsterdam.test", "viewer");
  otherLead = await createMunicipalityWithLead("GM0344", "Utrecht", "lead@utrecht.test");
});

describe("transition questions", () => {
  it("starts with five unanswered questions of phase 1", async () => {
    const view = await loadTransitionAnswers(lead);
    expect(view).toMatchObject({ phaseStatus: "not_started", answered: 0, total: 5 });
    expect(view!.questions.map((q) => [q.key, q.answer, q.version, q.updatedBy])).toEqual(TRANSITION_QUESTION_KEYS.map((k) => [k, "", 0, null]));
    // Only phase 1 has them.
    for (const n of [2, 3, 4]) expect(await loadTransitionAnswers(lead, n)).toBeNull();
  });

  it("saves an answer with who and when, and an audit event with before and after", async () => {
    const text = "Eerst De veilige stad en De bereikbare stad:\r\ndaar zijn de gegevens op orde.";
    const outcome = await saveTransitionAnswer(staff, { questionKey: "domains_first", answer: `  ${text}  `, version: 0 });
    expect(outcome).toEqual({ ok: true, version: 1, changed: true });
    const stored = "Eerst De veilige stad en De bereikbare stad:\ndaar zijn de gegevens op orde.";
    const q = await answerOf(lead, "domains_first");
    expect(q).toMatchObject({ answer: stored, version: 1, updatedBy: { userId: staff.userId, name: staff.userName } });
    expect(q.updatedAt).toBeInstanceOf(Date);
    expect((await loadTransitionAnswers(lead))!.answered).toBe(1);

    const [event] = await eventsOf(lead, "transition.answer_saved");
    expect(event).toMatchObject({
      actorUserId: staff.userId,
      objectType: "transition_answer",
      origin: "127.0.0.1",
      details: { phase: 1, question: "domains_first", before: null, after: { answer: stored, version: 1 } },
    });

    // The same text again changes nothing and writes no event.
    const before = await auditCount();
    expect(await saveTransitionAnswer(staff, { questionKey: "domains_first", answer: stored, version: 1 })).toEqual({ ok: true, version: 1, changed: false });
    expect(await auditCount()).toBe(before);

    // A department owner may answer too; the second save records the text it replaced.
    expect(await saveTransitionAnswer(owner, { questionKey: "domains_first", answer: "Alleen De veilige stad.", version: 1 })).toEqual({ ok: true, version: 2, changed: true });
    const [second] = await eventsOf(lead, "transition.answer_saved");
    expect(second).toMatchObject({ actorUserId: owner.userId, details: { before: { answer: stored, version: 1 }, after: { answer: "Alleen De veilige stad.", version: 2 } } });
  });

  it("saving one question never touches another", async () => {
    expect(await saveTransitionAnswer(lead, { questionKey: "readiness", answer: "Het college staat erachter; de teams twijfelen.", version: 0 })).toMatchObject({ ok: true, version: 1 });
    expect(await answerOf(lead, "domains_first")).toMatchObject({ answer: "Alleen De veilige stad.", version: 2, updatedBy: { userId: owner.userId } });
    expect(await answerOf(lead, "readiness")).toMatchObject({ answer: "Het college staat erachter; de teams twijfelen.", version: 1, updatedBy: { userId: lead.userId } });
  });

  it("refuses a save over a teammate's newer answer and returns their text; nothing is written", async () => {
    const events = await auditCount();
    // The lead opened the form at version 1; the owner has saved version 2 since.
    const outcome = await saveTransitionAnswer(lead, { questionKey: "domains_first", answer: "Mijn eigen voorstel", version: 1 });
    expect(outcome).toEqual({ ok: false, error: "conflict", current: { answer: "Alleen De veilige stad.", version: 2, updatedByName: owner.userName, updatedAt: expect.any(Date) } });
    expect(await answerOf(lead, "domains_first")).toMatchObject({ answer: "Alleen De veilige stad.", version: 2 });
    expect(await auditCount()).toBe(events);

    // Having seen their text, the lead saves from version 2 on purpose.
    expect(await saveTransitionAnswer(lead, { questionKey: "domains_first", answer: "Alleen De veilige stad, daarna De bereikbare stad.", version: 2 })).toEqual({ ok: true, version: 3, changed: true });
  });

  it("lets exactly one of two first answers to the same question win; the other sees it", async () => {
    const [a, b] = await Promise.all([
      saveTransitionAnswer(staff, { questionKey: "culture", answer: "Leren in plaats van afrekenen.", version: 0 }),
      saveTransitionAnswer(owner, { questionKey: "culture", answer: "Open over tegenvallers.", version: 0 }),
    ]);
    const won = [a, b].filter((o) => o.ok);
    const lost = [a, b].filter((o) => !o.ok);
    expect(won).toEqual([{ ok: true, version: 1, changed: true }]);
    expect(lost).toHaveLength(1);
    const stored = await answerOf(lead, "culture");
    expect(lost[0]).toMatchObject({ ok: false, error: "conflict", current: { answer: stored.answer, version: 1 } });
    const rows = await db().select().from(transitionAnswer).where(and(eq(transitionAnswer.municipalityId, lead.municipalityId), eq(transitionAnswer.questionKey, "culture")));
    expect(rows).toHaveLength(1);
  });

  it("clears an answer on purpose, with the version check and an audit event", async () => {
    const current = await answerOf(lead, "readiness");
    expect(await clearTransitionAnswer(staff, { questionKey: "readiness", version: 0 })).toMatchObject({ ok: false, error: "conflict", current: { answer: current.answer, version: 1 } });
    expect(await clearTransitionAnswer(staff, { questionKey: "readiness", version: 1 })).toEqual({ ok: true, version: 2, changed: true });
    const cleared = await answerOf(lead, "readiness");
    expect(cleared).toMatchObject({ answer: "", version: 2, updatedBy: { userId: staff.userId } });
    const [event] = await eventsOf(lead, "transition.answer_cleared");
    expect(event).toMatchObject({ actorUserId: staff.userId, details: { question: "readiness", before: { answer: current.answer, version: 1 }, after: { answer: "", version: 2 } } });
    // A cleared answer does not count; clearing again changes nothing.
    expect((await loadTransitionAnswers(lead))!.answered).toBe(2);
    expect(await clearTransitionAnswer(staff, { questionKey: "readiness", version: 2 })).toEqual({ ok: true, version: 2, changed: false });
    // Clearing a question never answered changes nothing either.
    expect(await clearTransitionAnswer(staff, { questionKey: "expertise", version: 0 })).toEqual({ ok: true, version: 0, changed: false });
  });

  it("validates: an answer is required, at most 5000 characters, for a known question", async () => {
    await expect(saveTransitionAnswer(staff, { questionKey: "expertise", answer: "   ", version: 0 })).rejects.toThrow();
    await expect(saveTransitionAnswer(staff, { questionKey: "expertise", answer: "x".repeat(5001), version: 0 })).rejects.toThrow();
    expect(await saveTransitionAnswer(staff, { questionKey: "expertise", answer: "x".repeat(5000), version: 0 })).toMatchObject({ ok: true });
    expect(await saveTransitionAnswer(staff, { questionKey: "vision", answer: "Iets", version: 0 })).toEqual({ ok: false, error: "unknownQuestion" });
  });

  it("refuses trainers and viewers, who may only read", async () => {
    const events = await auditCount();
    for (const m of [trainer, viewer]) {
      expect(await saveTransitionAnswer(m, { questionKey: "data_ict", answer: "Niet toegestaan", version: 0 })).toEqual({ ok: false, error: "notAllowed" });
      expect(await clearTransitionAnswer(m, { questionKey: "domains_first", version: 3 })).toEqual({ ok: false, error: "notAllowed" });
      expect((await loadTransitionAnswers(m))!.questions.find((q) => q.key === "domains_first")!.answer).toBe("Alleen De veilige stad, daarna De bereikbare stad.");
    }
    expect(await answerOf(lead, "data_ict")).toMatchObject({ answer: "", version: 0 });
    expect(await auditCount()).toBe(events);
  });

  it("keeps municipalities apart: Utrecht reads and writes only its own answers", async () => {
    const utrecht = await loadTransitionAnswers(otherLead);
    expect(utrecht!.answered).toBe(0);
    expect(utrecht!.questions.every((q) => q.answer === "" && q.version === 0)).toBe(true);
    expect(await saveTransitionAnswer(otherLead, { questionKey: "domains_first", answer: "Utrechts antwoord", version: 0 })).toEqual({ ok: true, version: 1, changed: true });
    expect(await answerOf(lead, "domains_first")).toMatchObject({ answer: "Alleen De veilige stad, daarna De bereikbare stad.", version: 3 });
    expect(await answerOf(otherLead, "domains_first")).toMatchObject({ answer: "Utrechts antwoord", version: 1 });
    expect((await eventsOf(otherLead)).filter((e) => e.action.startsWith("transition."))).toHaveLength(1);
  });

  it("freezes the answers once phase 1 is done", async () => {
    const utrechtPhase = await db().select().from(phaseTable).where(and(eq(phaseTable.municipalityId, otherLead.municipalityId), eq(phaseTable.number, 1)));
    await db().update(phaseTable).set({ status: "done" }).where(eq(phaseTable.id, utrechtPhase[0]!.id));
    expect(await saveTransitionAnswer(otherLead, { questionKey: "domains_first", answer: "Later gewijzigd", version: 1 })).toEqual({ ok: false, error: "phaseDone" });
    expect(await clearTransitionAnswer(otherLead, { questionKey: "domains_first", version: 1 })).toEqual({ ok: false, error: "phaseDone" });
    expect(await answerOf(otherLead, "domains_first")).toMatchObject({ answer: "Utrechts antwoord", version: 1 });
    await db().update(phaseTable).set({ status: "not_started" }).where(eq(phaseTable.id, utrechtPhase[0]!.id));
  });

  it("keeps the audit chain intact", async () => {
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});

describe("transition questions page (loader and action)", () => {
  it("shows phase 1's answers to every member, and 404 for other phases", async () => {
    const page = (await load(viewer, "GM0363", "1")) as Exclude<Awaited<ReturnType<typeof load>>, Response>;
    expect(page).toMatchObject({ n: 1, canEdit: false, answered: 3, total: 5 });
    expect(((await load(staff, "GM0363", "1")) as { canEdit: boolean }).canEdit).toBe(true);
    for (const phase of ["2", "3", "4", "5", "x"]) expect(statusOf((await load(lead, "GM0363", phase)) as Response)).toBe(404);
    for (const phase of ["2", "4"]) expect(statusOf(await post(lead, "GM0363", phase, { intent: "saveAnswer", questionKey: "data_ict", version: "0", answer: "Fase 2" }))).toBe(404);
  });

  it("gives a member of another municipality 404 for reading and writing", async () => {
    expect(statusOf((await load(otherLead, "GM0363", "1")) as Response)).toBe(404);
    const outcome = await post(otherLead, "GM0363", "1", { intent: "saveAnswer", questionKey: "data_ict", version: "0", answer: "Van Utrecht" });
    expect(statusOf(outcome)).toBe(404);
    expect(await answerOf(lead, "data_ict")).toMatchObject({ answer: "", version: 0 });
  });

  it("refuses a viewer's or trainer's post with 403", async () => {
    for (const m of [viewer, trainer]) {
      expect(statusOf(await post(m, "GM0363", "1", { intent: "saveAnswer", questionKey: "data_ict", version: "0", answer: "Mag niet" }))).toBe(403);
      expect(statusOf(await post(m, "GM0363", "1", { intent: "clearAnswer", questionKey: "domains_first", version: "3" }))).toBe(403);
    }
    expect(await answerOf(lead, "data_ict")).toMatchObject({ answer: "", version: 0 });
  });

  it("saves through the form, and shows a Dutch error for an empty answer", async () => {
    const empty = (await post(staff, "GM0363", "1", { intent: "saveAnswer", questionKey: "data_ict", version: "0", answer: "  " })) as ActionReply;
    expect(statusOf(empty)).toBe(400);
    expect(empty.data.result.error?.answer).toEqual(["transition.errors.answerRequired"]);
    const unknown = (await post(staff, "GM0363", "1", { intent: "saveAnswer", questionKey: "vision", version: "0", answer: "Iets" })) as ActionReply;
    expect(statusOf(unknown)).toBe(400);
    expect(unknown.data.result.error?.questionKey).toEqual(["transition.errors.unknownQuestion"]);
    expect(statusOf(await post(staff, "GM0363", "1", { intent: "dropTable", questionKey: "data_ict", version: "0" }))).toBe(400);
    const saved = (await post(staff, "GM0363", "1", { intent: "saveAnswer", questionKey: "data_ict", version: "0", answer: "Zaaksysteem en BAG koppelen." })) as ActionReply;
    expect(statusOf(saved)).toBe(200);
    expect(saved.data).toMatchObject({ formId: "saveAnswer-data_ict", version: 1, conflict: null, notice: { key: "transition.notices.saved" } });
  });

  it("on a conflict keeps the user's own text in the form and returns the teammate's beside it", async () => {
    const before = await answerOf(lead, "data_ict");
    const reply = (await post(lead, "GM0363", "1", { intent: "saveAnswer", questionKey: "data_ict", version: "0", answer: "Mijn tekst over ICT" })) as ActionReply;
    expect(statusOf(reply)).toBe(409);
    expect(reply.data.result.initialValue).toMatchObject({ answer: "Mijn tekst over ICT" });
    expect(reply.data.conflict).toMatchObject({ answer: "Zaaksysteem en BAG koppelen.", version: 1, updatedByName: staff.userName });
    // The form continues from the teammate's version, so saving again is a conscious overwrite.
    expect(reply.data.version).toBe(1);
    expect(await answerOf(lead, "data_ict")).toEqual(before);
  });

  it("refuses a changed answer of a finished phase with a Dutch message", async () => {
    await startPhase(lead, 1);
    const p = await db().select().from(phaseTable).where(and(eq(phaseTable.municipalityId, lead.municipalityId), eq(phaseTable.number, 1)));
    await db().update(phaseTable).set({ status: "done" }).where(eq(phaseTable.id, p[0]!.id));
    const reply = (await post(lead, "GM0363", "1", { intent: "saveAnswer", questionKey: "data_ict", version: "1", answer: "Na afronding" })) as ActionReply;
    expect(statusOf(reply)).toBe(409);
    expect(reply.data.result.error?.[""]?.[0]).toContain("Fase 1 is afgerond");
    await db().update(phaseTable).set({ status: "active" }).where(eq(phaseTable.id, p[0]!.id));
    expect(await closeGate(lead, 1)).toEqual({ ok: false, error: "criteria_open" });
  });
});
