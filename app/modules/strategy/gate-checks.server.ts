// Gate criteria of phase 1 computed from the strategy tables: policy maps complete for the chosen
// focus areas, a quickscan round closed, all transition questions answered. Also the counts the
// phase-1 page shows, so the page and the gate always read the same thing.
import { and, eq, exists, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../../../db/client";
import { focusArea, gateCriterion, phase as phaseTable, scanResponse, scanRound, strategicGoal, successFactor, transitionAnswer } from "../../../db/schema/index";
import { recordAudit } from "../audit/audit.server";
import { MIN_GROUP_SIZE } from "./quickscan/aggregate";
import { TRANSITION_PHASE, TRANSITION_QUESTION_KEYS } from "./transition-schema";

export const POLICY_MAPS_COMPLETE = "strategy.policy_maps_complete";
export const QUICKSCAN_DONE = "strategy.quickscan_done";
export const TRANSITION_ANSWERED = "strategy.transition_answered";

/**
 * Chosen focus areas (not retired) and how many of them have a complete policy map: at least one
 * goal that is not retired, with at least one success factor that is not retired.
 */
export async function policyMapCounts(database: DbOrTx, municipalityId: string): Promise<{ chosen: number; complete: number }> {
  const goalWithFactor = database
    .select({ one: sql`1` })
    .from(strategicGoal)
    .innerJoin(successFactor, and(eq(successFactor.goalId, strategicGoal.id), eq(successFactor.municipalityId, municipalityId), isNull(successFactor.retiredAt)))
    .where(and(eq(strategicGoal.focusAreaId, focusArea.id), eq(strategicGoal.municipalityId, municipalityId), isNull(strategicGoal.retiredAt)));
  const [row] = await database
    .select({
      chosen: sql<number>`count(*)::int`,
      complete: sql<number>`(count(*) filter (where ${exists(goalWithFactor)}))::int`,
    })
    .from(focusArea)
    .where(and(eq(focusArea.municipalityId, municipalityId), eq(focusArea.chosen, true), isNull(focusArea.retiredAt)));
  return { chosen: row?.chosen ?? 0, complete: row?.complete ?? 0 };
}

/**
 * The quickscan has been taken: a round is closed with at least MIN_GROUP_SIZE submitted responses
 * (a round closed without enough answers has no results, so it does not count).
 */
export async function hasClosedScanRound(database: DbOrTx, municipalityId: string): Promise<boolean> {
  const [row] = await database
    .select({ id: scanRound.id })
    .from(scanRound)
    .innerJoin(scanResponse, and(eq(scanResponse.roundId, scanRound.id), isNotNull(scanResponse.submittedAt)))
    .where(and(eq(scanRound.municipalityId, municipalityId), eq(scanRound.status, "closed")))
    .groupBy(scanRound.id)
    .having(sql`count(*) >= ${MIN_GROUP_SIZE}`)
    .limit(1);
  return Boolean(row);
}

/** How many of the five transition questions of phase 1 have a non-empty answer. */
export async function transitionAnsweredCount(database: DbOrTx, municipalityId: string): Promise<number> {
  const [row] = await database
    .select({ n: sql<number>`count(*)::int` })
    .from(transitionAnswer)
    .innerJoin(phaseTable, eq(phaseTable.id, transitionAnswer.phaseId))
    .where(
      and(
        eq(transitionAnswer.municipalityId, municipalityId),
        eq(phaseTable.municipalityId, municipalityId),
        eq(phaseTable.number, TRANSITION_PHASE),
        inArray(transitionAnswer.questionKey, [...TRANSITION_QUESTION_KEYS]),
        // Some character that is not white space (spaces, tabs, line breaks).
        sql`${transitionAnswer.answer} ~ '[^[:space:]]'`,
      ),
    );
  return row?.n ?? 0;
}

export const strategyGateChecks: Record<string, (municipalityId: string, database: DbOrTx) => Promise<boolean>> = {
  [POLICY_MAPS_COMPLETE]: async (municipalityId, database) => {
    const { chosen, complete } = await policyMapCounts(database, municipalityId);
    return chosen > 0 && complete === chosen;
  },
  [QUICKSCAN_DONE]: (municipalityId, database) => hasClosedScanRound(database, municipalityId),
  [TRANSITION_ANSWERED]: async (municipalityId, database) => (await transitionAnsweredCount(database, municipalityId)) === TRANSITION_QUESTION_KEYS.length,
};

/**
 * Gate criteria created before "transition questions answered" was computed carry no computed key
 * and were ticked by hand. Gives them the key (once; later runs find nothing to do), with an audit
 * event per criterion. Returns how many criteria changed.
 */
export async function backfillTransitionCriterion(database: Database): Promise<number> {
  return database.transaction(async (tx) => {
    const changed = await tx
      .update(gateCriterion)
      .set({ computedKey: TRANSITION_ANSWERED })
      .where(and(eq(gateCriterion.templateKey, "transitionQuestionsAnswered"), isNull(gateCriterion.computedKey)))
      .returning({ id: gateCriterion.id, municipalityId: gateCriterion.municipalityId });
    for (const c of changed) {
      await recordAudit(tx, {
        municipalityId: c.municipalityId,
        actor: { userId: null, label: "Koers (database bijgewerkt)" },
        action: "gate.criterion_now_computed",
        objectType: "gate_criterion",
        objectId: c.id,
        details: { phase: TRANSITION_PHASE, criterion: "transitionQuestionsAnswered", computedKey: TRANSITION_ANSWERED },
      });
    }
    return changed.length;
  });
}
