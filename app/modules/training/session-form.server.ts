// Server side of the plan/change session form: the choices it offers, and turning the command's
// refusals into messages at the field they concern.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { requestLocale, requestT } from "../../i18n/request.server";
import type { Member } from "../auth/guards.server";
import { listDepartments } from "../departments/departments.server";
import { formatSessionTime } from "./local-time";
import { sessionSchema } from "./schema";
import { listTrainers, planSession, updateSession, type SessionOutcome } from "./sessions.server";
import { listTopics } from "./topics.server";

export async function sessionFormOptions(actor: Member) {
  const [trainers, departments, topics] = await Promise.all([listTrainers(actor), listDepartments(actor), listTopics(actor)]);
  return {
    trainers: trainers.map((t) => ({ userId: t.userId, name: t.name })),
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    topics: topics.map((t) => ({ id: t.id, title: t.title })),
  };
}

export type SessionFormReply = { result: SubmissionResult<string[]> };

/** Validates, plans (no sessionId) or changes the session; on success redirects to its page. */
export async function handleSessionForm(request: Request, member: Member, sessionId?: string) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: sessionSchema });
  if (submission.status !== "success") return data<SessionFormReply>({ result: submission.reply() }, { status: 400 });
  const outcome: SessionOutcome<{ sessionId: string }> = sessionId ? await updateSession(member, sessionId, submission.value) : await planSession(member, submission.value);
  if (outcome.ok) {
    const notice = sessionId ? "saved" : "planned";
    return redirect(`/g/${member.cbsCode}/training/sessies/${outcome.sessionId}?melding=${notice}`);
  }
  const t = requestT(request);
  const message = (key: string, values: Record<string, unknown> = {}) => t(`training.errors.${key}`, { ...values, interpolation: { escapeValue: false } });
  switch (outcome.error) {
    case "trainer_busy": {
      const trainers = await listTrainers(member);
      const trainer = trainers.find((tr) => tr.userId === submission.value.trainerUserId)?.name ?? "";
      const when = formatSessionTime(outcome.clash.startsAt, outcome.clash.endsAt, requestLocale(request));
      const text = outcome.clash.title === null ? message("trainer_busy_elsewhere", { trainer, when }) : message("trainer_busy", { trainer, title: outcome.clash.title, when });
      return data<SessionFormReply>({ result: submission.reply({ fieldErrors: { trainerUserId: [text] } }) }, { status: 409 });
    }
    case "trainer_invalid":
      return data<SessionFormReply>({ result: submission.reply({ fieldErrors: { trainerUserId: [message("trainer_invalid")] } }) }, { status: 400 });
    case "topics_invalid":
      return data<SessionFormReply>({ result: submission.reply({ fieldErrors: { topicIds: [message("topics_invalid")] } }) }, { status: 400 });
    case "departments_invalid":
      return data<SessionFormReply>({ result: submission.reply({ fieldErrors: { departmentIds: [message("departments_invalid")] } }) }, { status: 400 });
    case "capacity_below_registered":
      return data<SessionFormReply>({ result: submission.reply({ fieldErrors: { capacity: [message("capacity_below_registered", { registered: outcome.registered })] } }) }, { status: 409 });
    case "not_allowed":
      throw new Response("Forbidden", { status: 403 });
    case "not_found":
      throw new Response("Not found", { status: 404 });
    default:
      return data<SessionFormReply>({ result: submission.reply({ formErrors: [message(outcome.error)] }) }, { status: 409 });
  }
}
