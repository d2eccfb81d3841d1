// The "Strategische focus" section of the phase-1 page: chosen focus areas and complete policy maps,
// the latest quickscan round with its response, and how many transition questions are answered.
// Plain counts on the strategy tables of the member's municipality (the gate reads the same counts).
import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { scanResponse, scanRound } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import { policyMapCounts, transitionAnsweredCount } from "./gate-checks.server";
import { TRANSITION_QUESTION_KEYS } from "./transition-schema";

export interface PhaseOneSummary {
  focusAreas: { chosen: number; complete: number };
  /** The newest round (null when there is none), with invited and submitted respondents. */
  quickscan: { id: string; name: string; status: "draft" | "open" | "closed"; invited: number; submitted: number } | null;
  transition: { answered: number; total: number };
}

export async function loadPhaseOneSummary(actor: Pick<Member, "municipalityId">, database: DbOrTx = db()): Promise<PhaseOneSummary> {
  const municipalityId = actor.municipalityId;
  const [focusAreas, [latest], answered] = await Promise.all([
    policyMapCounts(database, municipalityId),
    database
      .select({ id: scanRound.id, name: scanRound.name, status: scanRound.status })
      .from(scanRound)
      .where(eq(scanRound.municipalityId, municipalityId))
      .orderBy(desc(scanRound.createdAt), desc(scanRound.id))
      .limit(1),
    transitionAnsweredCount(database, municipalityId),
  ]);
  let quickscan: PhaseOneSummary["quickscan"] = null;
  if (latest) {
    const [counts] = await database
      .select({
        invited: sql<number>`count(*)::int`,
        submitted: sql<number>`(count(*) filter (where ${scanResponse.submittedAt} is not null))::int`,
      })
      .from(scanResponse)
      .where(and(eq(scanResponse.roundId, latest.id), eq(scanResponse.municipalityId, municipalityId)));
    quickscan = { ...latest, invited: counts?.invited ?? 0, submitted: counts?.submitted ?? 0 };
  }
  return { focusAreas, quickscan, transition: { answered, total: TRANSITION_QUESTION_KEYS.length } };
}
