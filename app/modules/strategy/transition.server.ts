// The transition questions of phase 1, answered by the team: one answer per question, stored with
// the phase. Each answer carries a version; a save names the version it started from, and a save
// over a teammate's newer answer is refused (with their text) instead of silently overwriting it.
// Every function takes the acting member and only touches rows of that member's municipality.
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import { phase as phaseTable, transitionAnswer, user } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { can } from "../auth/roles";
import {
  isTransitionQuestionKey,
  TRANSITION_PHASE,
  TRANSITION_QUESTION_KEYS,
  transitionAnswerField,
  type TransitionQuestionKey,
} from "./transition-schema";

export interface TransitionAnswerView {
  key: TransitionQuestionKey;
  /** The answer; "" when never answered or cleared. */
  answer: string;
  /** 0 when the question was never answered; every save or clear adds one. */
  version: number;
  /** Who saved or cleared it last (name null when that user no longer exists); null when never answered. */
  updatedBy: { userId: string | null; name: string | null } | null;
  updatedAt: Date | null;
}

export interface TransitionQuestionsView {
  phaseId: string;
  phaseStatus: "not_started" | "active" | "done";
  answered: number;
  total: number;
  questions: TransitionAnswerView[];
}

/** The state a refused save found: the teammate's text, version and who saved it. */
export interface TransitionCurrent {
  answer: string;
  version: number;
  updatedByName: string | null;
  updatedAt: Date | null;
}

export type TransitionOutcome =
  | { ok: true; version: number; changed: boolean }
  | { ok: false; error: "notAllowed" | "notFound" | "unknownQuestion" | "phaseDone" }
  | { ok: false; error: "conflict"; current: TransitionCurrent };

const mayEdit = (actor: Pick<Member, "role">) => can(actor.role, { strategy: ["edit"] });

/** Whether a phase number has transition questions at all (only phase 1 does). */
export function hasTransitionQuestions(phaseNumber: number): boolean {
  return phaseNumber === TRANSITION_PHASE;
}

/**
 * The answers of phase `phaseNumber` with who changed each last and when; null when that phase
 * has no transition questions or the municipality has no such phase.
 */
export async function loadTransitionAnswers(actor: Pick<Member, "municipalityId">, phaseNumber: number = TRANSITION_PHASE): Promise<TransitionQuestionsView | null> {
  if (!hasTransitionQuestions(phaseNumber)) return null;
  const [p] = await db()
    .select({ id: phaseTable.id, status: phaseTable.status })
    .from(phaseTable)
    .where(and(eq(phaseTable.municipalityId, actor.municipalityId), eq(phaseTable.number, phaseNumber)));
  if (!p) return null;
  const rows = await db()
    .select({
      questionKey: transitionAnswer.questionKey,
      answer: transitionAnswer.answer,
      version: transitionAnswer.version,
      updatedByUserId: transitionAnswer.updatedByUserId,
      updatedByName: user.name,
      updatedAt: transitionAnswer.updatedAt,
    })
    .from(transitionAnswer)
    .leftJoin(user, eq(user.id, transitionAnswer.updatedByUserId))
    .where(and(eq(transitionAnswer.phaseId, p.id), eq(transitionAnswer.municipalityId, actor.municipalityId)));
  const byKey = new Map(rows.map((r) => [r.questionKey, r]));
  const questions = TRANSITION_QUESTION_KEYS.map((key): TransitionAnswerView => {
    const r = byKey.get(key);
    if (!r) return { key, answer: "", version: 0, updatedBy: null, updatedAt: null };
    return { key, answer: r.answer, version: r.version, updatedBy: { userId: r.updatedByUserId, name: r.updatedByName }, updatedAt: r.updatedAt };
  });
  return {
    phaseId: p.id,
    phaseStatus: p.status,
    answered: questions.filter((q) => q.answer.trim() !== "").length,
    total: questions.length,
    questions,
  };
}

async function currentAnswer(tx: Tx, phaseId: string, municipalityId: string, key: TransitionQuestionKey, lock: boolean) {
  const query = tx
    .select({ id: transitionAnswer.id, answer: transitionAnswer.answer, version: transitionAnswer.version, updatedByUserId: transitionAnswer.updatedByUserId, updatedAt: transitionAnswer.updatedAt })
    .from(transitionAnswer)
    .where(and(eq(transitionAnswer.phaseId, phaseId), eq(transitionAnswer.municipalityId, municipalityId), eq(transitionAnswer.questionKey, key)));
  const [row] = lock ? await query.for("update") : await query;
  return row;
}

async function conflictWith(tx: Tx, row: { answer: string; version: number; updatedByUserId: string | null; updatedAt: Date } | undefined): Promise<TransitionOutcome> {
  let name: string | null = null;
  if (row?.updatedByUserId) {
    const [u] = await tx.select({ name: user.name }).from(user).where(eq(user.id, row.updatedByUserId));
    name = u?.name ?? null;
  }
  return { ok: false, error: "conflict", current: { answer: row?.answer ?? "", version: row?.version ?? 0, updatedByName: name, updatedAt: row?.updatedAt ?? null } };
}

/** Writes `text` ("" clears) if the stored answer is still at `expectedVersion`; one transaction with its audit event. */
async function writeAnswer(actor: Member, questionKey: string, text: string, expectedVersion: number): Promise<TransitionOutcome> {
  if (!mayEdit(actor)) return { ok: false, error: "notAllowed" };
  if (!isTransitionQuestionKey(questionKey)) return { ok: false, error: "unknownQuestion" };
  const key = questionKey;
  return db().transaction(async (tx): Promise<TransitionOutcome> => {
    // Shared lock on the phase row: a gate closing (which locks it for update) waits for this save
    // and reads its result, and a save waits for a closing in progress and then sees "done".
    const [p] = await tx
      .select({ id: phaseTable.id, status: phaseTable.status })
      .from(phaseTable)
      .where(and(eq(phaseTable.municipalityId, actor.municipalityId), eq(phaseTable.number, TRANSITION_PHASE)))
      .for("share");
    if (!p) return { ok: false, error: "notFound" };
    if (p.status === "done") return { ok: false, error: "phaseDone" };

    const current = await currentAnswer(tx, p.id, actor.municipalityId, key, true);
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== expectedVersion) return conflictWith(tx, current);
    const before = current?.answer ?? "";
    if (before === text) return { ok: true, version: currentVersion, changed: false };

    const now = new Date();
    let id: string;
    let version: number;
    if (!current) {
      id = crypto.randomUUID();
      version = 1;
      const inserted = await tx
        .insert(transitionAnswer)
        .values({ id, municipalityId: actor.municipalityId, phaseId: p.id, questionKey: key, answer: text, version, updatedByUserId: actor.userId, updatedAt: now })
        .onConflictDoNothing()
        .returning({ id: transitionAnswer.id });
      // A teammate's first answer to this question was saved at the same moment: theirs stands.
      if (inserted.length === 0) return conflictWith(tx, await currentAnswer(tx, p.id, actor.municipalityId, key, false));
    } else {
      id = current.id;
      version = current.version + 1;
      await tx.update(transitionAnswer).set({ answer: text, version, updatedByUserId: actor.userId, updatedAt: now }).where(eq(transitionAnswer.id, current.id));
    }
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: text === "" ? "transition.answer_cleared" : "transition.answer_saved",
      objectType: "transition_answer",
      objectId: id,
      origin: actor.origin,
      details: {
        phase: TRANSITION_PHASE,
        question: key,
        before: current ? { answer: before, version: currentVersion } : null,
        after: { answer: text, version },
      },
    });
    return { ok: true, version, changed: true };
  });
}

/**
 * Saves the team's answer to one question. `version` is the version the user's form started from
 * (0 for a question never answered); when a teammate saved in between, nothing is written and the
 * outcome carries their current text.
 */
export async function saveTransitionAnswer(actor: Member, input: { questionKey: string; answer: string; version: number }): Promise<TransitionOutcome> {
  const answer = transitionAnswerField.parse(input.answer);
  return writeAnswer(actor, input.questionKey, answer, input.version);
}

/** Empties one answer on purpose ("Antwoord wissen"), with the same version check as a save. */
export async function clearTransitionAnswer(actor: Member, input: { questionKey: string; version: number }): Promise<TransitionOutcome> {
  return writeAnswer(actor, input.questionKey, "", input.version);
}
