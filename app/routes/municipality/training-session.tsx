// One training session: when, where, for whom, which topics; sign up or leave; for trainers the
// registrations, waiting list, invitations (mail with .ics), attendance, export and cancelling.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import styles from "../../styles/training.css?url";
import type { LinksFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Button,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { CheckboxGroup } from "../../components/ui/checkbox-group";
import { FormError, Notice } from "../../components/ui/form-field";
import { resultFor, useFormSubmitting } from "../../components/ui/form-state";
import { formIdOf, isOneOf } from "../../components/ui/intents";
import { TextareaField } from "../../components/ui/textarea-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { canTrain } from "../../modules/training/access";
import { formatSessionTime } from "../../modules/training/local-time";
import { audienceMembers, cancelRegistration, inviteToSession, signUp } from "../../modules/training/registrations.server";
import { cancelSessionSchema, inviteSchema, registrationSchema } from "../../modules/training/schema";
import { getSession } from "../../modules/training/session-view.server";
import { cancelSession } from "../../modules/training/sessions.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.session.title ?? "Sessie"} · Koers` }];

const INTENTS = ["signUp", "cancelMine", "removeRegistration", "invite", "cancelSession"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const session = await getSession(member, params.sessionId ?? "");
  if (!session) throw notFound();
  const audience = session.canManage && session.status === "planned" && !session.started ? await audienceMembers(member, session.id) : null;
  const registered = new Set(session.registrations.filter((r) => r.status === "registered").map((r) => r.userId));
  return {
    cbsCode: member.cbsCode,
    session,
    invitable: (audience ?? []).filter((m) => !registered.has(m.userId)),
  };
}

type Notice = { key: string; values?: Record<string, string | number> };
type ActionPayload = { formId: string; result: SubmissionResult<string[]>; notice: Notice | null };
const reply = (formId: string, result: SubmissionResult<string[]>, status = 200, notice: Notice | null = null) => data<ActionPayload>({ formId, result, notice }, { status });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const sessionId = params.sessionId ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!isOneOf(INTENTS, intent)) throw new Response("Unknown intent", { status: 400 });
  if ((intent === "removeRegistration" || intent === "invite" || intent === "cancelSession") && !canTrain(member.role)) throw new Response("Forbidden", { status: 403 });
  const t = requestT(request);
  const error = (key: string, values: Record<string, unknown> = {}) => t(`training.errors.${key}`, { ...values, interpolation: { escapeValue: false } });
  const statusOf = (e: string) => (e === "not_found" ? 404 : e === "not_allowed" ? 403 : 409);

  switch (intent) {
    case "signUp":
    case "cancelMine":
    case "removeRegistration": {
      const formId = formIdOf(intent, intent === "removeRegistration" ? String(formData.get("userId") ?? "") : undefined);
      const submission = parseWithZod(formData, { schema: registrationSchema });
      if (submission.status !== "success") return reply(formId, submission.reply(), 400);
      const outcome =
        intent === "signUp" ? await signUp(member, sessionId) : await cancelRegistration(member, sessionId, intent === "removeRegistration" ? submission.value.userId : member.userId);
      if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [error(outcome.error)] }), statusOf(outcome.error));
      const session = await getSession(member, sessionId);
      const notice: Notice =
        outcome.status === "registered"
          ? { key: "training.notices.signedUp", values: { title: session?.title ?? "" } }
          : outcome.status === "waitlisted"
            ? { key: "training.notices.waitlisted", values: { position: outcome.waitlistPosition ?? 0 } }
            : { key: intent === "removeRegistration" ? "training.notices.removed" : "training.notices.cancelled" };
      return reply(formId, submission.reply(), 200, notice);
    }
    case "invite": {
      const submission = parseWithZod(formData, { schema: inviteSchema });
      if (submission.status !== "success") return reply(intent, submission.reply(), 400);
      const outcome = await inviteToSession(member, sessionId, submission.value.userIds);
      if (!outcome.ok) {
        const message =
          outcome.error === "over_capacity"
            ? error("over_capacity", { freeSeats: outcome.freeSeats, requested: outcome.requested })
            : outcome.error === "not_members"
              ? error("not_members", { count: outcome.userIds.length })
              : error(outcome.error);
        return reply(intent, submission.reply({ fieldErrors: { userIds: [message] } }), statusOf(outcome.error));
      }
      return reply(intent, submission.reply({ resetForm: true }), 200, { key: "training.notices.invited", values: { count: outcome.invited } });
    }
    case "cancelSession": {
      const submission = parseWithZod(formData, { schema: cancelSessionSchema });
      if (submission.status !== "success") return reply(intent, submission.reply(), 400);
      const outcome = await cancelSession(member, sessionId, submission.value.reason);
      if (!outcome.ok) return reply(intent, submission.reply({ formErrors: [error(outcome.error)] }), statusOf(outcome.error));
      return reply(intent, submission.reply({ resetForm: true }), 200, { key: "training.notices.sessionCancelled" });
    }
  }
}

const useLastResult = (formId: string) => resultFor(useActionData<typeof action>(), formId);

export default function TrainingSession() {
  const { t, i18n } = useTranslation();
  const { cbsCode, session, invitable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const lang = i18n.language;
  const when = formatSessionTime(new Date(session.startsAt), new Date(session.endsAt), lang);
  const day = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "nl-NL", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" });
  const base = `/g/${cbsCode}/training/sessies/${session.id}`;
  const registered = session.registrations.filter((r) => r.status === "registered");
  const waitlist = session.registrations.filter((r) => r.status === "waitlisted");
  const created = params.get("melding");
  const free = session.capacity - session.registeredCount;
  return (
    <>
      <Paragraph>
        <Link to={`/g/${cbsCode}/training`}>← {t("training.title")}</Link>
      </Paragraph>
      <Heading1>{session.title}</Heading1>
      <div aria-live="polite">
        {created === "planned" || created === "saved" ? <Notice>{t(`training.form.${created}`)}</Notice> : null}
        {created === "gelogd" ? <Notice>{t("training.logForm.saved", { attended: Number(params.get("aanwezig") ?? 0), absent: Number(params.get("afwezig") ?? 0) })}</Notice> : null}
        {actionData?.notice ? <Notice>{t(actionData.notice.key, { ...actionData.notice.values, interpolation: { escapeValue: false } })}</Notice> : null}
      </div>
      <Paragraph>
        <span className={`koers-badge koers-badge--${session.status}`}>{t(`training.sessionStatus.${session.status}`)}</span>
      </Paragraph>
      {session.needsLog && session.canManage ? <Notice type="warning">{t("training.session.needsLog")}</Notice> : null}
      <dl className="koers-dl">
        <dt>{t("training.session.when")}</dt>
        <dd>{when}</dd>
        <dt>{t("training.session.place")}</dt>
        <dd>
          {session.location}
          {session.location && session.onlineUrl ? " · " : null}
          {session.onlineUrl ? (
            <a href={session.onlineUrl} rel="noreferrer noopener">
              {t("training.session.online")}
            </a>
          ) : null}
        </dd>
        <dt>{t("training.session.trainer")}</dt>
        <dd>{session.trainer.name}</dd>
        <dt>{t("training.session.capacity")}</dt>
        <dd>
          {t("training.sessions.seats", { registered: session.registeredCount, capacity: session.capacity })}
          {session.waitlistCount > 0 ? ` · ${t("training.sessions.waitlist", { count: session.waitlistCount })}` : null}
        </dd>
        <dt>{t("training.session.audience")}</dt>
        <dd>
          {session.audience.roles.length === 0 && session.audience.departments.length === 0 ? t("training.session.audienceAll") : null}
          {session.audience.roles.length > 0 ? <span>{t("training.session.audienceRoles", { roles: session.audience.roles.map((r) => t(`roles.${r}`)).join(", ") })} </span> : null}
          {session.audience.departments.length > 0 ? <span>{t("training.session.audienceDepartments", { departments: session.audience.departments.map((d) => d.name).join(", ") })}</span> : null}
        </dd>
        <dt>{t("training.session.topics")}</dt>
        <dd>
          <ul>
            {session.topics
              .filter((tp) => tp.planned || tp.covered)
              .map((tp) => (
                <li key={tp.id}>
                  {tp.title}
                  {session.status === "logged" ? <span className="koers-muted"> ({tp.covered ? t("training.session.topicCovered") : t("training.session.topicPlanned")})</span> : null}
                </li>
              ))}
          </ul>
        </dd>
        {session.description ? (
          <>
            <dt>{t("training.session.description")}</dt>
            <dd>{session.description}</dd>
          </>
        ) : null}
      </dl>

      <MyRegistration session={session} />

      {session.canManage ? (
        <section className="koers-section" aria-labelledby="manage-heading">
          <Heading2 id="manage-heading">{t("training.session.registrations")}</Heading2>
          <ul className="koers-inline-actions">
            {session.status === "planned" ? (
              <li>
                <Link to={`${base}/bewerken`}>{t("training.session.edit")}</Link>
              </li>
            ) : null}
            {session.started && session.status !== "cancelled" ? (
              <li>
                <Link to={`${base}/registreren`}>{session.status === "logged" ? t("training.session.correctLog") : t("training.session.log")}</Link>
              </li>
            ) : null}
            <li>
              <a href={`/g/${cbsCode}/training/aanwezigheid.xlsx?sessie=${session.id}`} download>
                {t("training.session.export")}
              </a>
            </li>
          </ul>
          {session.status === "logged" ? (
            <>
              <Paragraph>{t("training.session.loggedAt", { date: session.loggedAt ? day.format(new Date(session.loggedAt)) : "" })}</Paragraph>
              <PeopleTable caption={t("training.session.attendance")} people={session.attendance.map((a) => ({ ...a, state: a.attended ? t("training.session.present") : t("training.session.absent") }))} />
              {session.notes ? (
                <>
                  <h3 className="utrecht-heading-3">{t("training.session.notes")}</h3>
                  <Paragraph>{session.notes}</Paragraph>
                </>
              ) : null}
            </>
          ) : registered.length === 0 ? (
            <Paragraph>{t("training.session.noRegistrations")}</Paragraph>
          ) : (
            <PeopleTable
              caption={t("training.session.registrations")}
              people={registered.map((r) => ({ ...r, state: t(`training.session.${r.source}`) }))}
              remove={session.status === "planned" && !session.started}
            />
          )}
          {waitlist.length > 0 && session.status === "planned" ? (
            <PeopleTable caption={t("training.session.waitlist")} people={waitlist.map((r, i) => ({ ...r, state: `${i + 1}` }))} remove={!session.started} />
          ) : null}
          {session.status === "planned" && !session.started ? <InviteForm invitable={invitable} free={free} /> : null}
          {session.status === "planned" ? <CancelSessionForm /> : null}
        </section>
      ) : null}
    </>
  );
}

type SessionData = ReturnType<typeof useLoaderData<typeof loader>>["session"];

function MyRegistration({ session }: { session: SessionData }) {
  const { t } = useTranslation();
  const formId = session.myStatus ? "cancelMine" : "signUp";
  const lastResult = useLastResult(formId);
  const submitting = useFormSubmitting(formId);
  if (session.status === "logged") {
    return session.myAttendance === null ? null : <Paragraph>{session.myAttendance ? t("training.session.youAttended") : t("training.session.youWereAbsent")}</Paragraph>;
  }
  if (session.status !== "planned") return null;
  return (
    <section className="koers-section" aria-labelledby="mine-heading">
      <h2 id="mine-heading" className="visually-hidden">
        {t("training.session.signUp")}
      </h2>
      <FormError errors={lastResult?.error?.[""]} />
      {session.myStatus === "registered" ? <Paragraph>{t("training.session.registered")}</Paragraph> : null}
      {session.myStatus === "waitlisted" ? <Paragraph>{t("training.session.waitlisted", { position: session.myWaitlistPosition ?? 0 })}</Paragraph> : null}
      {session.myStatus && !session.started ? (
        <Form method="post" className="koers-inline-form">
          <input type="hidden" name="intent" value="cancelMine" />
          <input type="hidden" name="sessionId" value={session.id} />
          <Button type="submit" appearance="secondary-action-button" busy={submitting}>
            {session.myStatus === "waitlisted" ? t("training.session.leaveWaitlist") : t("training.session.cancelMine")}
          </Button>
        </Form>
      ) : session.canSignUp ? (
        <Form method="post" className="koers-inline-form">
          <input type="hidden" name="intent" value="signUp" />
          <input type="hidden" name="sessionId" value={session.id} />
          <Button type="submit" appearance="primary-action-button" busy={submitting}>
            {session.registeredCount >= session.capacity ? t("training.session.signUpWaitlist") : t("training.session.signUp")}
          </Button>
        </Form>
      ) : !session.myStatus ? (
        <Paragraph className="koers-muted">{!session.eligible ? t("training.session.notEligible") : t("training.session.closed")}</Paragraph>
      ) : null}
    </section>
  );
}

function PeopleTable({ caption, people, remove = false }: { caption: string; people: { userId: string; name: string; email: string; department: string | null; state: string }[]; remove?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table className="koers-table">
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t("training.session.columns.name")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("training.session.columns.email")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("training.session.columns.department")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("training.session.columns.status")}</TableHeaderCell>
          {remove ? <TableHeaderCell scope="col">{t("training.session.columns.actions")}</TableHeaderCell> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {people.map((p) => (
          <TableRow key={p.userId}>
            <TableHeaderCell scope="row">{p.name}</TableHeaderCell>
            <TableCell>{p.email}</TableCell>
            <TableCell>{p.department ?? "–"}</TableCell>
            <TableCell>{p.state}</TableCell>
            {remove ? (
              <TableCell>
                <RemoveRegistration userId={p.userId} name={p.name} />
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function RemoveRegistration({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation();
  const formId = formIdOf("removeRegistration", userId);
  const submitting = useFormSubmitting(formId, "userId");
  const lastResult = useLastResult(formId);
  return (
    <Form method="post" className="koers-inline-form">
      <FormError errors={lastResult?.error?.[""]} />
      <input type="hidden" name="intent" value="removeRegistration" />
      <input type="hidden" name="sessionId" value="-" />
      <input type="hidden" name="userId" value={userId} />
      <Button type="submit" appearance="subtle-button" busy={submitting}>
        {t("training.session.removeRegistration")}
        <span className="visually-hidden">: {name}</span>
      </Button>
    </Form>
  );
}

function InviteForm({ invitable, free }: { invitable: { userId: string; name: string; email: string; role: string; department: string | null }[]; free: number }) {
  const { t } = useTranslation();
  const lastResult = useLastResult("invite");
  const [form, fields] = useKoersForm(inviteSchema, { id: "invite", lastResult });
  const submitting = useFormSubmitting("invite");
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form" aria-labelledby="invite-heading">
      <h3 id="invite-heading" className="utrecht-heading-3">
        {t("training.session.invite.heading")}
      </h3>
      <Paragraph>{t("training.session.invite.intro", { free: Math.max(0, free) })}</Paragraph>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="invite" />
      <input type="hidden" name={fields.sessionId.name} value="-" />
      {invitable.length === 0 ? (
        <Paragraph>{t("training.session.invite.none")}</Paragraph>
      ) : (
        <>
          <CheckboxGroup
            field={fields.userIds}
            legend={t("training.session.invite.legend")}
            options={invitable.map((m) => ({
              value: m.userId,
              label: (
                <>
                  {m.name} <span className="koers-muted">({t(`roles.${m.role}`, { defaultValue: m.role })}{m.department ? `, ${m.department}` : ""})</span>
                </>
              ),
            }))}
          />
          <div>
            <Button type="submit" appearance="primary-action-button" busy={submitting}>
              {t("training.session.invite.submit")}
            </Button>
          </div>
        </>
      )}
    </Form>
  );
}

function CancelSessionForm() {
  const { t } = useTranslation();
  const lastResult = useLastResult("cancelSession");
  const [form, fields] = useKoersForm(cancelSessionSchema, { id: "cancelSession", lastResult });
  const submitting = useFormSubmitting("cancelSession");
  return (
    <details open={lastResult?.status === "error"}>
      <summary>{t("training.session.cancel")}</summary>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="cancelSession" />
        <input type="hidden" name={fields.sessionId.name} value="-" />
        <TextareaField field={fields.reason} label={t("training.session.cancelReason")} />
        <div>
          <Button type="submit" appearance="secondary-action-button" busy={submitting}>
            {t("training.session.cancelConfirm")}
          </Button>
        </div>
      </Form>
    </details>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
