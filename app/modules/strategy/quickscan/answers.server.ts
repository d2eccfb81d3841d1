// A respondent's own answers: read, saved as they go (each save one transaction), and submitted
// once. Only the respondent reaches their answers: every query here is keyed on the acting member's
// own user id, and nothing else in the app reads scan_answer row by row (results.server.ts only
// aggregates). A closed round, a submitted response or another municipality's round refuses.
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../../db/client";
import { scanAnswer, scanResponse, scanRound } from "../../../../db/schema/index";
import { db } from "../../../db.server";
import { recordAudit } from "../../audit/audit.server";
import { actorOf, type Member } from "../../auth/guards.server";
import { can } from "../../auth/roles";
import { missingStatements, type AnswerValue } from "./aggregate";
import { statementCount, type QuickscanInstrument } from "./instrument";
import type { RoundStatus } from "./rounds.server";

export type AnswerError = "notFound" | "notAllowed" | "notInvited" | "notOpen" | "closed" | "alreadySubmitted" | "invalidAnswer";

export interface OwnResponse {
  round: { id: string; name: string; status: RoundStatus; dueOn: string | null; instrument: QuickscanInstrument };
  response: { id: string; startedAt: Date | null; submittedAt: Date | null };
  answers: AnswerValue[];
  answered: number;
  total: number;
}

export type OwnResponseLookup = { ok: true; value: OwnResponse } | { ok: false; error: "notFound" | "notInvited" | "notOpen" };

export type SaveOutcome = { ok: true; answered: number; total: number } | { ok: false; error: AnswerError };
export type SubmitOutcome = SaveOutcome | { ok: false; error: "incomplete"; missing: { dimensionKey: string; statementIndex: number }[] };

async function ownRow(database: DbOrTx, actor: Member, roundId: string, lock: boolean) {
  const query = database
    .select({
      roundId: scanRound.id,
      name: scanRound.name,
      status: scanRound.status,
      dueOn: scanRound.dueOn,
      instrument: scanRound.instrument,
      responseId: scanResponse.id,
      startedAt: scanResponse.startedAt,
      submittedAt: scanResponse.submittedAt,
    })
    .from(scanRound)
    .leftJoin(scanResponse, and(eq(scanResponse.roundId, scanRound.id), eq(scanResponse.userId, actor.userId)))
    .where(and(eq(scanRound.id, roundId), eq(scanRound.municipalityId, actor.municipalityId)));
  // The round is shared-locked (closing it waits for this save), the response row updated alone.
  const [row] = lock ? await query.for("share", { of: scanRound }) : await query;
  if (row?.responseId && lock) await database.select({ id: scanResponse.id }).from(scanResponse).where(eq(scanResponse.id, row.responseId)).for("update");
  return row;
}

async function answersOf(database: DbOrTx, responseId: string): Promise<AnswerValue[]> {
  return database
    .select({ dimensionKey: scanAnswer.dimensionKey, statementIndex: scanAnswer.statementIndex, value: scanAnswer.value })
    .from(scanAnswer)
    .where(eq(scanAnswer.responseId, responseId))
    .orderBy(asc(scanAnswer.dimensionKey), asc(scanAnswer.statementIndex));
}

/** The actor's own response to a round, with their saved answers. */
export async function getOwnResponse(actor: Member, roundId: string): Promise<OwnResponseLookup> {
  const row = await ownRow(db(), actor, roundId, false);
  if (!row) return { ok: false, error: "notFound" };
  if (!row.responseId) return { ok: false, error: "notInvited" };
  if (row.status === "draft") return { ok: false, error: "notOpen" };
  const instrument = row.instrument as QuickscanInstrument;
  const answers = await answersOf(db(), row.responseId);
  return {
    ok: true,
    value: {
      round: { id: row.roundId, name: row.name, status: row.status, dueOn: row.dueOn, instrument },
      response: { id: row.responseId, startedAt: row.startedAt, submittedAt: row.submittedAt },
      answers,
      answered: answers.length,
      total: statementCount(instrument),
    },
  };
}

function validAnswer(instrument: QuickscanInstrument, a: AnswerValue): boolean {
  const dimension = instrument.dimensions.find((d) => d.key === a.dimensionKey);
  if (!dimension || !Number.isInteger(a.statementIndex) || a.statementIndex < 0 || a.statementIndex >= dimension.statements.length) return false;
  return a.value === null || (Number.isInteger(a.value) && a.value >= instrument.scale.min && a.value <= instrument.scale.max);
}

async function upsertAnswers(tx: DbOrTx, actor: Member, roundId: string, responseId: string, answers: AnswerValue[], now: Date) {
  if (answers.length === 0) return;
  await tx
    .insert(scanAnswer)
    .values(answers.map((a) => ({ responseId, roundId, municipalityId: actor.municipalityId, dimensionKey: a.dimensionKey, statementIndex: a.statementIndex, value: a.value, updatedAt: now })))
    .onConflictDoUpdate({
      target: [scanAnswer.responseId, scanAnswer.dimensionKey, scanAnswer.statementIndex],
      set: { value: sql`excluded.value`, updatedAt: now },
    });
}

type Prepared = { ok: true; row: NonNullable<Awaited<ReturnType<typeof ownRow>>> & { responseId: string }; instrument: QuickscanInstrument } | { ok: false; error: AnswerError };

async function prepare(tx: DbOrTx, actor: Member, roundId: string, answers: AnswerValue[]): Promise<Prepared> {
  if (!can(actor.role, { quickscan: ["answer"] })) return { ok: false, error: "notAllowed" };
  const row = await ownRow(tx, actor, roundId, true);
  if (!row) return { ok: false, error: "notFound" };
  if (!row.responseId) return { ok: false, error: "notInvited" };
  if (row.submittedAt) return { ok: false, error: "alreadySubmitted" };
  if (row.status === "draft") return { ok: false, error: "notOpen" };
  if (row.status === "closed") return { ok: false, error: "closed" };
  const instrument = row.instrument as QuickscanInstrument;
  if (!answers.every((a) => validAnswer(instrument, a))) return { ok: false, error: "invalidAnswer" };
  return { ok: true, row: { ...row, responseId: row.responseId }, instrument };
}

/** Saves some or all answers (later saves overwrite earlier ones); only while open and not submitted. */
export async function saveAnswers(actor: Member, roundId: string, answers: AnswerValue[], now = new Date()): Promise<SaveOutcome> {
  return db().transaction(async (tx): Promise<SaveOutcome> => {
    const prepared = await prepare(tx, actor, roundId, answers);
    if (!prepared.ok) return prepared;
    const { row, instrument } = prepared;
    await upsertAnswers(tx, actor, row.roundId, row.responseId, answers, now);
    if (!row.startedAt) await tx.update(scanResponse).set({ startedAt: now }).where(eq(scanResponse.id, row.responseId));
    const answered = (await answersOf(tx, row.responseId)).length;
    const total = statementCount(instrument);
    // Which values were given stays out of the log: only that the respondent saved, and how far they are.
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "quickscan.response_saved",
      objectType: "scan_round",
      objectId: row.roundId,
      origin: actor.origin,
      details: { round: row.name, answered, total },
    });
    return { ok: true, answered, total };
  });
}

/**
 * Saves the given answers and submits: every statement must then have an answer (1–5 or "weet
 * niet"), or nothing is saved. A response is submitted once; after that its answers are fixed.
 */
export async function submitResponse(actor: Member, roundId: string, answers: AnswerValue[], now = new Date()): Promise<SubmitOutcome> {
  return db().transaction(async (tx): Promise<SubmitOutcome> => {
    const prepared = await prepare(tx, actor, roundId, answers);
    if (!prepared.ok) return prepared;
    const { row, instrument } = prepared;
    const merged = new Map((await answersOf(tx, row.responseId)).map((a) => [`${a.dimensionKey}-${a.statementIndex}`, a]));
    for (const a of answers) merged.set(`${a.dimensionKey}-${a.statementIndex}`, a);
    const missing = missingStatements(instrument, [...merged.values()]);
    if (missing.length > 0) return { ok: false, error: "incomplete", missing };
    await upsertAnswers(tx, actor, row.roundId, row.responseId, answers, now);
    await tx.update(scanResponse).set({ startedAt: row.startedAt ?? now, submittedAt: now }).where(eq(scanResponse.id, row.responseId));
    const total = statementCount(instrument);
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "quickscan.response_submitted",
      objectType: "scan_round",
      objectId: row.roundId,
      origin: actor.origin,
      details: { round: row.name },
    });
    return { ok: true, answered: total, total };
  });
}
