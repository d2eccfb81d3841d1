// The phase 1 gate criterion "policyMapsSet" (computed key "strategy.policy_maps_complete"):
// at least one focus area is chosen, and every chosen, current area has at least one current
// strategic goal, each with at least one current critical success factor.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { focusArea, strategicGoal, successFactor } from "../../../db/schema/index";

export async function policyMapsComplete(municipalityId: string, database: DbOrTx): Promise<boolean> {
  const rows = await database
    .select({
      areaId: focusArea.id,
      goals: sql<number>`count(distinct ${strategicGoal.id})::int`,
      goalsWithoutFactor: sql<number>`count(distinct ${strategicGoal.id}) filter (where not exists (
        select 1 from ${successFactor} where ${successFactor.goalId} = ${strategicGoal.id} and ${successFactor.retiredAt} is null))::int`,
    })
    .from(focusArea)
    .leftJoin(strategicGoal, and(eq(strategicGoal.focusAreaId, focusArea.id), isNull(strategicGoal.retiredAt)))
    .where(and(eq(focusArea.municipalityId, municipalityId), eq(focusArea.chosen, true), isNull(focusArea.retiredAt)))
    .groupBy(focusArea.id);
  return rows.length > 0 && rows.every((r) => r.goals > 0 && r.goalsWithoutFactor === 0);
}

/** For app/modules/programme/gate-templates.ts (COMPUTED_CHECKS). */
export const policyMapGateChecks: Record<string, (municipalityId: string, database: DbOrTx) => Promise<boolean>> = {
  "strategy.policy_maps_complete": policyMapsComplete,
};
