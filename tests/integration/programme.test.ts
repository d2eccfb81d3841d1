import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "../../app/db.server";
import { listAuditEvents, verifyAuditChain } from "../../app/modules/audit/audit.server";
import type { Member } from "../../app/modules/auth/guards.server";
import type { Role } from "../../app/modules/auth/roles";
import { acceptInvitation, inviteMember } from "../../app/modules/members/members.server";
import { approveDocument, listDocuments } from "../../app/modules/documents/documents.server";
import { COMPUTED_CHECKS, GATE_TEMPLATES } from "../../app/modules/programme/gate-templates";
import {
  addCriterion,
  closeGate,
  loadProgramme,
  removeCriterion,
  reopenPhase,
  setCriterionChecked,
  startPhase,
  updatePhasePlan,
  type ProgrammeView,
} from "../../app/modules/programme/programme.server";
import { gateCriterion, phase as phaseTable } from "../../db/schema/index";
import type { PhaseNumber } from "../../workflows/phase-gate";
import { clearTransitionAnswer, loadTransitionAnswers } from "../../app/modules/strategy/transition.server";
import { useTestDatabase } from "./support/db";
import { meetStrategyCriteria } from "./support/strategy";
import { meetKpiCriteria } from "./support/kpi-definitions";
import { meetDeliveryCriteria } from "./support/timeliness-factories";
import { meetTrainingCriteria } from "./support/training-factories";
import { createMunicipalityWithLead, createVerifiedUser, memberOf } from "./support/factories";

useTestDatabase();

async function programmeOf(actor: Member): Promise<ProgrammeView> {
  const view = await loadProgramme(actor);
  if (!view) throw new Error(`no programme for ${actor.cbsCode}`);
  return view;
}

const statuses = async (actor: Member) => (await programmeOf(actor)).phases.map((p) => p.status);
const phaseOf = async (actor: Member, n: PhaseNumber) => (await programmeOf(actor)).phases.find((p) => p.number === n)!;

/** Documents whose approval meets a computed criterion. */
const APPROVALS: Record<string, string[]> = { "documents.vision_approved": ["mission", "vision"], "documents.rules_approved": ["rules_of_use"] };

/** Meet every criterion: tick the manual ones, produce the data the computed ones read. */
async function tickAll(actor: Member, n: PhaseNumber): Promise<void> {
  for (const c of (await phaseOf(actor, n)).criteria) {
    if (!c.computed) {
      expect(await setCriterionChecked(actor, c.id, true)).toEqual({ ok: true });
      continue;
    }
    if (c.computedKey!.startsWith("strategy.")) await meetStrategyCriteria(actor);
    if (c.computedKey!.startsWith("kpis.")) await meetKpiCriteria(actor);
    if (c.computedKey!.startsWith("agreements.") || c.computedKey!.startsWith("deliveries.")) await meetDeliveryCriteria(db(), actor.municipalityId);
    if (c.computedKey!.startsWith("training.")) await meetTrainingCriteria(db(), actor.municipalityId);
    const kinds = APPROVALS[c.computedKey!] ?? [];
    for (const d of await listDocuments(actor)) if (kinds.includes(d.kind) && d.status === "draft") expect((await approveDocument(actor, d.id)).ok).toBe(true);
    expect((await phaseOf(actor, n)).criteria.find((x) => x.id === c.id)?.met).toBe(true);
  }
}

const manualCriteria = async (actor: Member, n: PhaseNumber) => (await phaseOf(actor, n)).criteria.filter((c) => !c.computed);

/** Un-meets the computed "transition questions answered" criterion of phase 1 by clearing one answer. */
async function clearOneTransitionAnswer(actor: Member): Promise<void> {
  const q = (await loadTransitionAnswers(actor))!.questions.find((x) => x.answer !== "")!;
  expect(await clearTransitionAnswer(actor, { questionKey: q.key, version: q.version })).toMatchObject({ ok: true, changed: true });
}

async function events(actor: Member, action?: string) {
  const { events: all } = await listAuditEvents(db(), actor.municipalityId, { limit: 500 });
  return action ? all.filter((e) => e.action === action) : all;
}

async function joinedMember(lead: Member, email: string, role: Role): Promise<Member> {
  const invited = await inviteMember(lead, { email, role });
  if (!invited.ok) throw new Error(`invite failed: ${invited.error}`);
  const u = await createVerifiedUser(email);
  const accepted = await acceptInvitation({ userId: u.id, name: u.name, email: u.email }, invited.invitationId, "127.0.0.1");
  if (!accepted.ok) throw new Error(`accept failed: ${accepted.error}`);
  return memberOf(u.id, lead.cbsCode);
}

describe("programme and phase gates", () => {
  let amsterdam: Member;
  let utrecht: Member;

  it("gives a new municipality a programme of four phases, not started, with the model's criteria", async () => {
    amsterdam = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@amsterdam.test");
    utrecht = await createMunicipalityWithLead("GM0344", "Utrecht", "lead@utrecht.test");
    const view = await programmeOf(amsterdam);
    expect(view.name).toMatch(/^Koers \d{4}$/);
    expect(view.phases.map((p) => [p.number, p.status, p.startedAt, p.finishedAt, p.owner])).toEqual([
      [1, "not_started", null, null, null],
      [2, "not_started", null, null, null],
      [3, "not_started", null, null, null],
      [4, "not_started", null, null, null],
    ]);
    for (const p of view.phases) {
      expect(p.criteria.map((c) => [c.templateKey, c.computedKey, c.label, c.met, c.computed])).toEqual(
        GATE_TEMPLATES[p.number].map((t) => [t.key, t.computed ?? null, null, false, Boolean(t.computed && COMPUTED_CHECKS[t.computed])]),
      );
    }
    // Each municipality has its own criteria.
    const utrechtIds = (await programmeOf(utrecht)).phases.flatMap((p) => p.criteria.map((c) => c.id));
    const amsterdamIds = view.phases.flatMap((p) => p.criteria.map((c) => c.id));
    expect(utrechtIds).toHaveLength(amsterdamIds.length);
    expect(utrechtIds.filter((id) => amsterdamIds.includes(id))).toEqual([]);
  });

  it("starts phase 1 with an audit event; a second start or a start of phase 2 is refused", async () => {
    expect(await startPhase(amsterdam, 2)).toEqual({ ok: false, error: "previous_not_done" });
    expect(await startPhase(amsterdam, 1)).toEqual({ ok: true });
    expect(await startPhase(amsterdam, 1)).toEqual({ ok: false, error: "not_not_started" });
    const p1 = await phaseOf(amsterdam, 1);
    expect(p1.status).toBe("active");
    expect(p1.startedAt).toBeInstanceOf(Date);
    expect(p1.finishedAt).toBeNull();
    expect(await statuses(amsterdam)).toEqual(["active", "not_started", "not_started", "not_started"]);
    const started = await events(amsterdam, "phase.started");
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ objectType: "phase", objectId: p1.id, actorUserId: amsterdam.userId, origin: "127.0.0.1", details: { phase: 1 } });
  });

  it("ticks and unticks criteria with audit events; the gate stays shut while one is open", async () => {
    // Phase 1's criteria are all computed from real data; phase 2 has one ticked by hand.
    expect(await manualCriteria(amsterdam, 1)).toEqual([]);
    const [first] = await manualCriteria(amsterdam, 2);
    // A computed criterion cannot be ticked by hand.
    for (const computed of (await phaseOf(amsterdam, 1)).criteria) expect(await setCriterionChecked(amsterdam, computed.id, true)).toEqual({ ok: false, error: "computed" });
    expect(await setCriterionChecked(amsterdam, first!.id, true)).toEqual({ ok: true });
    let view = (await phaseOf(amsterdam, 2)).criteria.find((c) => c.id === first!.id)!;
    expect(view).toMatchObject({ met: true, checkedBy: amsterdam.userName });
    expect(view.checkedAt).toBeInstanceOf(Date);
    const [checked] = await events(amsterdam, "gate.criterion_checked");
    expect(checked).toMatchObject({ objectType: "gate_criterion", objectId: first!.id, details: { phase: 2, criterion: first!.templateKey } });

    // Ticking again changes nothing and writes no event.
    expect(await setCriterionChecked(amsterdam, first!.id, true)).toEqual({ ok: true });
    expect(await events(amsterdam, "gate.criterion_checked")).toHaveLength(1);

    expect(await setCriterionChecked(amsterdam, first!.id, false)).toEqual({ ok: true });
    view = (await phaseOf(amsterdam, 2)).criteria.find((c) => c.id === first!.id)!;
    expect(view).toMatchObject({ met: false, checkedAt: null, checkedBy: null });
    expect((await events(amsterdam, "gate.criterion_unchecked"))[0]).toMatchObject({ objectId: first!.id });

    await tickAll(amsterdam, 1);
    expect((await phaseOf(amsterdam, 1)).criteria.every((c) => c.met)).toBe(true);
    await clearOneTransitionAnswer(amsterdam);
    expect((await phaseOf(amsterdam, 1)).criteria.filter((c) => !c.met).map((c) => c.templateKey)).toEqual(["transitionQuestionsAnswered"]);
    expect(await closeGate(amsterdam, 1)).toEqual({ ok: false, error: "criteria_open" });
    expect(await statuses(amsterdam)).toEqual(["active", "not_started", "not_started", "not_started"]);
    expect(await events(amsterdam, "phase.gate_closed")).toEqual([]);
  });

  it("adds and removes criteria with audit events", async () => {
    expect(await addCriterion(amsterdam, 1, "Raad geïnformeerd")).toEqual({ ok: true });
    const added = (await phaseOf(amsterdam, 1)).criteria.at(-1)!;
    expect(added).toMatchObject({ label: "Raad geïnformeerd", templateKey: null, computedKey: null, met: false });
    expect((await events(amsterdam, "gate.criterion_added"))[0]).toMatchObject({ objectId: added.id, details: { phase: 1, name: "Raad geïnformeerd" } });
    // The new open criterion keeps the gate shut, also when everything else is met.
    await tickAll(amsterdam, 1);
    await setCriterionChecked(amsterdam, added.id, false);
    expect((await phaseOf(amsterdam, 1)).criteria.filter((c) => !c.met).map((c) => c.id)).toEqual([added.id]);
    expect(await closeGate(amsterdam, 1)).toEqual({ ok: false, error: "criteria_open" });

    expect(await removeCriterion(amsterdam, added.id)).toEqual({ ok: true });
    expect((await phaseOf(amsterdam, 1)).criteria.map((c) => c.id)).not.toContain(added.id);
    expect((await events(amsterdam, "gate.criterion_removed"))[0]).toMatchObject({ objectId: added.id, details: { phase: 1, name: "Raad geïnformeerd" } });
    expect(await removeCriterion(amsterdam, added.id)).toEqual({ ok: false, error: "not_found" });

    // A later phase may get criteria before it starts.
    expect(await addCriterion(amsterdam, 3, "Extra")).toEqual({ ok: true });
    const p3 = await phaseOf(amsterdam, 3);
    expect(p3.criteria.map((c) => c.label ?? c.templateKey)).toEqual([...GATE_TEMPLATES[3].map((t) => t.key), "Extra"]);
    expect(await removeCriterion(amsterdam, p3.criteria.at(-1)!.id)).toEqual({ ok: true });
  });

  it("closes the gate once every criterion is met: phase 1 done, phase 2 active, two audit events", async () => {
    expect((await phaseOf(amsterdam, 1)).criteria.every((c) => c.met)).toBe(true);
    const before = await phaseOf(amsterdam, 1);
    expect(await closeGate(amsterdam, 1)).toEqual({ ok: true });
    const [p1, p2, p3, p4] = (await programmeOf(amsterdam)).phases;
    expect(p1).toMatchObject({ status: "done", startedAt: before.startedAt });
    expect(p1!.finishedAt).toBeInstanceOf(Date);
    expect(p2!.status).toBe("active");
    expect(p2!.startedAt).toBeInstanceOf(Date);
    expect(p2!.finishedAt).toBeNull();
    expect([p3!.status, p4!.status]).toEqual(["not_started", "not_started"]);

    const [latest, previous] = await events(amsterdam);
    expect(previous).toMatchObject({ action: "phase.gate_closed", objectId: p1!.id, details: { phase: 1, criteria: 4 } });
    expect(latest).toMatchObject({ action: "phase.started", objectId: p2!.id, details: { phase: 2, after: "gate 1" } });
    expect(await closeGate(amsterdam, 1)).toEqual({ ok: false, error: "not_active" });
  });

  it("freezes the criteria of a finished phase", async () => {
    const p1 = await phaseOf(amsterdam, 1);
    const c = p1.criteria[0]!;
    expect(await setCriterionChecked(amsterdam, c.id, false)).toEqual({ ok: false, error: "phase_done" });
    expect(await removeCriterion(amsterdam, c.id)).toEqual({ ok: false, error: "phase_done" });
    expect(await addCriterion(amsterdam, 1, "Te laat")).toEqual({ ok: false, error: "phase_done" });
    expect((await phaseOf(amsterdam, 1)).criteria).toEqual(p1.criteria);
  });

  it("reopens phase 1 with a reason: phase 1 active again, phase 2 back to not started", async () => {
    expect(await reopenPhase(amsterdam, 1, "  ")).toEqual({ ok: false, error: "reason_required" });
    expect(await reopenPhase(amsterdam, 2, "Niet klaar")).toEqual({ ok: false, error: "not_done" });
    const before = await programmeOf(amsterdam);
    expect(await reopenPhase(amsterdam, 1, "  Visie moet opnieuw langs de raad  ")).toEqual({ ok: true });
    const [p1, p2] = (await programmeOf(amsterdam)).phases;
    expect(p1).toMatchObject({ status: "active", startedAt: before.phases[0]!.startedAt, finishedAt: null });
    expect(p2).toMatchObject({ status: "not_started", startedAt: null, finishedAt: null });
    expect(await statuses(amsterdam)).toEqual(["active", "not_started", "not_started", "not_started"]);

    const [reset, reopened] = await events(amsterdam);
    expect(reopened).toMatchObject({ action: "phase.reopened", objectId: p1!.id, actorUserId: amsterdam.userId, details: { phase: 1, reason: "Visie moet opnieuw langs de raad" } });
    expect(reset).toMatchObject({ action: "phase.reset", objectId: p2!.id, details: { phase: 2, because: "phase 1 reopened" } });

    // The reopened phase's criteria can be changed again; closing it again starts phase 2 anew.
    expect(await addCriterion(amsterdam, 1, "Raad opnieuw geïnformeerd")).toEqual({ ok: true });
    const manual = (await manualCriteria(amsterdam, 1))[0]!;
    expect(await closeGate(amsterdam, 1)).toEqual({ ok: false, error: "criteria_open" });
    expect(await setCriterionChecked(amsterdam, manual.id, true)).toEqual({ ok: true });
    expect(await closeGate(amsterdam, 1)).toEqual({ ok: true });
    expect(await statuses(amsterdam)).toEqual(["done", "active", "not_started", "not_started"]);
  });

  it("refuses to reopen a phase when a later phase is done", async () => {
    await tickAll(amsterdam, 2);
    expect(await closeGate(amsterdam, 2)).toEqual({ ok: true });
    expect(await reopenPhase(amsterdam, 1, "Te vroeg gesloten")).toEqual({ ok: false, error: "later_phase_done" });
    expect(await statuses(amsterdam)).toEqual(["done", "done", "active", "not_started"]);
  });

  it("plans a phase: dates and an owner who must be a member, with an audit event", async () => {
    const plan = { plannedStart: "2026-01-05", plannedEnd: "2026-03-31", ownerUserId: amsterdam.userId };
    expect(await updatePhasePlan(amsterdam, 3, plan)).toEqual({ ok: true });
    const p3 = await phaseOf(amsterdam, 3);
    expect(p3).toMatchObject({ plannedStart: "2026-01-05", plannedEnd: "2026-03-31", owner: { id: amsterdam.userId, name: amsterdam.userName } });
    const [changed] = await events(amsterdam, "phase.plan_changed");
    expect(changed).toMatchObject({ objectId: p3.id, details: { phase: 3, before: { plannedStart: null, plannedEnd: null, ownerUserId: null }, after: plan } });

    // Saving the same plan writes nothing.
    expect(await updatePhasePlan(amsterdam, 3, plan)).toEqual({ ok: true });
    expect(await events(amsterdam, "phase.plan_changed")).toHaveLength(1);

    // Someone from another municipality, or no user at all, cannot own the phase.
    expect(await updatePhasePlan(amsterdam, 3, { ...plan, ownerUserId: utrecht.userId })).toEqual({ ok: false, error: "owner_not_member" });
    expect(await updatePhasePlan(amsterdam, 3, { ...plan, ownerUserId: crypto.randomUUID() })).toEqual({ ok: false, error: "owner_not_member" });
    expect((await phaseOf(amsterdam, 3)).owner).toEqual({ id: amsterdam.userId, name: amsterdam.userName });

    expect(await updatePhasePlan(amsterdam, 3, { plannedStart: null, plannedEnd: null, ownerUserId: null })).toEqual({ ok: true });
    expect(await phaseOf(amsterdam, 3)).toMatchObject({ plannedStart: null, plannedEnd: null, owner: null });
    expect(await events(amsterdam, "phase.plan_changed")).toHaveLength(2);
  });

  it("refuses every transition to members who are not programme lead", async () => {
    await tickAll(amsterdam, 3);
    const before = await programmeOf(amsterdam);
    const phaseEvents = async () => (await events(amsterdam)).filter((e) => e.action.startsWith("phase.")).length;
    const phaseEventsBefore = await phaseEvents();
    for (const role of ["department_owner", "staff", "trainer", "viewer"] as const) {
      const colleague = await joinedMember(amsterdam, `${role}@amsterdam.test`, role);
      expect(colleague.role).toBe(role);
      expect(await closeGate(colleague, 3)).toEqual({ ok: false, error: "not_allowed" });
      expect(await reopenPhase(colleague, 2, "Wil opnieuw")).toEqual({ ok: false, error: "not_allowed" });
      expect(await startPhase(colleague, 4)).toEqual({ ok: false, error: "not_allowed" });
      const criterion = (await phaseOf(amsterdam, 3)).criteria[0]!;
      expect(await setCriterionChecked(colleague, criterion.id, false)).toEqual({ ok: false, error: "not_allowed" });
      expect(await removeCriterion(colleague, criterion.id)).toEqual({ ok: false, error: "not_allowed" });
      expect(await addCriterion(colleague, 3, "Zelf verzonnen")).toEqual({ ok: false, error: "not_allowed" });
      expect(await updatePhasePlan(colleague, 3, { plannedStart: null, plannedEnd: null, ownerUserId: colleague.userId })).toEqual({ ok: false, error: "not_allowed" });
    }
    expect(await programmeOf(amsterdam)).toEqual(before);
    expect(await phaseEvents()).toBe(phaseEventsBefore);
  });

  it("keeps municipalities apart: Amsterdam's lead cannot see, tick or remove Utrecht's criteria", async () => {
    expect(await startPhase(utrecht, 1)).toEqual({ ok: true });
    const utrechtBefore = await programmeOf(utrecht);
    const theirs = utrechtBefore.phases[0]!.criteria[0]!;

    const amsterdamView = await programmeOf(amsterdam);
    expect(amsterdamView.id).not.toBe(utrechtBefore.id);
    expect(amsterdamView.phases.flatMap((p) => p.criteria.map((c) => c.id))).not.toContain(theirs.id);

    expect(await setCriterionChecked(amsterdam, theirs.id, true)).toEqual({ ok: false, error: "not_found" });
    expect(await removeCriterion(amsterdam, theirs.id)).toEqual({ ok: false, error: "not_found" });
    const [row] = await db().select().from(gateCriterion).where(eq(gateCriterion.id, theirs.id));
    expect(row).toMatchObject({ checked: false, checkedByUserId: null });

    // Amsterdam's transitions touch only Amsterdam's phases.
    expect(await closeGate(amsterdam, 3)).toEqual({ ok: true });
    expect(await programmeOf(utrecht)).toEqual(utrechtBefore);
    expect(await statuses(utrecht)).toEqual(["active", "not_started", "not_started", "not_started"]);
    const utrechtActions = (await events(utrecht)).map((e) => e.action);
    expect(utrechtActions.filter((a) => a.startsWith("gate."))).toEqual([]);
    const utrechtPhaseIds = utrechtBefore.phases.map((p) => p.id);
    const amsterdamEventsOnUtrecht = (await events(amsterdam)).filter((e) => e.objectId && (utrechtPhaseIds.includes(e.objectId) || e.objectId === theirs.id));
    expect(amsterdamEventsOnUtrecht).toEqual([]);
  });

  it("closes phase 4 and finishes the programme, starting nothing", async () => {
    await tickAll(amsterdam, 4);
    expect(await closeGate(amsterdam, 4)).toEqual({ ok: true });
    expect(await statuses(amsterdam)).toEqual(["done", "done", "done", "done"]);
    expect((await events(amsterdam))[0]).toMatchObject({ action: "phase.gate_closed", details: { phase: 4, criteria: 3 } });
    expect(await startPhase(amsterdam, 1)).toEqual({ ok: false, error: "not_not_started" });
  });

  it("lets exactly one of ten concurrent gate closings through", async () => {
    const rotterdam = await createMunicipalityWithLead("GM0599", "Rotterdam", "lead@rotterdam.test");
    expect(await startPhase(rotterdam, 1)).toEqual({ ok: true });
    await tickAll(rotterdam, 1);

    const outcomes = await Promise.all(Array.from({ length: 10 }, () => closeGate(rotterdam, 1)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual(Array.from({ length: 9 }, () => ({ ok: false, error: "not_active" })));

    expect(await statuses(rotterdam)).toEqual(["done", "active", "not_started", "not_started"]);
    const phases = await db().select().from(phaseTable).where(eq(phaseTable.municipalityId, rotterdam.municipalityId));
    expect(phases.filter((p) => p.status === "active").map((p) => p.number)).toEqual([2]);
    expect(await events(rotterdam, "phase.gate_closed")).toHaveLength(1);
    expect((await events(rotterdam, "phase.started")).map((e) => (e.details as { phase: number }).phase)).toEqual([2, 1]);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it("never closes a gate over a criterion that is unticked, added or un-met at the same moment", async () => {
    const groningen = await createMunicipalityWithLead("GM0014", "Groningen", "lead@groningen.test");
    expect(await startPhase(groningen, 1)).toEqual({ ok: true });
    // Phase 1's own criteria are computed; one ticked by hand to race against.
    expect(await addCriterion(groningen, 1, "Stuurgroep geïnformeerd")).toEqual({ ok: true });
    for (let round = 0; round < 8; round++) {
      await tickAll(groningen, 1);
      const [c] = await manualCriteria(groningen, 1);
      const answer = (await loadTransitionAnswers(groningen))!.questions[round % 5]!;
      const [closed, unticked, added, cleared] = await Promise.all([
        closeGate(groningen, 1),
        setCriterionChecked(groningen, c!.id, false),
        addCriterion(groningen, 1, `Ronde ${round}`),
        clearTransitionAnswer(groningen, { questionKey: answer.key, version: answer.version }),
      ]);
      const p1 = await phaseOf(groningen, 1);
      if (closed.ok) {
        // Whatever came after the closing was refused; the finished phase has only met criteria.
        expect(p1.status).toBe("done");
        expect(p1.criteria.filter((x) => !x.met)).toEqual([]);
        expect([unticked, added, cleared]).toEqual([
          { ok: false, error: "phase_done" },
          { ok: false, error: "phase_done" },
          { ok: false, error: "phaseDone" },
        ]);
        expect(await reopenPhase(groningen, 1, `ronde ${round}`)).toEqual({ ok: true });
      } else {
        expect(closed).toEqual({ ok: false, error: "criteria_open" });
        expect(p1.status).toBe("active");
        expect([unticked, added]).toEqual([{ ok: true }, { ok: true }]);
        expect(cleared).toMatchObject({ ok: true, changed: true });
      }
      // Tidy up the criteria added in this round.
      for (const x of (await phaseOf(groningen, 1)).criteria.filter((x) => x.label?.startsWith("Ronde"))) await removeCriterion(groningen, x.id);
    }
    expect(await statuses(groningen)).toEqual(["active", "not_started", "not_started", "not_started"]);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

});
