// Form schemas for the maturity quickscan. Messages are i18n keys.
import { z } from "zod";
import type { ScanInstrument } from "../../../../db/schema/strategy";
import { DONT_KNOW, scaleValues, statementsOf } from "./instrument";

export const ROUND_NAME_MAX = 120;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const roundNameField = z
  .string({ error: "quickscan.errors.nameRequired" })
  .trim()
  .min(1, { error: "quickscan.errors.nameRequired" })
  .max(ROUND_NAME_MAX, { error: "quickscan.errors.nameTooLong" });

/** Today in the Netherlands, as YYYY-MM-DD (a due date may be today or later). */
export function todayInAmsterdam(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const dueOnField = z
  .string({ error: "quickscan.errors.dueInvalid" })
  .trim()
  .refine(isRealDate, { error: "quickscan.errors.dueInvalid" })
  .refine((value) => value >= todayInAmsterdam(), { error: "quickscan.errors.duePast" })
  .optional();

export const createRoundSchema = z.object({ name: roundNameField, dueOn: dueOnField });

const id = z.string({ error: "quickscan.errors.notFound" }).min(1, { error: "quickscan.errors.notFound" }).max(100);

/** One row of the invite form per member: tick to invite, and the department they answer for. */
export const inviteRespondentsSchema = z
  .object({
    invitees: z
      .array(
        z.object({
          userId: id,
          selected: z.boolean().optional().default(false),
          departmentId: z.string().max(100).optional(),
        }),
      )
      .max(1000)
      .optional()
      .default([]),
  })
  .superRefine((value, ctx) => {
    if (!value.invitees.some((i) => i.selected)) ctx.addIssue({ code: "custom", path: ["invitees"], message: "quickscan.errors.noneSelected" });
  })
  .transform((value) => ({
    invitees: value.invitees.filter((i) => i.selected).map((i) => ({ userId: i.userId, departmentId: i.departmentId || null })),
  }));

/** Open, close and remind are confirmed in the page; the form carries the confirmation. */
export const confirmSchema = z.object({ confirm: z.literal("yes", { error: "quickscan.errors.confirm" }) });

export type AnswerIntent = "save" | "submit";

/**
 * The answer form of one round: per statement a value 1–5 or "weet niet" (`dk`). Saving allows
 * open statements; submitting requires every statement (each missing one gets its own error).
 */
export function answersSchema(instrument: ScanInstrument) {
  const allowed: [string, ...string[]] = [DONT_KNOW, ...scaleValues(instrument).map(String)];
  const statements = statementsOf(instrument);
  const shape = Object.fromEntries(statements.map((s) => [s.key, z.enum(allowed, { error: "quickscan.errors.answerInvalid" }).optional()]));
  return z
    .object({
      intent: z.enum(["save", "submit"], { error: "quickscan.errors.intent" }),
      answers: z.object(shape).optional().default({}),
    })
    .superRefine((value, ctx) => {
      if (value.intent !== "submit") return;
      const answers = value.answers as Record<string, string | undefined>;
      for (const s of statements) {
        if (!answers[s.key]) ctx.addIssue({ code: "custom", path: ["answers", s.key], message: "quickscan.errors.answerRequired" });
      }
    })
    .transform((value) => {
      const answers = value.answers as Record<string, string | undefined>;
      return {
        intent: value.intent as AnswerIntent,
        answers: statements
          .filter((s) => answers[s.key])
          .map((s) => ({ dimensionKey: s.dimensionKey, statementIndex: s.statementIndex, value: answers[s.key] === DONT_KNOW ? null : Number(answers[s.key]) })),
      };
    });
}
