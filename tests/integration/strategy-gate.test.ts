// Phase 1's computed gate criteria from the strategy tables: each goes from not met to met with
// real rows, retired rows do not count, another municipality's rows never count, and the backfill
// of old "transition questions answered" criteria is idempotent. Also the phase-1 page summary.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { listAuditEvents } from "../../app/modules/audit/audit.server";
import type { Member } from "../../app/modules/auth/guards.server";
import { COMPUTED_CHECKS, GATE_TEMPLATES } from "../../app/modules/programme/gate-templates";
import { loadProgramme } from "../../app/modules/programme/programme.server";
import { backfillTransitionCriterion, POLICY_MAPS_COMPLETE, QUICKSCAN_DONE, strategyGateChecks, TRANSITION_ANSWERED } from "../../app/modules/strategy/gate-checks.server";
import { loadPhaseOneSummary } from "../../app/modules/strategy/phase-one-summary.server";
import { TRANSITION_QUESTION_KEYS } from "../../app/modules/strategy/transition-schema";
import { clearTransitionAnswer, loadTransitionAnswers, saveTransitionAnswer } from "../../app/modules/strategy/transition.server";
import { auditEvent, focusArea, gateCriterion, phase as phaseTable, scanResponse, scanRound, strategicGoal, successFactor, transitionAnswer } from "../../db/schema/index";
import { useTestDatabase } from "./support/db";
import { createMunicipalityWithLead, createVerifiedUser } from "./support/factories";
import { addFocusArea, addScanRound, addSubmittedResponses } from "./support/strategy";

useTestDatabase();

let amsterdam: Member;
let utrecht: Member;

const check = (key: string, m: Member) => strategyGateChecks[key]!(m.municipalityId, db());

/** Phase 1's criterion for a template key as the programme view computes it. */
async function criterion(m: Member, templateKey: string) {
  const view = await loadProgramme(m);
  return view!.phases[0]!.criteria.find((c) => c.templateKey === templateKey)!;
}

const retire = { retiredAt: new Date() };

beforeAll(async () => {
  amsterdam = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@amsterdam.test");
  utrecht = await createMunicipalityWithLead("GM0344", "Utrecht", "lead@utrecht.test");
});

describe("phase 1 gate template", () => {
  it("computes all four criteria of phase 1 and registers the three strategy checks", () => {
    expect(GATE_TEMPLATES[1]).toEqual([
      { key: "visionApproved", computed: "documents.vision_approved" },
      { key: "quickscanDone", computed: QUICKSCAN_DONE },
      { key: "policyMapsSet", computed: POLICY_MAPS_COMPLETE },
      { key: "transitionQuestionsAnswered", computed: TRANSITION_ANSWERED },
    ]);
    for (const key of [POLICY_MAPS_COMPLETE, QUICKSCAN_DONE, TRANSITION_ANSWERED]) expect(COMPUTED_CHECKS[key]).toBe(strategyGateChecks[key]);
  });
});

describe("strategy.policy_maps_complete", () => {
  it("needs a chosen area, and every chosen area a goal with a success factor", async () => {
    expect(await check(POLICY_MAPS_COMPLETE, amsterdam)).toBe(false);
    expect(await criterion(amsterdam, "policyMapsSet")).toMatchObject({ computed: true, met: false });

    // A complete map of an area that is not chosen does not count.
    await addFocusArea(amsterdam, { name: "Het groene dorp", chosen: false });
    expect(await check(POLICY_MAPS_COMPLETE, amsterdam)).toBe(false);

    // A chosen area: no goal, then a goal without factor, then with one.
    const { areaId } = await addFocusArea(amsterdam, { name: "De veilige stad", goal: false });
    expect(await check(POLICY_MAPS_COMPLETE, amsterdam)).toBe(false);
    const goalId = crypto.randomUUID();
    await db().insert(strategicGoal).values({ id: goalId, municipalityId: amsterdam.municipalityId, focusAreaId: areaId, title: "Minder inbraken", position: 0 });
    expect(await check(POLICY_MAPS_COMPLETE, amsterdam)).toBe(false);
    const factorId = crypto.randomUUID();
    await db().insert(successFactor).values({ id: factorId, municipalityId: amsterdam.municipalityId, goalId, title: "Buurtpreventie", position: 0 });
    expect(await check(POLICY_MAPS_COMPLETE, amsterdam)).toBe(true);
    expect(await criterion(amsterdam, "policyMapsSet")).toMatchObject({ computed: true, met: true });
    expect((await loadPhaseOneSummary(amsterdam)).focusAreas).toEqual({ chosen: 1, complete: 1 });

    // A second chosen area without a map makes it incomplete again.
    const second = await addFocusArea(amsterdam, { name: "De bereikbare stad", goal: false });
    expect(await check(POLICY_MAPS_COMPLETE, amsterdam)).toBe(false);
    expect((await loadPhaseOneSummary(amsterdam)).focusAreas).toEqual({ chosen: 2, complete: 1 });
    // Retiring that area takes it out of the count.
    await db().update(focusArea).set(retire).where(eq(focusArea.id, second.areaId));
    expect(await check(POLICY_MAPS_COMPLETE, amsterdam)).toBe(true);
    expect((await loadPhaseOneSummary(amsterdam)).focusAreas).toEqual({ chosen: 1, complete: 1 });
  });

  it("does not count retired success factors or goals", async () => {
    const [area] = await db().select().from(focusArea).where(and(eq(focusArea.municipalityId, amsterdam.municipalityId), eq(focusArea.name, "De veilige stad")));
    const [goal] = await db().select().from(strategicGoal).where(eq(strategicGoal.focusAreaId, area!.id));
    await db().update(successFactor).set(retire).where(eq(successFactor.goalId, goal!.id));
    expect(await check(POLICY_MAPS_COMPLETE, amsterdam)).toBe(false);
    expect((await loadPhaseOneSummary(amsterdam)).focusAreas).toEqual({ chosen: 1, complete: 0 });

    // A live factor under a retired goal does not count either.
    await db().insert(successFactor).values({ id: crypto.randomUUID(), municipalityId: amsterdam.municipalityId, goalId: goal!.id, title: "Cameratoezicht", position: 1 });
    expect(await check(POLICY_MAPS_COMPLETE, amsterdam)).toBe(true);
    await db().update(strategicGoal).set(retire).where(eq(strategicGoal.id, goal!.id));
    expect(await check(POLICY_MAPS_COMPLETE, amsterdam)).toBe(false);

    // A new live goal with a live factor completes the map again.
    const newGoal = crypto.randomUUID();
    await db().insert(strategicGoal).values({ id: newGoal, municipalityId: amsterdam.municipalityId, focusAreaId: area!.id, title: "Meer veiligheidsgevoel", position: 1 });
    await db().insert(successFactor).values({ id: crypto.randomUUID(), municipalityId: amsterdam.municipalityId, goalId: newGoal, title: "Wijkagent bekend", position: 0 });
    expect(await check(POLICY_MAPS_COMPLETE, amsterdam)).toBe(true);

    // A retired chosen area alone is not enough.
    await db().update(focusArea).set(retire).where(eq(focusArea.id, area!.id));
    expect(await check(POLICY_MAPS_COMPLETE, amsterdam)).toBe(false);
    expect((await loadPhaseOneSummary(amsterdam)).focusAreas).toEqual({ chosen: 0, complete: 0 });
    await db().update(focusArea).set({ retiredAt: null }).where(eq(focusArea.id, area!.id));
    expect(await check(POLICY_MAPS_COMPLETE, amsterdam)).toBe(true);
  });

  it("never counts another municipality's areas", async () => {
    expect(await check(POLICY_MAPS_COMPLETE, utrecht)).toBe(false);
    expect((await loadPhaseOneSummary(utrecht)).focusAreas).toEqual({ chosen: 0, complete: 0 });
    // Utrecht's chosen area without a map does not make Amsterdam's incomplete.
    await addFocusArea(utrecht, { name: "De veilige stad", goal: false });
    expect(await check(POLICY_MAPS_COMPLETE, amsterdam)).toBe(true);
    expect(await check(POLICY_MAPS_COMPLETE, utrecht)).toBe(false);
  });
});

describe("strategy.quickscan_done", () => {
  it("needs a closed round of the municipality itself, with at least three submitted responses", async () => {
    expect(await check(QUICKSCAN_DONE, amsterdam)).toBe(false);
    expect((await loadPhaseOneSummary(amsterdam)).quickscan).toBeNull();
    await addScanRound(utrecht, "closed", "Utrechtse nulmeting");
    expect(await check(QUICKSCAN_DONE, amsterdam)).toBe(false);
    expect(await check(QUICKSCAN_DONE, utrecht)).toBe(true);

    const roundId = await addScanRound(amsterdam, "draft", "Nulmeting 2026");
    expect(await check(QUICKSCAN_DONE, amsterdam)).toBe(false);
    await db().update(scanRound).set({ status: "open", openedAt: new Date() }).where(eq(scanRound.id, roundId));
    expect(await check(QUICKSCAN_DONE, amsterdam)).toBe(false);
    expect(await criterion(amsterdam, "quickscanDone")).toMatchObject({ computed: true, met: false });

    // The summary shows the latest round with its response.
    const colleague = await createVerifiedUser("colleague@amsterdam.test");
    await db().insert(scanResponse).values({ id: crypto.randomUUID(), roundId, municipalityId: amsterdam.municipalityId, userId: colleague.id, submittedAt: new Date() });
    expect((await loadPhaseOneSummary(amsterdam)).quickscan).toEqual({ id: roundId, name: "Nulmeting 2026", status: "open", invited: 2, submitted: 1 });

    // Closed with one submitted response: no results, so the quickscan does not count as taken.
    await db().update(scanRound).set({ status: "closed", closedAt: new Date() }).where(eq(scanRound.id, roundId));
    expect(await check(QUICKSCAN_DONE, amsterdam)).toBe(false);
    await addSubmittedResponses(amsterdam.municipalityId, roundId, 2);
    expect(await check(QUICKSCAN_DONE, amsterdam)).toBe(true);
    expect(await criterion(amsterdam, "quickscanDone")).toMatchObject({ computed: true, met: true });

    // A newer round becomes the one the summary shows; the closed one still meets the criterion.
    await db().update(scanRound).set({ createdAt: new Date(Date.now() - 60_000) }).where(eq(scanRound.id, roundId));
    await addScanRound(amsterdam, "draft", "Herhaalmeting 2027");
    expect((await loadPhaseOneSummary(amsterdam)).quickscan).toMatchObject({ name: "Herhaalmeting 2027", status: "draft", invited: 1, submitted: 0 });
    expect(await check(QUICKSCAN_DONE, amsterdam)).toBe(true);
  });
});

describe("strategy.transition_answered", () => {
  it("needs all five questions of phase 1 answered; a cleared answer does not count", async () => {
    expect(await check(TRANSITION_ANSWERED, amsterdam)).toBe(false);
    for (const [index, key] of TRANSITION_QUESTION_KEYS.entries()) {
      expect(await check(TRANSITION_ANSWERED, amsterdam)).toBe(false);
      expect((await loadPhaseOneSummary(amsterdam)).transition).toEqual({ answered: index, total: 5 });
      expect(await saveTransitionAnswer(amsterdam, { questionKey: key, answer: `Antwoord ${index + 1}`, version: 0 })).toMatchObject({ ok: true });
    }
    expect(await check(TRANSITION_ANSWERED, amsterdam)).toBe(true);
    expect(await criterion(amsterdam, "transitionQuestionsAnswered")).toMatchObject({ computed: true, met: true });
    expect((await loadPhaseOneSummary(amsterdam)).transition).toEqual({ answered: 5, total: 5 });

    expect(await clearTransitionAnswer(amsterdam, { questionKey: "culture", version: 1 })).toMatchObject({ ok: true, changed: true });
    expect(await check(TRANSITION_ANSWERED, amsterdam)).toBe(false);
    expect(await criterion(amsterdam, "transitionQuestionsAnswered")).toMatchObject({ met: false });
    expect(await saveTransitionAnswer(amsterdam, { questionKey: "culture", answer: "Leren, niet afrekenen", version: 2 })).toMatchObject({ ok: true });
    expect(await check(TRANSITION_ANSWERED, amsterdam)).toBe(true);
  });

  it("does not count blank rows, other questions, other phases or other municipalities", async () => {
    // Utrecht answers nothing: Amsterdam's five answers do not count for Utrecht.
    expect(await check(TRANSITION_ANSWERED, utrecht)).toBe(false);
    const phases = await db().select().from(phaseTable).where(eq(phaseTable.municipalityId, utrecht.municipalityId));
    const p1 = phases.find((p) => p.number === 1)!;
    const p2 = phases.find((p) => p.number === 2)!;
    const rows = (phaseId: string, keys: readonly string[], answer: (k: string) => string) =>
      keys.map((questionKey) => ({ id: crypto.randomUUID(), municipalityId: utrecht.municipalityId, phaseId, questionKey, answer: answer(questionKey) }));
    // Five answers stored with phase 2 do not answer phase 1.
    await db().insert(transitionAnswer).values(rows(p2.id, TRANSITION_QUESTION_KEYS, (k) => `Fase 2: ${k}`));
    expect(await check(TRANSITION_ANSWERED, utrecht)).toBe(false);
    // Four real answers, a blank one and an unknown question are not five answers.
    await db().insert(transitionAnswer).values([
      ...rows(p1.id, TRANSITION_QUESTION_KEYS.slice(0, 4), (k) => `Antwoord ${k}`),
      ...rows(p1.id, ["data_ict"], () => "  \n "),
      ...rows(p1.id, ["vision"], () => "Geen transitievraag"),
    ]);
    expect(await check(TRANSITION_ANSWERED, utrecht)).toBe(false);
    expect((await loadTransitionAnswers(utrecht))!.answered).toBe(4);
    expect((await loadPhaseOneSummary(utrecht)).transition).toEqual({ answered: 4, total: 5 });
    await db().update(transitionAnswer).set({ answer: "Koppeling met de BAG" }).where(and(eq(transitionAnswer.phaseId, p1.id), eq(transitionAnswer.questionKey, "data_ict")));
    expect(await check(TRANSITION_ANSWERED, utrecht)).toBe(true);
    expect(await check(TRANSITION_ANSWERED, amsterdam)).toBe(true);
  });
});

describe("backfill of old transition criteria", () => {
  it("gives criteria created from the old template the computed key, once, with an audit event each", async () => {
    const rotterdam = await createMunicipalityWithLead("GM0599", "Rotterdam", "lead@rotterdam.test");
    const transitionCriteria = () => db().select().from(gateCriterion).where(eq(gateCriterion.templateKey, "transitionQuestionsAnswered"));
    expect((await transitionCriteria()).map((c) => c.computedKey)).toEqual([TRANSITION_ANSWERED, TRANSITION_ANSWERED, TRANSITION_ANSWERED]);
    // A database from before: the criterion had no computed key and was ticked by hand in Rotterdam.
    await db().update(gateCriterion).set({ computedKey: null }).where(eq(gateCriterion.templateKey, "transitionQuestionsAnswered"));
    await db()
      .update(gateCriterion)
      .set({ checked: true, checkedByUserId: rotterdam.userId, checkedAt: new Date() })
      .where(and(eq(gateCriterion.templateKey, "transitionQuestionsAnswered"), eq(gateCriterion.municipalityId, rotterdam.municipalityId)));
    expect(await criterion(rotterdam, "transitionQuestionsAnswered")).toMatchObject({ computedKey: null, computed: false, met: true });
    // Custom criteria of another template are left alone.
    const [vision] = await db().select().from(gateCriterion).where(and(eq(gateCriterion.templateKey, "visionApproved"), eq(gateCriterion.municipalityId, rotterdam.municipalityId)));

    const auditBefore = (await db().select({ n: sql<number>`count(*)::int` }).from(auditEvent))[0]!.n;
    expect(await backfillTransitionCriterion(db())).toBe(3);
    expect((await transitionCriteria()).map((c) => c.computedKey)).toEqual([TRANSITION_ANSWERED, TRANSITION_ANSWERED, TRANSITION_ANSWERED]);
    // Now computed from the (missing) answers: no longer met by the old tick.
    expect(await criterion(rotterdam, "transitionQuestionsAnswered")).toMatchObject({ computedKey: TRANSITION_ANSWERED, computed: true, met: false });
    expect(await criterion(amsterdam, "transitionQuestionsAnswered")).toMatchObject({ computed: true, met: true });
    const { events } = await listAuditEvents(db(), rotterdam.municipalityId, { limit: 5 });
    expect(events[0]).toMatchObject({ action: "gate.criterion_now_computed", objectType: "gate_criterion", actorUserId: null, details: { criterion: "transitionQuestionsAnswered", computedKey: TRANSITION_ANSWERED } });
    const auditAfter = (await db().select({ n: sql<number>`count(*)::int` }).from(auditEvent))[0]!.n;
    expect(auditAfter).toBe(auditBefore + 3);

    // Running it again finds nothing to do and writes nothing.
    expect(await backfillTransitionCriterion(db())).toBe(0);
    expect((await db().select({ n: sql<number>`count(*)::int` }).from(auditEvent))[0]!.n).toBe(auditAfter);
    const [visionAfter] = await db().select().from(gateCriterion).where(eq(gateCriterion.id, vision!.id));
    expect(visionAfter).toEqual(vision);
  });
});
