// Log a session afterwards: who attended (registered people, plus walk-ins from the municipality),
// which topics were covered, notes. Attendance ticks the covered topics on each attendee's checklist.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import styles from "../../styles/training.css?url";
import type { LinksFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { CheckboxGroup } from "../../components/ui/checkbox-group";
import { FormError } from "../../components/ui/form-field";
import { TextareaField } from "../../components/ui/textarea-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { listMembers } from "../../modules/members/members.server";
import { logSession } from "../../modules/training/attendance.server";
import { formatSessionTime } from "../../modules/training/local-time";
import { logSessionSchema } from "../../modules/training/schema";
import { getSession } from "../../modules/training/session-view.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Aanwezigheid registreren · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { training: ["log"] });
  const [session, members] = await Promise.all([getSession(member, params.sessionId ?? ""), listMembers(member)]);
  if (!session) throw notFound();
  const registered = session.registrations.filter((r) => r.status === "registered");
  const listed = new Set(registered.map((r) => r.userId));
  for (const a of session.attendance) listed.add(a.userId);
  const attended = session.status === "logged" ? session.attendance.filter((a) => a.attended).map((a) => a.userId) : registered.map((r) => r.userId);
  const covered = session.status === "logged" ? session.topics.filter((tp) => tp.covered).map((tp) => tp.id) : session.topics.filter((tp) => tp.planned).map((tp) => tp.id);
  return {
    cbsCode: member.cbsCode,
    session: { id: session.id, title: session.title, startsAt: session.startsAt, endsAt: session.endsAt, status: session.status, started: session.started, notes: session.notes },
    people: [...registered.map((r) => ({ userId: r.userId, name: r.name, department: r.department })), ...session.attendance.filter((a) => !registered.some((r) => r.userId === a.userId)).map((a) => ({ userId: a.userId, name: a.name, department: a.department }))],
    walkIns: members.filter((m) => !listed.has(m.userId)).map((m) => ({ userId: m.userId, name: m.name, email: m.email })),
    topics: session.topics.map((tp) => ({ id: tp.id, title: tp.title })),
    defaults: { attended, covered },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, { training: ["log"] });
  const formData = await request.formData();
  // The form has two checkbox groups for people (registered and walk-ins); both are attendees.
  for (const walkIn of formData.getAll("walkInIds")) formData.append("attendeeIds", walkIn);
  const submission = parseWithZod(formData, { schema: logSessionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() as SubmissionResult<string[]> }, { status: 400 });
  const outcome = await logSession(member, params.sessionId ?? "", submission.value);
  if (!outcome.ok) {
    if (outcome.error === "not_found") throw notFound();
    const t = requestT(request);
    const message = outcome.error === "not_members" ? t("training.errors.not_members", { count: outcome.userIds.length }) : t(`training.errors.${outcome.error}`);
    const field = outcome.error === "not_members" ? "attendeeIds" : outcome.error.startsWith("topics") ? "coveredTopicIds" : "";
    return data({ result: submission.reply(field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] }) as SubmissionResult<string[]> }, { status: outcome.error === "not_allowed" ? 403 : 409 });
  }
  return redirect(`/g/${member.cbsCode}/training/sessies/${params.sessionId}?melding=gelogd&aanwezig=${outcome.attended}&afwezig=${outcome.absent}`);
}

export default function LogSession() {
  const { t, i18n } = useTranslation();
  const { cbsCode, session, people, walkIns, topics, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useKoersForm(logSessionSchema, {
    id: "log",
    lastResult: actionData?.result,
    defaultValue: { sessionId: session.id, attendeeIds: defaults.attended, coveredTopicIds: defaults.covered, notes: session.notes ?? undefined },
  });
  return (
    <>
      <Paragraph>
        <Link to={`/g/${cbsCode}/training/sessies/${session.id}`}>← {session.title}</Link>
      </Paragraph>
      <Heading1>{t("training.logForm.title", { title: session.title })}</Heading1>
      <Paragraph>{formatSessionTime(new Date(session.startsAt), new Date(session.endsAt), i18n.language)}</Paragraph>
      <Paragraph>{t("training.logForm.intro")}</Paragraph>
      {!session.started ? <Paragraph>{t("training.errors.not_started")}</Paragraph> : null}
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <input type="hidden" name={fields.sessionId.name} value={session.id} />
        {people.length > 0 ? (
          <CheckboxGroup
            field={fields.attendeeIds}
            legend={t("training.logForm.attendees")}
            hint={t("training.logForm.attendeesHint")}
            options={people.map((p) => ({ value: p.userId, label: <>{p.name}{p.department ? <span className="koers-muted"> ({p.department})</span> : null}</> }))}
          />
        ) : null}
        {walkIns.length > 0 ? (
          <CheckboxGroup
            field={fields.attendeeIds}
            as="walkInIds"
            showErrors={people.length === 0}
            legend={t("training.logForm.walkIns")}
            hint={t("training.logForm.walkInsHint")}
            options={walkIns.map((m) => ({ value: m.userId, label: <>{m.name} <span className="koers-muted">({m.email})</span></> }))}
          />
        ) : null}
        <CheckboxGroup field={fields.coveredTopicIds} legend={t("training.logForm.covered")} options={topics.map((tp) => ({ value: tp.id, label: tp.title }))} />
        <TextareaField field={fields.notes} label={t("training.logForm.notes")} rows={4} />
        <div>
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === "submitting"}>
            {t("training.logForm.submit")}
          </Button>
        </div>
      </Form>
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
