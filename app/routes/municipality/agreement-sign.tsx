// Signing a version of a data-delivery agreement: the exact frozen text and its SHA-256, the
// signatures so far, and (for who may still sign) the form: the role, "I have read the text", and
// the password (plus a TOTP code with two-step sign-in). The form carries the hash the signer saw;
// the command refuses it when the frozen text is another. Also shows the sealed PDF's state, with
// a retry for programme leads when sealing failed.
import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  RadioButton,
} from "@utrecht/component-library-react";
import type { TFunction } from "i18next";
import { useTranslation } from "../../i18n/use-translation";
import { SealSection, SignaturesTable } from "../../components/agreements/signing-panel";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { retrySeal } from "../../modules/agreements/seal.server";
import { retrySealSchema, signSchema } from "../../modules/agreements/signing-schema";
import { signAgreement, type SignOutcome } from "../../modules/agreements/signing.server";
import { loadSigningView } from "../../modules/agreements/signing-view.server";
import styles from "../../styles/agreement-signing.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Ondertekenen"} · Koers` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const NOTICES = ["signed", "activated", "retryQueued"] as const;

function versionParam(request: Request): number | undefined {
  const raw = new URL(request.url).searchParams.get("versie");
  return raw && /^\d{1,6}$/.test(raw) ? Number(raw) : undefined;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const view = await loadSigningView(member, params.agreementId ?? "", versionParam(request));
  if (!view) throw notFound();
  const t = requestT(request);
  const notice = new URL(request.url).searchParams.get("melding");
  return {
    title: t("agreementSigning.page.title", { reference: view.agreement.reference, version: view.version.number }),
    cbsCode: member.cbsCode,
    view,
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? notice : null,
  };
}

type ActionPayload = { result?: SubmissionResult<string[]>; retryError?: string };

/** The refusal as a message at the field it concerns, or for the whole form. */
function signRefusal(t: TFunction, outcome: Extract<SignOutcome, { ok: false }>, role: string): { fieldErrors?: Record<string, string[]>; formErrors?: string[]; status: number } {
  if (outcome.error === "reauth") {
    const r = outcome.reauth;
    if (r.error === "throttled") return { formErrors: [t("agreementSigning.errors.throttled", { minutes: r.minutes })], status: 429 };
    if (r.error === "passwordWrong") return { fieldErrors: { password: [t("agreementSigning.errors.passwordWrong")] }, status: 400 };
    return { fieldErrors: { totpCode: [t(`agreementSigning.errors.${r.error}`)] }, status: 400 };
  }
  if (outcome.error === "notFound") return { formErrors: [t("agreementSigning.errors.notFound")], status: 404 };
  if (outcome.error === "not_signer_for_role") return { fieldErrors: { role: [t("agreementSigning.errors.not_signer_for_role", { role: t(`agreementSigning.roles.${role}`).toLowerCase() })] }, status: 403 };
  return { formErrors: [t(`agreementSigning.errors.${outcome.error}`)], status: 409 };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const agreementId = params.agreementId ?? "";
  const formData = await request.formData();
  const t = requestT(request) as TFunction;
  const base = `/g/${member.cbsCode}/overeenkomsten/${agreementId}/ondertekenen`;

  if (formData.get("intent") === "retrySeal") {
    const parsed = retrySealSchema.safeParse({ versionId: formData.get("versionId") });
    if (!parsed.success) throw notFound();
    const outcome = await retrySeal(member, agreementId, parsed.data.versionId);
    if (!outcome.ok && outcome.error === "notFound") throw notFound();
    if (!outcome.ok) return data<ActionPayload>({ retryError: t(`agreementSigning.errors.${outcome.error}`) }, { status: outcome.error === "notAllowed" ? 403 : 409 });
    return redirect(`${base}?${new URLSearchParams({ ...(versionParam(request) ? { versie: String(versionParam(request)) } : {}), melding: "retryQueued" })}#verzegeling`);
  }

  const submission = parseWithZod(formData, { schema: signSchema });
  // Never send the password or code back to the page.
  const hideFields = ["password", "totpCode"];
  if (submission.status !== "success") return data<ActionPayload>({ result: submission.reply({ hideFields }) }, { status: 400 });
  const versionId = String(formData.get("versionId") ?? "");
  const outcome = await signAgreement(member, agreementId, versionId, submission.value, {
    headers: request.headers,
    ipAddress: member.origin,
    userAgent: request.headers.get("user-agent"),
  });
  if (outcome.ok) return redirect(`${base}?versie=${outcome.version}&melding=${outcome.activated ? "activated" : "signed"}`);
  const refusal = signRefusal(t, outcome, submission.value.role);
  return data<ActionPayload>({ result: submission.reply({ hideFields, fieldErrors: refusal.fieldErrors, formErrors: refusal.formErrors }) }, { status: refusal.status });
}

export default function AgreementSign() {
  const { t } = useTranslation();
  const { title, cbsCode, view, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData?.result;
  const agreementUrl = `/g/${cbsCode}/overeenkomsten/${view.agreement.id}`;
  const signUrl = `${agreementUrl}/ondertekenen`;
  return (
    <>
      <Paragraph>
        <RemixLink to={agreementUrl} className="utrecht-link">
          {t("agreementSigning.page.backToAgreement")}
        </RemixLink>
      </Paragraph>
      <Heading1>{title}</Heading1>
      <div aria-live="polite">{notice ? <Notice>{t(`agreementSigning.notices.${notice}`, { version: view.version.number })}</Notice> : null}</div>
      <dl className="koers-facts">
        <dt>{t("agreementSigning.verify.agreementTitle")}</dt>
        <dd>{view.version.title}</dd>
        <dt>{t("agreementSigning.page.party")}</dt>
        <dd>{view.agreement.party}</dd>
        <dt>{t("agreementSigning.page.status")}</dt>
        <dd>{t(`agreementSigning.statuses.${view.version.status}`)}</dd>
      </dl>
      {view.otherVersions.length > 0 ? (
        <nav aria-label={t("agreementSigning.page.otherVersions")}>
          <Paragraph>
            {t("agreementSigning.page.otherVersions")}:{" "}
            {view.otherVersions.map((v, i) => (
              <span key={v.number}>
                {i > 0 ? ", " : null}
                <RemixLink to={`${signUrl}?versie=${v.number}`} className="utrecht-link">
                  {t("agreementSigning.page.versionLink", { version: v.number, status: t(`agreementSigning.statuses.${v.status}`) })}
                </RemixLink>
              </span>
            ))}
          </Paragraph>
        </nav>
      ) : null}

      <Heading2>{t("agreementSigning.signatures.heading")}</Heading2>
      <SignaturesTable version={view.version.number} signatures={view.signatures} missingRoles={view.version.status === "awaiting_signatures" ? view.missingRoles : []} />

      {actionData?.retryError ? <FormError errors={[actionData.retryError]} /> : null}
      {view.version.status !== "awaiting_signatures" ? <SealSection panel={view} retryAction={`${signUrl}?versie=${view.version.number}`} /> : null}

      <Heading2 id="agreement-text-heading">{t("agreementSigning.page.textHeading")}</Heading2>
      {view.version.canonicalText ? (
        <>
          <Paragraph>{t("agreementSigning.page.intro")}</Paragraph>
          <pre className="koers-agreement-text" tabIndex={0} aria-label={t("agreementSigning.page.textLabel", { version: view.version.number })}>
            {view.version.canonicalText}
          </pre>
          <Paragraph>
            {t("agreementSigning.page.hashLabel")}: <code className="koers-hash" data-testid="content-hash">{view.version.contentHash}</code>
          </Paragraph>
          <Paragraph className="koers-muted">{t("agreementSigning.page.hashHint")}</Paragraph>
        </>
      ) : (
        <Paragraph>{t("agreementSigning.page.notFrozen")}</Paragraph>
      )}

      {view.version.status === "awaiting_signatures" && view.version.contentHash ? (
        view.mayUseRoles.length > 0 ? (
          <SignForm view={view} lastResult={lastResult} />
        ) : (
          <Paragraph>{t("agreementSigning.form.cannotSign")}</Paragraph>
        )
      ) : null}
    </>
  );
}

function SignForm({ view, lastResult }: { view: ReturnType<typeof useLoaderData<typeof loader>>["view"]; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useKoersForm(signSchema, { id: "sign", lastResult, defaultValue: { role: view.mayUseRoles[0], contentHash: view.version.contentHash ?? "" } });
  const confirmErrors = fields.confirm.errors?.map((key) => t(key, { defaultValue: key }));
  const roleErrors = fields.role.errors?.map((key) => t(key, { defaultValue: key }));
  return (
    <section aria-labelledby="sign-heading">
      <Heading2 id="sign-heading">{t("agreementSigning.form.heading")}</Heading2>
      <Form method="post" {...getFormProps(form)} className="koers-form" aria-labelledby="sign-heading">
        <FormError errors={form.errors} />
        <input type="hidden" name="versionId" value={view.version.id} />
        <input {...getInputProps(fields.contentHash, { type: "hidden" })} key={fields.contentHash.key} />
        {view.mayUseRoles.length === 1 ? (
          <>
            <input type="hidden" name={fields.role.name} value={view.mayUseRoles[0]} />
            <Paragraph>
              {t("agreementSigning.form.role")}: <strong>{t(`agreementSigning.roles.${view.mayUseRoles[0]!}`)}</strong>
            </Paragraph>
            {roleErrors?.length ? <FormFieldErrorMessage id={fields.role.errorId}>{roleErrors.join(" ")}</FormFieldErrorMessage> : null}
          </>
        ) : (
          <Fieldset invalid={Boolean(roleErrors?.length)} aria-describedby={roleErrors?.length ? fields.role.errorId : undefined}>
            <FieldsetLegend>{t("agreementSigning.form.role")}</FieldsetLegend>
            {roleErrors?.length ? <FormFieldErrorMessage id={fields.role.errorId}>{roleErrors.join(" ")}</FormFieldErrorMessage> : null}
            {view.mayUseRoles.map((role) => (
              <FormField type="radio" key={role}>
                <RadioButton id={`sign-role-${role}`} name={fields.role.name} value={role} defaultChecked={fields.role.initialValue === role} />
                <FormLabel htmlFor={`sign-role-${role}`} type="radio">
                  {t(`agreementSigning.roles.${role}`)}
                </FormLabel>
              </FormField>
            ))}
          </Fieldset>
        )}
        <FormField type="checkbox" invalid={Boolean(confirmErrors?.length)}>
          {confirmErrors?.length ? <FormFieldErrorMessage id={fields.confirm.errorId}>{confirmErrors.join(" ")}</FormFieldErrorMessage> : null}
          <Checkbox
            id={fields.confirm.id}
            name={fields.confirm.name}
            value="on"
            key={fields.confirm.key}
            defaultChecked={fields.confirm.initialValue === "on"}
            invalid={Boolean(confirmErrors?.length)}
            aria-describedby={confirmErrors?.length ? fields.confirm.errorId : undefined}
          />
          <FormLabel htmlFor={fields.confirm.id} type="checkbox">
            {t("agreementSigning.form.confirm")}
          </FormLabel>
        </FormField>
        <TextField field={fields.password} label={t("agreementSigning.form.password")} hint={t("agreementSigning.form.passwordHint")} type="password" autoComplete="current-password" />
        {view.needsTotp ? <TextField field={fields.totpCode} label={t("agreementSigning.form.totpCode")} hint={t("agreementSigning.form.totpHint")} autoComplete="one-time-code" /> : null}
        <div>
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === "submitting"}>
            {t("agreementSigning.form.submit")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
