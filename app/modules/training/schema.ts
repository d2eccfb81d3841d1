// Form schemas of the training module (shared by form and server). Messages are i18n keys.
import { z } from "zod";
import { ROLES } from "../auth/roles";

export const TITLE_MAX = 200;
export const TEXT_MAX = 4000;
export const CAPACITY_MAX = 1000;

const id = z.string({ error: "training.errors.notFound" }).min(1, { error: "training.errors.notFound" }).max(100);
const ids = z.array(z.string().min(1).max(100)).max(2000).default([]);
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, { error: tooLong })
    .optional()
    .transform((v) => (v ? v : undefined));

export const topicTitleField = z
  .string({ error: "training.errors.topicTitleRequired" })
  .trim()
  .min(1, { error: "training.errors.topicTitleRequired" })
  .max(TITLE_MAX, { error: "training.errors.titleTooLong" });

export const roleListField = z.array(z.enum(ROLES, { error: "training.errors.roleInvalid" })).max(ROLES.length).default([]);

export const createTopicSchema = z.object({
  title: topicTitleField,
  description: optionalText(TEXT_MAX, "training.errors.textTooLong"),
  roles: roleListField,
});

export const updateTopicSchema = createTopicSchema.extend({ topicId: id });
export const topicIdSchema = z.object({ topicId: id });

export const coverageTargetSchema = z.object({
  percent: z
    .number({ error: "training.errors.targetInvalid" })
    .int({ error: "training.errors.targetInvalid" })
    .min(1, { error: "training.errors.targetInvalid" })
    .max(100, { error: "training.errors.targetInvalid" }),
});

const dateField = z
  .string({ error: "training.errors.dateRequired" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "training.errors.dateInvalid" })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { error: "training.errors.dateInvalid" });
const timeField = z.string({ error: "training.errors.timeRequired" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "training.errors.timeInvalid" });

export const sessionSchema = z
  .object({
    title: z
      .string({ error: "training.errors.sessionTitleRequired" })
      .trim()
      .min(1, { error: "training.errors.sessionTitleRequired" })
      .max(TITLE_MAX, { error: "training.errors.titleTooLong" }),
    description: optionalText(TEXT_MAX, "training.errors.textTooLong"),
    date: dateField,
    startTime: timeField,
    endTime: timeField,
    location: optionalText(TITLE_MAX, "training.errors.titleTooLong"),
    onlineUrl: z
      .string()
      .trim()
      .max(2000, { error: "training.errors.urlInvalid" })
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || /^https:\/\/[^\s]+$/i.test(v), { error: "training.errors.urlInvalid" }),
    capacity: z
      .number({ error: "training.errors.capacityInvalid" })
      .int({ error: "training.errors.capacityInvalid" })
      .min(1, { error: "training.errors.capacityInvalid" })
      .max(CAPACITY_MAX, { error: "training.errors.capacityInvalid" }),
    trainerUserId: id,
    roles: roleListField,
    departmentIds: ids,
    topicIds: z.array(z.string().min(1).max(100)).min(1, { error: "training.errors.topicsRequired" }).max(200),
    openForSignUp: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (!value.location && !value.onlineUrl) ctx.addIssue({ code: "custom", path: ["location"], message: "training.errors.placeRequired" });
    if (value.endTime <= value.startTime) ctx.addIssue({ code: "custom", path: ["endTime"], message: "training.errors.endBeforeStart" });
  });

type ParsedSession = z.infer<typeof sessionSchema>;
/** The validated session; the optional texts may be left out by callers other than the form. */
export type SessionInput = Omit<ParsedSession, "description" | "location" | "onlineUrl"> & { description?: string; location?: string; onlineUrl?: string };

export const sessionIdSchema = z.object({ sessionId: id });
export const cancelSessionSchema = z.object({
  sessionId: id,
  reason: z.string({ error: "training.errors.reasonRequired" }).trim().min(1, { error: "training.errors.reasonRequired" }).max(TEXT_MAX, { error: "training.errors.textTooLong" }),
});

export const inviteSchema = z.object({
  sessionId: id,
  userIds: z.array(z.string().min(1).max(100)).min(1, { error: "training.errors.inviteesRequired" }).max(1000),
});

export const registrationSchema = z.object({ sessionId: id, userId: id.optional() });

export const logSessionSchema = z.object({
  sessionId: id,
  attendeeIds: ids,
  coveredTopicIds: ids,
  notes: optionalText(TEXT_MAX, "training.errors.textTooLong"),
});

/** "I have read the rules of use", for the version the member saw. */
export const acknowledgeRulesSchema = z.object({ versionId: z.string({ error: "training.errors.no_rules" }).regex(/^[0-9a-f-]{36}$/i, { error: "training.errors.no_rules" }) });

export const memberDepartmentSchema = z.object({ userId: id, departmentId: z.string().max(100).optional() });
