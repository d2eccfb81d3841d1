// API keys (API-sleutels) for pushing deliveries: the programme lead makes one per agreement (shown
// once, only its SHA-256 is kept) and revokes it. Other roles get 403.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, FormField, FormFieldErrorMessage, FormLabel, Heading1, Heading2, Paragraph, Select, SelectOption, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { Notice, TextField } from "../../components/ui/form-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { deliveryFilterOptions } from "../../modules/deliveries/deliveries.server";
import { createPushTokenSchema } from "../../modules/deliveries/push-token-schema";
import { createPushToken, listPushTokens, revokePushToken } from "../../modules/deliveries/push-tokens.server";
import { formatMoment } from "../../modules/programme/format";

export const meta: MetaFunction = () => [{ title: "API-sleutels · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { agreement: ["manage"] });
  const [tokens, options] = await Promise.all([listPushTokens(member), deliveryFilterOptions(member)]);
  return { cbsCode: member.cbsCode, tokens, agreements: options.agreements };
}

type ActionPayload = { intent: "create"; result: SubmissionResult<string[]>; token: string | null } | { intent: "revoke"; revoked: boolean };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, { agreement: ["manage"] });
  const formData = await request.formData();
  if (formData.get("intent") === "revoke") {
    const outcome = await revokePushToken(member, String(formData.get("tokenId") ?? ""));
    if (!outcome.ok) throw notFound();
    return data<ActionPayload>({ intent: "revoke", revoked: true });
  }
  const submission = parseWithZod(formData, { schema: createPushTokenSchema });
  if (submission.status !== "success") return data<ActionPayload>({ intent: "create", result: submission.reply(), token: null }, { status: 400 });
  const outcome = await createPushToken(member, submission.value);
  if (!outcome.ok) {
    const fieldErrors = outcome.error === "invalid" ? outcome.fieldErrors : { agreementId: ["deliveries.tokens.errors.notFound"] };
    return data<ActionPayload>({ intent: "create", result: submission.reply({ fieldErrors }), token: null }, { status: 400 });
  }
  return data<ActionPayload>({ intent: "create", result: submission.reply({ resetForm: true }), token: outcome.token });
}

export default function DeliveryTokens() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const created = a?.intent === "create" ? a : null;
  const [form, fields] = useKoersForm(createPushTokenSchema, { id: "create-token", lastResult: created?.result });
  return (
    <>
      <Paragraph>
        <Link to={`/g/${d.cbsCode}/leveringen`}>{t("deliveries.report.back")}</Link>
      </Paragraph>
      <Heading1>{t("deliveries.tokens.title")}</Heading1>
      <Paragraph>{t("deliveries.tokens.intro")}</Paragraph>
      <Paragraph className="koers-mono">{t("deliveries.tokens.usage")}</Paragraph>
      {created?.token ? (
        <div role="status" className="utrecht-alert utrecht-alert--ok">
          <div className="utrecht-alert__message">
            <Paragraph>{t("deliveries.tokens.created")}</Paragraph>
            <Paragraph>
              <label htmlFor="new-token">{t("deliveries.tokens.tokenLabel")}</label>{" "}
              <input id="new-token" className="utrecht-textbox koers-mono" readOnly value={created.token} size={60} />
            </Paragraph>
          </div>
        </div>
      ) : null}
      {a?.intent === "revoke" ? <Notice>{t("deliveries.tokens.revoked_notice")}</Notice> : null}
      <section aria-labelledby="create-token-heading" className="koers-section">
        <Heading2 id="create-token-heading">{t("deliveries.tokens.create")}</Heading2>
        {d.agreements.length === 0 ? (
          <Paragraph>{t("deliveries.tokens.noAgreements")}</Paragraph>
        ) : (
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="create" />
            <FormField invalid={Boolean(fields.agreementId.errors?.length)} type="select">
              <Paragraph className="utrecht-form-field__label">
                <FormLabel htmlFor={fields.agreementId.id}>{t("deliveries.tokens.agreement")}</FormLabel>
              </Paragraph>
              {fields.agreementId.errors?.length ? <FormFieldErrorMessage id={fields.agreementId.errorId}>{fields.agreementId.errors.map((k) => t(k)).join(" ")}</FormFieldErrorMessage> : null}
              <Select id={fields.agreementId.id} name={fields.agreementId.name} defaultValue="" aria-describedby={fields.agreementId.errors?.length ? fields.agreementId.errorId : undefined}>
                <SelectOption value="">{t("deliveries.upload.choose")}</SelectOption>
                {d.agreements.map((x) => (
                  <SelectOption key={x.id} value={x.id}>
                    {x.reference}
                  </SelectOption>
                ))}
              </Select>
            </FormField>
            <TextField field={fields.label} label={t("deliveries.tokens.label")} hint={t("deliveries.tokens.labelHint")} />
            <Button type="submit" appearance="primary-action-button">
              {t("deliveries.tokens.submit")}
            </Button>
          </Form>
        )}
      </section>
      {d.tokens.length === 0 ? (
        <Paragraph>{t("deliveries.tokens.empty")}</Paragraph>
      ) : (
        <Table className="koers-table">
          <TableCaption>{t("deliveries.tokens.caption")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("deliveries.tokens.agreement")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("deliveries.tokens.label")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("deliveries.tokens.prefix")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("deliveries.tokens.createdAt")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("deliveries.tokens.lastUsed")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("deliveries.tokens.state")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {d.tokens.map((tk) => (
              <TableRow key={tk.id}>
                <TableCell>{tk.reference}</TableCell>
                <TableCell>{tk.label ?? "—"}</TableCell>
                <TableCell className="koers-mono">{tk.prefix}…</TableCell>
                <TableCell>{formatMoment(tk.createdAt, i18n.language)}</TableCell>
                <TableCell>{tk.lastUsedAt ? formatMoment(tk.lastUsedAt, i18n.language) : t("deliveries.tokens.never")}</TableCell>
                <TableCell>
                  {tk.revokedAt ? (
                    t("deliveries.tokens.revoked", { date: formatMoment(tk.revokedAt, i18n.language) })
                  ) : (
                    <Form method="post">
                      {t("deliveries.tokens.active")} <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="tokenId" value={tk.id} />
                      <Button type="submit" appearance="secondary-action-button" aria-label={`${t("deliveries.tokens.revoke")} ${tk.prefix}`}>
                        {t("deliveries.tokens.revoke")}
                      </Button>
                    </Form>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
