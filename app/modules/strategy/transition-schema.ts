// The transition questions of phase 1 and their form schemas. Messages are i18n keys.
import { z } from "zod";

/** The five questions, in the order the team answers them. */
export const TRANSITION_QUESTION_KEYS = ["domains_first", "readiness", "culture", "expertise", "data_ict"] as const;
export type TransitionQuestionKey = (typeof TRANSITION_QUESTION_KEYS)[number];

/** Only phase 1 (strategic focus) has transition questions. */
export const TRANSITION_PHASE = 1;

export const TRANSITION_ANSWER_MAX = 5000;

export function isTransitionQuestionKey(value: string): value is TransitionQuestionKey {
  return (TRANSITION_QUESTION_KEYS as readonly string[]).includes(value);
}

const questionKeyField = z.enum(TRANSITION_QUESTION_KEYS, { error: "transition.errors.unknownQuestion" });

/** The version the form started from: 0 when the question had never been answered. */
const versionField = z
  .number({ error: "transition.errors.versionInvalid" })
  .int({ error: "transition.errors.versionInvalid" })
  .min(0, { error: "transition.errors.versionInvalid" });

/** Line breaks as browsers send them (CRLF) are stored as LF, so the length counts what users see. */
export const transitionAnswerField = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n") : v),
  z
    .string({ error: "transition.errors.answerRequired" })
    .trim()
    .min(1, { error: "transition.errors.answerRequired" })
    .max(TRANSITION_ANSWER_MAX, { error: "transition.errors.answerTooLong" }),
);

export const saveTransitionAnswerSchema = z.object({
  questionKey: questionKeyField,
  version: versionField,
  answer: transitionAnswerField,
});

export const clearTransitionAnswerSchema = z.object({
  questionKey: questionKeyField,
  version: versionField,
});
