// An agreement's page: the version shown (current, or an older one with ?versie=N) rendered
// readably, the gaps of a draft, the lifecycle steps the actor's role allows, review comments, the
// signatures recorded, the frozen text with its hash, the version history, and panels that other
// parts (signing, seal, ODCS, deliveries) add through AGREEMENT_PANELS. One action, one intent per form.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ButtonLink, Heading1, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import type { TFunction } from "i18next";
import { useTranslation } from "../../i18n/use-translation";
import type { z } from "zod";
import { AgreementVersionView } from "../../components/agreements/agreement-version";
import { OdcsPanel } from "../../components/agreements/odcs-panel";
import { SigningPanel } from "../../components/agreements/signing-panel";
import { AgreementDeliveriesPanel } from "../../components/deliveries/agreement-deliveries-panel";
import { resultFor, useFormSubmitting } from "../../components/ui/form-state";
import { FormError, Notice } from "../../components/ui/form-field";
import { formIdOf, isOneOf } from "../../components/ui/intents";
import { TextareaField } from "../../components/ui/textarea-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { can } from "../../modules/auth/roles";
import type { AgreementOutcome } from "../../modules/agreements/agreement-access.server";
import { loadAgreementDetail } from "../../modules/agreements/agreement-view.server";
import { loadSigningPanel } from "../../modules/agreements/signing-view.server";
import { loadAgreementDeliveriesPanel } from "../../modules/deliveries/agreement-panel.server";
import { startNewVersion } from "../../modules/agreements/agreements.server";
import { addComment, resolveComment } from "../../modules/agreements/comments.server";
import { backToDraft, requestSignatures, submitForReview, terminateAgreement } from "../../modules/agreements/lifecycle.server";
import { refusalReply } from "../../modules/agreements/outcome-messages.server";
import { commentSchema, emptySchema, reasonSchema, resolveSchema } from "../../modules/agreements/terms-schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.agreement.reference ?? "Overeenkomst"} · Koers` }];

const INTENTS = ["submitForReview", "backToDraft", "requestSignatures", "terminate", "newVersion", "comment", "resolve"] as const;
type Intent = (typeof INTENTS)[number];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const wanted = new URL(request.url).searchParams.get("versie");
  const versionNumber = wanted && /^\d{1,6}$/.test(wanted) ? Number(wanted) : undefined;
  if (wanted && versionNumber === undefined) throw notFound();
  const agreement = await loadAgreementDetail(member, params.agreementId ?? "", versionNumber);
  if (!agreement) throw notFound();
  const [signing, deliveries] = await Promise.all([agreement.isCurrent ? loadSigningPanel(member, agreement.id) : null, loadAgreementDeliveriesPanel(member, agreement.id)]);
  return { cbsCode: member.cbsCode, agreement, signing, deliveries, mayManage: can(member.role, { agreement: ["manage"] }) };
}

type NoticeData = { key: string; values: Record<string, string | number> };
type ActionPayload = { formId: string; result: SubmissionResult<string[]>; notice: NoticeData | null };

const NOTICES: Record<Intent, string> = {
  submitForReview: "agreements.notices.submitted",
  backToDraft: "agreements.notices.returned",
  requestSignatures: "agreements.notices.signaturesRequested",
  terminate: "agreements.notices.terminated",
  newVersion: "agreements.notices.newVersion",
  comment: "agreements.notices.commentAdded",
  resolve: "agreements.notices.commentResolved",
};

const SCHEMAS: Record<Intent, z.ZodType<Record<string, unknown>>> = {
  submitForReview: emptySchema,
  backToDraft: reasonSchema,
  requestSignatures: emptySchema,
  terminate: reasonSchema,
  newVersion: emptySchema,
  comment: commentSchema,
  resolve: resolveSchema,
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!isOneOf(INTENTS, intent)) throw new Response("Unknown intent", { status: 400 });
  const agreementId = params.agreementId ?? "";
  const formId = intent === "resolve" ? formIdOf(intent, String(formData.get("commentId") ?? "")) : formIdOf(intent);
  const submission = parseWithZod(formData, { schema: SCHEMAS[intent] });
  if (submission.status !== "success") return data<ActionPayload>({ formId, result: submission.reply(), notice: null }, { status: 400 });
  const input = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const outcome: AgreementOutcome = await {
    submitForReview: () => submitForReview(member, agreementId),
    backToDraft: () => backToDraft(member, agreementId, input),
    requestSignatures: () => requestSignatures(member, agreementId),
    terminate: () => terminateAgreement(member, agreementId, input),
    newVersion: () => startNewVersion(member, agreementId),
    comment: () => addComment(member, agreementId, input),
    resolve: () => resolveComment(member, agreementId, input),
  }[intent]();
  if (outcome.ok) {
    const reset = intent === "comment" || intent === "backToDraft" || intent === "terminate";
    return data<ActionPayload>({ formId, result: submission.reply(reset ? { resetForm: true } : undefined), notice: { key: NOTICES[intent], values: { version: outcome.version } } });
  }
  const refusal = refusalReply(requestT(request) as TFunction, outcome);
  return data<ActionPayload>({ formId, result: submission.reply({ fieldErrors: refusal.fieldErrors, formErrors: refusal.formErrors }), notice: null }, { status: refusal.status });
}

type Detail = ReturnType<typeof useLoaderData<typeof loader>>["agreement"];
const useLastResult = (formId: string) => resultFor(useActionData<typeof action>(), formId);

function formatDateTime(iso: string, locale: string) {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nl-NL", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Amsterdam" }).format(new Date(iso));
}

export default function AgreementPage() {
  const { t, i18n } = useTranslation();
  const { cbsCode, agreement, signing, deliveries, mayManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/g/${cbsCode}/overeenkomsten`;
  const v = agreement.version;
  const status = (s: string) => t(`agreements.statuses.${s}`);
  return (
    <>
      <Paragraph>
        <RemixLink to={base} className="utrecht-link">
          {t("agreements.detail.back")}
        </RemixLink>
      </Paragraph>
      <Heading1>{t("agreements.detail.heading", { reference: agreement.reference, title: v.title })}</Heading1>
      <dl className="koers-facts">
        <dt>{t("agreements.detail.party")}</dt>
        <dd>
          {agreement.party.name} ({t(`agreements.partyKinds.${agreement.party.kind}`)})
        </dd>
        <dt>{t("agreements.list.version")}</dt>
        <dd>{v.version}</dd>
        <dt>{t("agreements.detail.status")}</dt>
        <dd>
          <span className="koers-badge">{status(v.status)}</span>
        </dd>
      </dl>
      <div aria-live="polite">{actionData?.notice ? <Notice>{t(actionData.notice.key, actionData.notice.values)}</Notice> : null}</div>
      {!agreement.isCurrent ? (
        <Notice type="info">
          {t("agreements.detail.olderVersion", { version: v.version, status: status(v.status).toLowerCase(), current: agreement.current.version })}{" "}
          <RemixLink to={`${base}/${agreement.id}`} className="utrecht-link">
            {t("agreements.detail.toCurrent")}
          </RemixLink>
        </Notice>
      ) : null}
      {agreement.isCurrent ? <Gaps agreement={agreement} /> : null}
      {agreement.isCurrent ? <Steps agreement={agreement} /> : null}

      <AgreementVersionView version={v} />

      <Comments agreement={agreement} />
      {signing ? <SigningPanel panel={signing} /> : <Signatures agreement={agreement} locale={i18n.language} />}
      {v.canonicalText && v.contentHash ? (
        <section className="koers-section" aria-labelledby="canonical-heading">
          <Heading2 id="canonical-heading">{t("agreements.detail.canonicalHeading")}</Heading2>
          <Paragraph>
            {t("agreements.detail.canonicalIntro")}
            <span className="koers-mono">{v.contentHash}</span>
          </Paragraph>
          <details>
            <summary>{t("agreements.detail.canonicalHeading")}</summary>
            <pre className="koers-mono" style={{ whiteSpace: "pre-wrap" }}>
              {v.canonicalText}
            </pre>
          </details>
        </section>
      ) : null}
      <AgreementDeliveriesPanel cbsCode={cbsCode} panel={deliveries} />
      <OdcsPanel cbsCode={cbsCode} agreementId={agreement.id} versions={agreement.versions} current={agreement.current} mayImport={mayManage} />
      <History agreement={agreement} locale={i18n.language} />
    </>
  );
}

function Gaps({ agreement }: { agreement: Detail }) {
  const { t } = useTranslation();
  const s = agreement.current.status;
  if (s !== "draft" && s !== "in_review") return null;
  if (agreement.gaps.length === 0) return <Paragraph>{t("agreements.detail.complete")}</Paragraph>;
  return (
    <div className="utrecht-alert utrecht-alert--warning" role="region" aria-labelledby="gaps-heading">
      <div className="utrecht-alert__message">
        <Paragraph>
          <strong id="gaps-heading">{t("agreements.detail.gapsHeading")}</strong>
        </Paragraph>
        <Paragraph>{t("agreements.detail.gapsIntro")}</Paragraph>
        <ul>
          {agreement.gaps.map((g, i) => (
            <li key={i}>{t(`agreements.gaps.${g.code}`, { dataset: g.dataset })}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function StepButton({ intent, label, intro }: { intent: "submitForReview" | "requestSignatures" | "newVersion"; label: string; intro?: string }) {
  const formId = formIdOf(intent);
  const [form] = useKoersForm(emptySchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useFormSubmitting(formId);
  return (
    <Form method="post" {...getFormProps(form)} className="koers-form" aria-label={label}>
      <FormError errors={form.errors} />
      {intro ? <Paragraph>{intro}</Paragraph> : null}
      <input type="hidden" name="intent" value={intent} />
      <div>
        <Button type="submit" appearance={intent === "newVersion" ? "secondary-action-button" : "primary-action-button"} busy={submitting}>
          {label}
        </Button>
      </div>
    </Form>
  );
}

function ReasonForm({ intent, label }: { intent: "backToDraft" | "terminate"; label: string }) {
  const { t } = useTranslation();
  const formId = formIdOf(intent);
  const [form, fields] = useKoersForm(reasonSchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useFormSubmitting(formId);
  return (
    <details>
      <summary>{label}</summary>
      <Form method="post" {...getFormProps(form)} className="koers-form" aria-label={label}>
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value={intent} />
        <TextareaField field={fields.reason} label={t("agreements.detail.reason")} hint={t("agreements.detail.reasonHint")} rows={2} />
        <div>
          <Button type="submit" appearance={intent === "terminate" ? "secondary-action-button" : "primary-action-button"} busy={submitting}>
            {label}
          </Button>
        </div>
      </Form>
    </details>
  );
}

function Steps({ agreement }: { agreement: Detail }) {
  const { t } = useTranslation();
  const a = agreement.actions;
  if (!Object.values(a).some(Boolean)) return null;
  const base = `/g/${useLoaderData<typeof loader>().cbsCode}/overeenkomsten/${agreement.id}`;
  return (
    <section className="koers-section" aria-labelledby="steps-heading">
      <Heading2 id="steps-heading">{t("agreements.detail.lifecycleHeading")}</Heading2>
      {a.edit ? (
        <Paragraph>
          <ButtonLink href={`${base}/bewerken`} appearance="secondary-action-button">
            {t("agreements.detail.edit")}
          </ButtonLink>
        </Paragraph>
      ) : null}
      {a.submitForReview ? <StepButton intent="submitForReview" label={t("agreements.detail.submitForReview")} /> : null}
      {a.requestSignatures ? (
        <>
          {agreement.openComments > 0 ? <Paragraph>{t("agreements.detail.openComments", { count: agreement.openComments })}</Paragraph> : null}
          <StepButton intent="requestSignatures" label={t("agreements.detail.requestSignatures")} intro={t("agreements.detail.requestSignaturesIntro")} />
        </>
      ) : null}
      {a.newVersion ? <StepButton intent="newVersion" label={t("agreements.detail.newVersion")} intro={t("agreements.detail.newVersionIntro")} /> : null}
      {a.backToDraft ? <ReasonForm intent="backToDraft" label={t("agreements.detail.backToDraft")} /> : null}
      {a.terminate ? <ReasonForm intent="terminate" label={t("agreements.detail.terminate")} /> : null}
    </section>
  );
}

function ResolveButton({ commentId }: { commentId: string }) {
  const { t } = useTranslation();
  const formId = formIdOf("resolve", commentId);
  const [form] = useKoersForm(resolveSchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useFormSubmitting(formId, "commentId");
  return (
    <Form method="post" {...getFormProps(form)} className="koers-inline-form">
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="resolve" />
      <input type="hidden" name="commentId" value={commentId} />
      <Button type="submit" appearance="secondary-action-button" busy={submitting}>
        {t("agreements.detail.resolve")}
      </Button>
    </Form>
  );
}

function Comments({ agreement }: { agreement: Detail }) {
  const { t, i18n } = useTranslation();
  const formId = formIdOf("comment");
  const [form, fields] = useKoersForm(commentSchema, { id: formId, lastResult: useLastResult(formId) });
  const submitting = useFormSubmitting(formId);
  return (
    <section className="koers-section" aria-labelledby="comments-heading">
      <Heading2 id="comments-heading">{t("agreements.detail.commentsHeading")}</Heading2>
      {agreement.comments.length === 0 ? <Paragraph className="koers-muted">{t("agreements.detail.noComments")}</Paragraph> : null}
      <ul className="koers-checklist">
        {agreement.comments.map((c) => (
          <li key={c.id} className="koers-checklist-item">
            <Paragraph>
              <strong>{c.authorLabel}</strong> · {formatDateTime(c.createdAt, i18n.language)} · {c.resolvedAt ? t("agreements.detail.resolved", { date: formatDateTime(c.resolvedAt, i18n.language) }) : t("agreements.detail.open")}
            </Paragraph>
            <Paragraph style={{ whiteSpace: "pre-wrap" }}>{c.body}</Paragraph>
            {!c.resolvedAt && agreement.actions.resolve ? <ResolveButton commentId={c.id} /> : null}
          </li>
        ))}
      </ul>
      {agreement.actions.comment ? (
        <Form method="post" {...getFormProps(form)} className="koers-form" aria-label={t("agreements.detail.addComment")}>
          <FormError errors={form.errors} />
          <input type="hidden" name="intent" value="comment" />
          <TextareaField field={fields.body} label={t("agreements.detail.commentLabel")} hint={t("agreements.detail.commentHint")} />
          <div>
            <Button type="submit" appearance="primary-action-button" busy={submitting}>
              {t("agreements.detail.addComment")}
            </Button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

function Signatures({ agreement, locale }: { agreement: Detail; locale: string }) {
  const { t } = useTranslation();
  const v = agreement.version;
  if (!v.contentHash && agreement.signatures.length === 0) return null;
  return (
    <section className="koers-section" aria-labelledby="signatures-heading">
      <Heading2 id="signatures-heading">{t("agreements.detail.signaturesHeading")}</Heading2>
      {agreement.signatures.length === 0 ? (
        <Paragraph className="koers-muted">{t("agreements.detail.noSignatures")}</Paragraph>
      ) : (
        <Table className="koers-table">
          <TableCaption>{t("agreements.detail.signaturesCaption", { version: v.version })}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("agreements.detail.signer")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("agreements.detail.signerRole")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("agreements.detail.signedAt")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("agreements.detail.signedHash")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {agreement.signatures.map((s) => (
              <TableRow key={s.role}>
                <TableCell>
                  {s.signerName} ({s.signerEmail})
                </TableCell>
                <TableCell>{t(`agreements.signerRoles.${s.role}`)}</TableCell>
                <TableCell>{formatDateTime(s.signedAt, locale)}</TableCell>
                <TableCell>
                  <span className="koers-mono">{s.contentHash}</span>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

function History({ agreement, locale }: { agreement: Detail; locale: string }) {
  const { t } = useTranslation();
  const base = `/g/${useLoaderData<typeof loader>().cbsCode}/overeenkomsten/${agreement.id}`;
  return (
    <section className="koers-section" aria-labelledby="history-heading">
      <Heading2 id="history-heading">{t("agreements.detail.historyHeading")}</Heading2>
      <Table className="koers-table">
        <TableCaption>{t("agreements.detail.historyCaption")}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("agreements.list.version")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("agreements.list.status")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("agreements.list.title")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("agreements.detail.hash")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {agreement.versions.map((h) => (
            <TableRow key={h.version}>
              <TableCell>
                {h.version === agreement.version.version ? (
                  <>
                    {h.version} <span className="koers-muted">{t("agreements.detail.viewing")}</span>
                  </>
                ) : (
                  <RemixLink to={`${base}?versie=${h.version}`} className="utrecht-link">
                    {t("agreements.detail.view", { version: h.version })}
                  </RemixLink>
                )}
              </TableCell>
              <TableCell>
                {t(`agreements.statuses.${h.status}`)}
                {h.frozenAt ? <div className="koers-muted">{t("agreements.detail.frozenAt", { date: formatDateTime(h.frozenAt, locale) })}</div> : null}
                {h.endReason ? <div className="koers-muted">{t("agreements.detail.endReason", { reason: h.endReason })}</div> : null}
              </TableCell>
              <TableCell>{h.title}</TableCell>
              <TableCell>{h.contentHash ? <span className="koers-mono">{h.contentHash}</span> : "–"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
