// Results of a quickscan round for everyone who reads the programme: response rate, the mean per
// dimension with its development phase, the spread between departments and the change since the
// previous closed round. Answers are read only here, only of submitted responses, and only to be
// aggregated (aggregate.ts): no individual answer leaves this module.
import { and, desc, eq, inArray, lt, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../../db/client";
import { department, scanAnswer, scanResponse, scanRound } from "../../../../db/schema/index";
import { db } from "../../../db.server";
import type { Member } from "../../auth/guards.server";
import { can } from "../../auth/roles";
import { aggregateRound, compareRounds, departmentSpread, MIN_GROUP_SIZE, type DepartmentSpread, type DimensionComparison, type RoundAggregate, type SubmittedResponse } from "./aggregate";
import type { QuickscanInstrument } from "./instrument";
import { hasClosedScanRound } from "../gate-checks.server";
import { getRound, type RoundStatus, type RoundView } from "./rounds.server";

export interface RoundResults {
  aggregate: RoundAggregate;
  spread: DepartmentSpread;
  /** The closed round before this one, if any, with its own (thresholded) results. */
  previous: { id: string; name: string; aggregate: RoundAggregate } | null;
  /** Per dimension: this round, the previous round, and the change; null unless both are visible. */
  comparison: DimensionComparison[] | null;
}

async function submittedResponses(database: DbOrTx, municipalityId: string, roundId: string): Promise<{ invited: number; responses: SubmittedResponse[] }> {
  const respondents = await database
    .select({ id: scanResponse.id, departmentId: scanResponse.departmentId, submittedAt: scanResponse.submittedAt })
    .from(scanResponse)
    .where(and(eq(scanResponse.roundId, roundId), eq(scanResponse.municipalityId, municipalityId)));
  const submitted = respondents.filter((r) => r.submittedAt !== null);
  const byResponse = new Map<string, SubmittedResponse>(submitted.map((r) => [r.id, { departmentId: r.departmentId, answers: [] }]));
  if (submitted.length > 0) {
    const answers = await database
      .select({ responseId: scanAnswer.responseId, dimensionKey: scanAnswer.dimensionKey, statementIndex: scanAnswer.statementIndex, value: scanAnswer.value })
      .from(scanAnswer)
      .where(and(eq(scanAnswer.roundId, roundId), eq(scanAnswer.municipalityId, municipalityId), inArray(scanAnswer.responseId, [...byResponse.keys()])));
    for (const a of answers) byResponse.get(a.responseId)?.answers.push({ dimensionKey: a.dimensionKey, statementIndex: a.statementIndex, value: a.value });
  }
  return { invited: respondents.length, responses: [...byResponse.values()] };
}

async function departmentNames(database: DbOrTx, municipalityId: string): Promise<Map<string, string>> {
  const rows = await database.select({ id: department.id, name: department.name }).from(department).where(eq(department.municipalityId, municipalityId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The most recent closed round created before this one. */
async function previousClosedRound(database: DbOrTx, municipalityId: string, round: RoundView) {
  const [row] = await database
    .select({ id: scanRound.id, name: scanRound.name, instrument: scanRound.instrument })
    .from(scanRound)
    .where(and(eq(scanRound.municipalityId, municipalityId), eq(scanRound.status, "closed"), ne(scanRound.id, round.id), lt(scanRound.createdAt, round.createdAt)))
    .orderBy(desc(scanRound.createdAt))
    .limit(1);
  return row;
}

/** The round's results; undefined for a round the actor cannot see, null while it is a draft. */
export async function roundResults(actor: Member, roundId: string): Promise<RoundResults | null | undefined> {
  if (!can(actor.role, { programme: ["read"] })) return undefined;
  const round = await getRound(actor, roundId);
  if (!round) return undefined;
  if (round.status === "draft") return null;
  const database = db();
  const [{ invited, responses }, names, previousRound] = await Promise.all([
    submittedResponses(database, actor.municipalityId, round.id),
    departmentNames(database, actor.municipalityId),
    previousClosedRound(database, actor.municipalityId, round),
  ]);
  // While the round is open nothing but the response rate is shown (see aggregateRound).
  const closed = round.status === "closed";
  const aggregate = aggregateRound(round.instrument, responses, invited, { closed });
  let previous: RoundResults["previous"] = null;
  if (previousRound) {
    const earlier = await submittedResponses(database, actor.municipalityId, previousRound.id);
    previous = { id: previousRound.id, name: previousRound.name, aggregate: aggregateRound(previousRound.instrument as QuickscanInstrument, earlier.responses, earlier.invited) };
  }
  return {
    aggregate,
    spread: closed ? departmentSpread(round.instrument, responses, names) : { groups: [], other: null },
    previous,
    comparison: compareRounds(aggregate.dimensions, previous?.aggregate.dimensions ?? null),
  };
}

export interface LatestRoundStatus {
  round: { id: string; name: string; status: RoundStatus; invited: number; submitted: number; closedAt: Date | null } | null;
  /** A round has been closed with at least MIN_GROUP_SIZE submitted responses (results to show). */
  done: boolean;
}

async function latestStatus(database: DbOrTx, municipalityId: string): Promise<LatestRoundStatus> {
  const rounds = await database
    .select({
      id: scanRound.id,
      name: scanRound.name,
      status: scanRound.status,
      closedAt: scanRound.closedAt,
      invited: sql<number>`count(${scanResponse.id})::int`,
      submitted: sql<number>`count(${scanResponse.submittedAt})::int`,
    })
    .from(scanRound)
    .leftJoin(scanResponse, eq(scanResponse.roundId, scanRound.id))
    .where(eq(scanRound.municipalityId, municipalityId))
    .groupBy(scanRound.id)
    .orderBy(desc(scanRound.createdAt))
    .limit(1);
  return { round: rounds[0] ?? null, done: await hasClosedScanRound(database, municipalityId) };
}

/** For the phase page: the newest round and whether the quickscan has been taken (a closed round with results). */
export async function latestRoundStatus(actor: Member): Promise<LatestRoundStatus> {
  return latestStatus(db(), actor.municipalityId);
}
