// One quickscan round. Everyone who reads the programme sees the results once they are there:
// response rate, a radar chart (server-rendered SVG; this round against the previous closed
// round) with the same figures in a table, and the spread between departments; never anyone's
// individual answers. The programme lead sees who was invited and who submitted, invites more,
// and opens, reminds and closes the round (each confirmed).
import { resultFor, useFormSubmitting } from "../../components/ui/form-state";
import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link as RemixLink, useActionData, useLoaderData } from "@remix-run/react";
import {
  Button,
  FormFieldErrorMessage,
  Heading1,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { FormError, Notice } from "../../components/ui/form-field";
import { formIdOf, isOneOf } from "../../components/ui/intents";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { forbidden, notFound, requireMember } from "../../modules/auth/guards.server";
import { can, isRole } from "../../modules/auth/roles";
import { listDepartments } from "../../modules/departments/departments.server";
import { listMembers } from "../../modules/members/members.server";
import { formatDay, formatMoment } from "../../modules/programme/format";
import { MIN_GROUP_SIZE, type DimensionResult } from "../../modules/strategy/quickscan/aggregate";
import { getOwnResponse } from "../../modules/strategy/quickscan/answers.server";
import { formatDelta, formatMean, formatPercent } from "../../modules/strategy/quickscan/format";
import { renderRadarSvg } from "../../modules/strategy/quickscan/radar.server";
import { roundResults } from "../../modules/strategy/quickscan/results.server";
import {
  canManageQuickscan,
  closeRound,
  getRound,
  inviteRespondents,
  listRespondents,
  openRound,
  sendReminder,
  type RoundError,
} from "../../modules/strategy/quickscan/rounds.server";
import { confirmSchema, inviteRespondentsSchema } from "../../modules/strategy/quickscan/schema";
import styles from "../../styles/quickscan.css?url";

export const meta: MetaFunction<typeof loader> = ({ data: loaded, error }) => {
  if (error || !loaded) {
    const status = isRouteErrorResponse(error) ? error.status : 500;
    return [{ title: `${status === 404 ? "Pagina niet gevonden" : status === 403 ? "Geen toegang" : "Er ging iets mis"} · Koers` }];
  }
  return [{ title: `${loaded.round.name} · Quickscan · Koers` }];
};
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const INTENTS = ["invite", "open", "remind", "close"] as const;
type Intent = (typeof INTENTS)[number];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { programme: ["read"] });
  const round = await getRound(member, params.roundId ?? "");
  if (!round) throw notFound();
  const t = requestT(request);
  const canManage = canManageQuickscan(member);
  const [results, respondents, members, departments, own] = await Promise.all([
    roundResults(member, round.id),
    canManage ? listRespondents(member, round.id) : Promise.resolve(undefined),
    canManage ? listMembers(member) : Promise.resolve([]),
    canManage ? listDepartments(member) : Promise.resolve([]),
    getOwnResponse(member, round.id),
  ]);

  let chart: { svg: string; compared: string | null } | null = null;
  if (results?.aggregate.dimensions) {
    const previousDimensions = results.previous?.aggregate.dimensions ?? null;
    const series = [{ name: round.name, values: results.aggregate.dimensions.map((d) => d.mean) }];
    if (results.previous && previousDimensions) {
      const byKey = new Map(previousDimensions.map((d) => [d.key, d.mean]));
      series.push({ name: results.previous.name, values: results.aggregate.dimensions.map((d) => byKey.get(d.key) ?? null) });
    }
    chart = {
      svg: renderRadarSvg({ indicators: results.aggregate.dimensions.map((d) => d.name), max: round.instrument.scale.max, series }),
      compared: series.length > 1 ? results.previous!.name : null,
    };
  }

  const invitedIds = new Set((respondents ?? []).map((r) => r.userId));
  const ownerOf = new Map<string, string>();
  for (const d of departments) for (const o of d.owners) if (!ownerOf.has(o.userId)) ownerOf.set(o.userId, d.id);
  const eligible = members
    .filter((m) => isRole(m.role) && can(m.role, { quickscan: ["answer"] }) && !invitedIds.has(m.userId))
    .map((m) => ({ userId: m.userId, name: m.name, email: m.email, role: m.role, departmentId: ownerOf.get(m.userId) ?? "" }));

  return {
    cbsCode: member.cbsCode,
    canManage,
    round: {
      id: round.id,
      name: round.name,
      status: round.status,
      dueOn: round.dueOn,
      openedAt: round.openedAt?.toISOString() ?? null,
      closedAt: round.closedAt?.toISOString() ?? null,
    },
    own: own.ok ? { started: Boolean(own.value.response.startedAt), submitted: Boolean(own.value.response.submittedAt) } : null,
    results,
    chart,
    respondents: (respondents ?? []).map((r) => ({
      userId: r.userId,
      name: r.name,
      email: r.email,
      departmentName: r.departmentName,
      started: Boolean(r.startedAt),
      submittedAt: r.submittedAt?.toISOString() ?? null,
    })),
    eligible,
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    labels: { noDepartment: t("quickscan.respondents.noDepartment") },
  };
}

type ActionPayload = { formId: string; result: SubmissionResult<string[]>; notice: string | null };

function reply(formId: string, result: SubmissionResult<string[]>, status = 200, notice: string | null = null) {
  return data<ActionPayload>({ formId, result, notice }, { status });
}

const statusOf = (error: string) => (error === "notFound" ? 404 : error === "notAllowed" ? 403 : 409);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const round = await getRound(member, params.roundId ?? "");
  if (!round) throw notFound();
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!isOneOf(INTENTS, intent)) throw new Response("Unknown intent", { status: 400 });
  if (!canManageQuickscan(member)) throw forbidden();
  const t = requestT(request);
  const refusal = (error: RoundError | string, values: Record<string, unknown> = {}) => t(`quickscan.errors.${error}`, values);

  if (intent === "invite") {
    const formId = formIdOf(intent);
    const submission = parseWithZod(formData, { schema: inviteRespondentsSchema });
    if (submission.status !== "success") return reply(formId, submission.reply(), 400);
    const outcome = await inviteRespondents(member, round.id, submission.value.invitees);
    if (!outcome.ok) {
      const message = outcome.error === "cannotAnswer" ? refusal(outcome.error, { names: outcome.names.join(", ") }) : refusal(outcome.error);
      return reply(formId, submission.reply({ formErrors: [message] }), statusOf(outcome.error));
    }
    const skippedNames = outcome.skipped.map((s) => s.name).join(", ");
    const parts: string[] = [];
    if (outcome.invited.length > 0) parts.push(t(outcome.mailed ? "quickscan.notices.invitedMailed" : "quickscan.notices.invited", { count: outcome.invited.length }));
    if (outcome.skipped.length > 0) parts.push(t(outcome.invited.length > 0 ? "quickscan.notices.skipped" : "quickscan.notices.nothingNew", { names: skippedNames }));
    return reply(formId, submission.reply({ resetForm: true }), 200, parts.join(" "));
  }

  const formId = formIdOf(intent);
  const submission = parseWithZod(formData, { schema: confirmSchema });
  if (submission.status !== "success") return reply(formId, submission.reply(), 400);
  const command = { open: openRound, remind: sendReminder, close: closeRound }[intent as Exclude<Intent, "invite">];
  const outcome = await command(member, round.id);
  if (!outcome.ok) return reply(formId, submission.reply({ formErrors: [refusal(outcome.error)] }), statusOf(outcome.error));
  const notice = intent === "open" ? t("quickscan.notices.opened", { count: outcome.mailed }) : intent === "remind" ? t("quickscan.notices.reminded", { count: outcome.mailed }) : t("quickscan.notices.closed");
  return reply(formId, submission.reply(), 200, notice);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

const useLastResult = (formId: string) => resultFor(useActionData<typeof action>(), formId);

const useSubmitting = (intent: Intent) => useFormSubmitting(intent);

export default function QuickscanRound() {
  const { t, i18n } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { round, own, canManage, cbsCode } = loaded;
  const base = `/g/${cbsCode}/quickscan`;
  const renderedForms = new Set<string>(["invite", ...(round.status === "draft" ? ["open"] : round.status === "open" ? ["remind", "close"] : [])]);
  const orphanErrors = actionData && !renderedForms.has(actionData.formId) ? actionData.result.error?.[""] : undefined;
  return (
    <>
      <Paragraph>
        <RemixLink to={base}>{t("quickscan.round.back")}</RemixLink>
      </Paragraph>
      <Heading1>{round.name}</Heading1>
      <dl className="koers-facts" aria-label={t("quickscan.round.facts")}>
        <dt>{t("quickscan.round.status")}</dt>
        <dd>
          <span className={`koers-badge koers-badge--${round.status}`}>{t(`quickscan.status.${round.status}`)}</span>
        </dd>
        <dt>{t("quickscan.round.dueOn")}</dt>
        <dd>{formatDay(round.dueOn, i18n.language) ?? t("quickscan.rounds.noDue")}</dd>
        <dt>{t("quickscan.round.opened")}</dt>
        <dd>{formatMoment(round.openedAt, i18n.language) ?? t("quickscan.round.notYet")}</dd>
        {round.closedAt ? (
          <>
            <dt>{t("quickscan.round.closed")}</dt>
            <dd>{formatMoment(round.closedAt, i18n.language)}</dd>
          </>
        ) : null}
      </dl>
      {own && round.status !== "draft" ? (
        <Paragraph>
          <RemixLink to={`${base}/${round.id}/invullen`}>
            {own.submitted || round.status === "closed" ? t("quickscan.round.viewOwnLink") : own.started ? t("quickscan.round.continueLink") : t("quickscan.round.answerLink")}
          </RemixLink>
        </Paragraph>
      ) : null}
      <div aria-live="polite">{actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}</div>
      <FormError errors={orphanErrors} />
      {round.status === "draft" && canManage ? <Paragraph>{t("quickscan.round.draftNotice")}</Paragraph> : null}

      <Results />

      {canManage ? <Management /> : null}
    </>
  );
}

function MeanCell({ dimension }: { dimension: DimensionResult | undefined }) {
  const { t, i18n } = useTranslation();
  if (!dimension) return <TableCell className="koers-qs-num">–</TableCell>;
  return <TableCell className="koers-qs-num">{dimension.mean === null ? t("quickscan.results.noMean") : formatMean(dimension.mean, i18n.language)}</TableCell>;
}

function Results() {
  const { t, i18n } = useTranslation();
  const { round, results, chart } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  if (!results) {
    return (
      <section className="koers-section koers-qs-block" aria-labelledby="qs-results-heading">
        <Heading2 id="qs-results-heading">{t("quickscan.results.heading")}</Heading2>
        <Paragraph>{t("quickscan.results.draft")}</Paragraph>
      </section>
    );
  }
  const { aggregate, spread, previous, comparison } = results;
  const previousByKey = new Map(comparison?.map((c) => [c.key, c]) ?? []);
  return (
    <section className="koers-section koers-qs-block" aria-labelledby="qs-results-heading">
      <Heading2 id="qs-results-heading">{t("quickscan.results.heading")}</Heading2>
      <div aria-live="polite">
        <Paragraph>
          {aggregate.invited > 0
            ? t("quickscan.results.responseRate", { submitted: aggregate.submitted, invited: aggregate.invited, percent: formatPercent(aggregate.responseRate ?? 0, lang) })
            : t("quickscan.results.noInvited")}
        </Paragraph>
        {aggregate.hiddenUntilClosed ? (
          <Paragraph>{t("quickscan.results.untilClosed", { min: aggregate.threshold })}</Paragraph>
        ) : !aggregate.visible ? (
          <Paragraph>{t("quickscan.results.tooFew", { count: aggregate.submitted, min: aggregate.threshold })}</Paragraph>
        ) : null}
      </div>
      {aggregate.dimensions ? (
        <>
          {chart ? (
            <figure className="koers-qs-figure" role="img" aria-labelledby="qs-chart-caption">
              <figcaption id="qs-chart-caption">
                {chart.compared
                  ? t("quickscan.results.chartCaptionCompared", { round: round.name, previous: chart.compared })
                  : t("quickscan.results.chartCaption", { round: round.name })}
                <span className="visually-hidden"> {t("quickscan.results.chartNote")}</span>
              </figcaption>
              <div dangerouslySetInnerHTML={{ __html: chart.svg }} />
            </figure>
          ) : null}
          <Table className="koers-table">
            <TableCaption>{t("quickscan.results.tableCaption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("quickscan.results.dimension")}</TableHeaderCell>
                <TableHeaderCell scope="col" className="koers-qs-num">
                  {t("quickscan.results.mean")}
                </TableHeaderCell>
                <TableHeaderCell scope="col">{t("quickscan.results.phase")}</TableHeaderCell>
                <TableHeaderCell scope="col" className="koers-qs-num">
                  {t("quickscan.results.answered")}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="koers-qs-num">
                  {t("quickscan.results.dontKnow")}
                </TableHeaderCell>
                {comparison && previous ? (
                  <>
                    <TableHeaderCell scope="col" className="koers-qs-num">
                      {t("quickscan.results.previous", { name: previous.name })}
                    </TableHeaderCell>
                    <TableHeaderCell scope="col" className="koers-qs-num">
                      {t("quickscan.results.delta")}
                    </TableHeaderCell>
                  </>
                ) : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {aggregate.dimensions.map((d) => {
                const c = previousByKey.get(d.key);
                return (
                  <TableRow key={d.key}>
                    <TableHeaderCell scope="row">{d.name}</TableHeaderCell>
                    <MeanCell dimension={d} />
                    <TableCell>{d.phase ?? "–"}</TableCell>
                    <TableCell className="koers-qs-num">{d.answered}</TableCell>
                    <TableCell className="koers-qs-num">{d.dontKnow}</TableCell>
                    {comparison && previous ? (
                      <>
                        <TableCell className="koers-qs-num">{c?.previous != null ? formatMean(c.previous, lang) : "–"}</TableCell>
                        <TableCell className="koers-qs-num">{c?.delta != null ? formatDelta(c.delta, lang) : "–"}</TableCell>
                      </>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {aggregate.overallMean !== null ? <Paragraph>{t("quickscan.results.overall", { mean: formatMean(aggregate.overallMean, lang) })}</Paragraph> : null}
          {!previous ? (
            <Paragraph>{t("quickscan.results.noPrevious")}</Paragraph>
          ) : !comparison ? (
            <Paragraph>{t("quickscan.results.previousTooFew", { name: previous.name })}</Paragraph>
          ) : null}

          <h3 id="qs-spread-heading" className="utrecht-heading-3">
            {t("quickscan.results.spreadHeading")}
          </h3>
          <Paragraph>{t("quickscan.results.spreadIntro", { min: MIN_GROUP_SIZE })}</Paragraph>
          {spread.groups.length === 0 ? <Paragraph>{t("quickscan.results.spreadNone", { min: MIN_GROUP_SIZE })}</Paragraph> : null}
          {spread.groups.length > 0 || spread.other?.dimensions ? (
            <div className="koers-qs-scroll" tabIndex={0} role="region" aria-labelledby="qs-spread-heading">
              <Table className="koers-table">
                <TableCaption className="visually-hidden">{t("quickscan.results.spreadCaption")}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t("quickscan.results.dimension")}</TableHeaderCell>
                    {spread.groups.map((g) => (
                      <TableHeaderCell scope="col" key={g.departmentId} className="koers-qs-num">
                        {t("quickscan.results.departmentColumn", { name: g.name, count: g.respondents })}
                      </TableHeaderCell>
                    ))}
                    {spread.other ? (
                      <TableHeaderCell scope="col" className="koers-qs-num">
                        {t("quickscan.results.other", { count: spread.other.respondents })}
                      </TableHeaderCell>
                    ) : null}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {aggregate.dimensions.map((d, index) => (
                    <TableRow key={d.key}>
                      <TableHeaderCell scope="row">{d.name}</TableHeaderCell>
                      {spread.groups.map((g) => (
                        <MeanCell key={g.departmentId} dimension={g.dimensions[index]} />
                      ))}
                      {spread.other ? (
                        spread.other.dimensions ? (
                          <MeanCell dimension={spread.other.dimensions[index]} />
                        ) : (
                          <TableCell className="koers-qs-num">{t("quickscan.results.otherTooFew")}</TableCell>
                        )
                      ) : null}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function Management() {
  const { t, i18n } = useTranslation();
  const { round, respondents } = useLoaderData<typeof loader>();
  const pending = respondents.filter((r) => !r.submittedAt).length;
  return (
    <>
      <section className="koers-section koers-qs-block" aria-labelledby="qs-respondents-heading">
        <Heading2 id="qs-respondents-heading">{t("quickscan.respondents.heading")}</Heading2>
        <Paragraph>{t("quickscan.respondents.privacy")}</Paragraph>
        {respondents.length === 0 ? (
          <Paragraph>{t("quickscan.respondents.none")}</Paragraph>
        ) : (
          <Table className="koers-table">
            <TableCaption className="visually-hidden">{t("quickscan.respondents.caption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("quickscan.respondents.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("common.email")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("quickscan.respondents.department")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("quickscan.respondents.status")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {respondents.map((r) => (
                <TableRow key={r.userId}>
                  <TableHeaderCell scope="row">{r.name}</TableHeaderCell>
                  <TableCell>{r.email}</TableCell>
                  <TableCell>{r.departmentName ?? <span className="koers-muted">{t("quickscan.respondents.noDepartment")}</span>}</TableCell>
                  <TableCell>
                    {r.submittedAt
                      ? t("quickscan.respondents.submittedOn", { date: formatMoment(r.submittedAt, i18n.language) })
                      : r.started
                        ? t("quickscan.respondents.started")
                        : t("quickscan.respondents.invited")}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {round.status !== "closed" ? <InviteForm /> : null}
      </section>

      {round.status !== "closed" ? (
        <section className="koers-section" aria-labelledby="qs-controls-heading">
          <Heading2 id="qs-controls-heading">{t("quickscan.controls.heading")}</Heading2>
          {round.status === "draft" ? (
            respondents.length > 0 ? (
              <ConfirmAction intent="open" summary={t("quickscan.controls.open")} intro={t("quickscan.controls.openIntro", { count: respondents.length })} confirm={t("quickscan.controls.openConfirm")} primary />
            ) : (
              <Paragraph>{t("quickscan.controls.openNeedsRespondents")}</Paragraph>
            )
          ) : (
            <>
              {pending > 0 ? (
                <ConfirmAction intent="remind" summary={t("quickscan.controls.remind")} intro={t("quickscan.controls.remindIntro", { count: pending })} confirm={t("quickscan.controls.remindConfirm")} />
              ) : (
                <Paragraph>{t("quickscan.controls.remindNobody")}</Paragraph>
              )}
              <ConfirmAction intent="close" summary={t("quickscan.controls.close")} intro={t("quickscan.controls.closeIntro")} confirm={t("quickscan.controls.closeConfirm")} />
            </>
          )}
        </section>
      ) : null}
    </>
  );
}

type Eligible = LoaderData["eligible"][number];

function InviteForm() {
  const { t } = useTranslation();
  const { round, eligible, departments, labels } = useLoaderData<typeof loader>();
  if (eligible.length === 0) {
    return (
      <>
        <h3 className="utrecht-heading-3">{t("quickscan.invite.heading")}</h3>
        <Paragraph>{t("quickscan.invite.everyoneInvited")}</Paragraph>
      </>
    );
  }
  // Keyed on who can still be invited, so a successful invitation shows the remaining members afresh.
  return <InviteFormFields key={eligible.map((m) => m.userId).join(",")} eligible={eligible} departments={departments} open={round.status === "open"} noDepartment={labels.noDepartment} />;
}

function InviteFormFields({ eligible, departments, open, noDepartment }: { eligible: Eligible[]; departments: { id: string; name: string }[]; open: boolean; noDepartment: string }) {
  const { t } = useTranslation();
  const formId = formIdOf("invite");
  const [form, fields] = useKoersForm(inviteRespondentsSchema, {
    id: formId,
    lastResult: useLastResult(formId),
    defaultValue: { invitees: eligible.map((m) => ({ userId: m.userId, departmentId: m.departmentId })) },
  });
  const list = fields.invitees.getFieldList();
  const errors = fields.invitees.errors?.map((e) => t(e, { defaultValue: e }));
  const submitting = useSubmitting("invite");
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form" aria-labelledby="qs-invite-heading" aria-describedby="qs-invite-intro">
      <h3 id="qs-invite-heading" className="utrecht-heading-3">
        {t("quickscan.invite.heading")}
      </h3>
      <div id="qs-invite-intro">
        <Paragraph>{t("quickscan.invite.intro")}</Paragraph>
        {open ? <Paragraph>{t("quickscan.invite.introOpen")}</Paragraph> : null}
      </div>
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="invite" />
      {errors?.length ? <FormFieldErrorMessage id={fields.invitees.errorId}>{errors.join(" ")}</FormFieldErrorMessage> : null}
      <Table className="koers-table" aria-describedby={errors?.length ? fields.invitees.errorId : undefined}>
        <TableCaption className="visually-hidden">{t("quickscan.invite.caption")}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("quickscan.invite.member")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("quickscan.invite.role")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("quickscan.respondents.department")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {list.map((item, index) => {
            const m = eligible[index];
            if (!m) return null;
            const f = item.getFieldset();
            const { key: checkKey, ...checkProps } = getInputProps(f.selected, { type: "checkbox" });
            const { key: selectKey, ...selectProps } = getSelectProps(f.departmentId);
            return (
              <TableRow key={m.userId}>
                <TableCell>
                  <input type="hidden" name={f.userId.name} value={m.userId} />
                  <label className="koers-check">
                    <input key={checkKey} {...checkProps} aria-invalid={errors?.length ? true : undefined} />
                    <span>
                      {m.name} <span className="koers-muted">({m.email})</span>
                    </span>
                  </label>
                </TableCell>
                <TableCell>{t(`roles.${m.role}`, { defaultValue: m.role })}</TableCell>
                <TableCell>
                  <label htmlFor={f.departmentId.id} className="visually-hidden">
                    {t("quickscan.invite.departmentOf", { name: m.name })}
                  </label>
                  <Select key={selectKey} {...selectProps}>
                    <SelectOption value="">{noDepartment}</SelectOption>
                    {departments.map((d) => (
                      <SelectOption key={d.id} value={d.id}>
                        {d.name}
                      </SelectOption>
                    ))}
                  </Select>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <div>
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {open ? t("quickscan.invite.submitOpen") : t("quickscan.invite.submit")}
        </Button>
      </div>
    </Form>
  );
}

function ConfirmAction({ intent, summary, intro, confirm, primary = false }: { intent: Exclude<Intent, "invite">; summary: string; intro: string; confirm: string; primary?: boolean }) {
  const formId = formIdOf(intent);
  const lastResult = useLastResult(formId);
  const [form] = useKoersForm(confirmSchema, { id: formId, lastResult });
  const submitting = useSubmitting(intent);
  return (
    <details className="koers-disclosure" open={lastResult?.status === "error"}>
      <summary>{summary}</summary>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={Object.values(form.allErrors).flat()} />
        <Paragraph>{intro}</Paragraph>
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="confirm" value="yes" />
        <div>
          <Button type="submit" appearance={primary ? "primary-action-button" : "secondary-action-button"} busy={submitting}>
            {confirm}
          </Button>
        </div>
      </Form>
    </details>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
