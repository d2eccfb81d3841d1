// Real strategy rows for tests that need phase 1's computed gate criteria met. Focus areas, policy
// maps and quickscan rounds are inserted directly (their own modules have their own tests); the
// transition questions are answered through their module, as a user would.
import { db } from "../../../app/db.server";
import { createVerifiedUser } from "./factories";
import type { Member } from "../../../app/modules/auth/guards.server";
import { strategyGateChecks, POLICY_MAPS_COMPLETE, QUICKSCAN_DONE } from "../../../app/modules/strategy/gate-checks.server";
import { TRANSITION_QUESTION_KEYS } from "../../../app/modules/strategy/transition-schema";
import { loadTransitionAnswers, saveTransitionAnswer } from "../../../app/modules/strategy/transition.server";
import { focusArea, scanResponse, scanRound, strategicGoal, successFactor } from "../../../db/schema/index";

export const TEST_INSTRUMENT = {
  scale: { min: 1, max: 5 },
  dimensions: [{ key: "sturing", name: "Sturing", statements: ["Doelen zijn meetbaar geformuleerd."] }],
};

/** A chosen focus area with one goal and one success factor; returns their ids. */
export async function addFocusArea(
  m: Pick<Member, "municipalityId">,
  options: { name?: string; chosen?: boolean; goal?: boolean; factor?: boolean } = {},
): Promise<{ areaId: string; goalId: string | null; factorId: string | null }> {
  const areaId = crypto.randomUUID();
  await db()
    .insert(focusArea)
    .values({ id: areaId, municipalityId: m.municipalityId, name: options.name ?? `Aandachtsgebied ${areaId.slice(0, 8)}`, chosen: options.chosen ?? true, position: 0 });
  if (options.goal === false) return { areaId, goalId: null, factorId: null };
  const goalId = crypto.randomUUID();
  await db().insert(strategicGoal).values({ id: goalId, municipalityId: m.municipalityId, focusAreaId: areaId, title: "Minder woninginbraken", position: 0 });
  if (options.factor === false) return { areaId, goalId, factorId: null };
  const factorId = crypto.randomUUID();
  await db().insert(successFactor).values({ id: factorId, municipalityId: m.municipalityId, goalId, title: "Buurtpreventie actief in elke wijk", position: 0 });
  return { areaId, goalId, factorId };
}

/** A quickscan round in the given status, with the member invited (and answered when closed). */
export async function addScanRound(m: Pick<Member, "municipalityId" | "userId">, status: "draft" | "open" | "closed", name = `Ronde ${crypto.randomUUID().slice(0, 8)}`): Promise<string> {
  const id = crypto.randomUUID();
  const now = new Date();
  await db()
    .insert(scanRound)
    .values({ id, municipalityId: m.municipalityId, name, status, instrument: TEST_INSTRUMENT, openedAt: status === "draft" ? null : now, closedAt: status === "closed" ? now : null });
  await db()
    .insert(scanResponse)
    .values({ id: crypto.randomUUID(), roundId: id, municipalityId: m.municipalityId, userId: m.userId, submittedAt: status === "closed" ? now : null });
  // A closed round counts with three submitted responses: two colleagues answered too.
  if (status === "closed") await addSubmittedResponses(m.municipalityId, id, 2);
  return id;
}

/** Submitted responses of `count` new colleagues to a round. */
export async function addSubmittedResponses(municipalityId: string, roundId: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const colleague = await createVerifiedUser(`respondent-${crypto.randomUUID().slice(0, 8)}@koers.test`);
    await db().insert(scanResponse).values({ id: crypto.randomUUID(), roundId, municipalityId, userId: colleague.id, submittedAt: new Date() });
  }
}

/** Answers every transition question that has no answer yet, from its current version. */
export async function answerAllTransitionQuestions(m: Member): Promise<void> {
  const view = await loadTransitionAnswers(m);
  if (!view) throw new Error(`no phase 1 for ${m.cbsCode}`);
  for (const q of view.questions) {
    if (q.answer !== "") continue;
    const outcome = await saveTransitionAnswer(m, { questionKey: q.key, answer: `Antwoord van het team op ${q.key}.`, version: q.version });
    if (!outcome.ok) throw new Error(`answering ${q.key} failed: ${outcome.error}`);
  }
  if (TRANSITION_QUESTION_KEYS.length !== view.questions.length) throw new Error("questions missing");
}

/** Makes the three strategy criteria of phase 1 met with real rows (only what is still missing). */
export async function meetStrategyCriteria(m: Member): Promise<void> {
  if (!(await strategyGateChecks[POLICY_MAPS_COMPLETE]!(m.municipalityId, db()))) await addFocusArea(m);
  if (!(await strategyGateChecks[QUICKSCAN_DONE]!(m.municipalityId, db()))) await addScanRound(m, "closed");
  await answerAllTransitionQuestions(m);
}
