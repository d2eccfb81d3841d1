// A new delivery agreement: the supplying party, a template per common source, and the KPIs the
// agreement feeds; Koers proposes the draft from those KPIs and opens its edit page.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Fieldset, FieldsetLegend, FormFieldCheckbox, FormFieldDescription, FormFieldErrorMessage, Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { SelectField } from "../../components/kpis/select-field";
import { FormError, TextField } from "../../components/ui/form-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { requireMember } from "../../modules/auth/guards.server";
import { loadNewAgreementOptions } from "../../modules/agreements/agreement-view.server";
import { createDraft } from "../../modules/agreements/agreements.server";
import { refusalReply } from "../../modules/agreements/outcome-messages.server";
import { createDraftSchema } from "../../modules/agreements/terms-schema";

export const meta: MetaFunction = () => [{ title: "Nieuwe leveringsafspraak · Koers" }];

const MANAGE = { agreement: ["manage" as const] };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, MANAGE);
  return { cbsCode: member.cbsCode, options: await loadNewAgreementOptions(member) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, MANAGE);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: createDraftSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await createDraft(member, { party: String(formData.get("party") ?? ""), template: String(formData.get("template") ?? "") as never, kpiIds: formData.getAll("kpiIds").map(String), title: String(formData.get("title") ?? "") });
  if (outcome.ok) return redirect(`/g/${member.cbsCode}/overeenkomsten/${outcome.agreementId}/bewerken?nieuw=${submission.value.kpiIds.length}`);
  const refusal = refusalReply(requestT(request), outcome);
  return data({ result: submission.reply({ fieldErrors: refusal.fieldErrors, formErrors: refusal.formErrors }) }, { status: refusal.status });
}

export default function NewAgreement() {
  const { t } = useTranslation();
  const { cbsCode, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result as SubmissionResult<string[]> | undefined;
  const [form, fields] = useKoersForm(createDraftSchema, { id: "createAgreement", lastResult });
  const navigation = useNavigation();
  const partyName = new Map<string, string>([...options.departments.map((d) => [`department:${d.id}`, d.name] as const), ...options.sources.map((s) => [`external:${s.id}`, s.name] as const)]);
  const kpiErrors = fields.kpiIds.errors?.map((key) => t(key, { defaultValue: key }));
  return (
    <>
      <Paragraph>
        <RemixLink to={`/g/${cbsCode}/overeenkomsten`} className="utrecht-link">
          {t("agreements.newAgreement.back")}
        </RemixLink>
      </Paragraph>
      <Heading1 id="new-agreement-heading">{t("agreements.newAgreement.heading")}</Heading1>
      <Paragraph>{t("agreements.newAgreement.intro")}</Paragraph>
      <Form method="post" {...getFormProps(form)} className="koers-form" aria-labelledby="new-agreement-heading">
        <FormError errors={form.errors} />
        <SelectField field={fields.party} label={t("agreements.newAgreement.party")} hint={t("agreements.newAgreement.partyHint")}>
          <option value="">{t("agreements.newAgreement.chooseParty")}</option>
          {options.departments.length ? (
            <optgroup label={t("agreements.newAgreement.departments")}>
              {options.departments.map((d) => (
                <option key={d.id} value={`department:${d.id}`}>
                  {d.name}
                </option>
              ))}
            </optgroup>
          ) : null}
          {options.sources.length ? (
            <optgroup label={t("agreements.newAgreement.sources")}>
              {options.sources.map((s) => (
                <option key={s.id} value={`external:${s.id}`}>
                  {s.name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </SelectField>
        <SelectField field={fields.template} label={t("agreements.newAgreement.template")} hint={t("agreements.newAgreement.templateHint")}>
          <option value="">{t("agreements.newAgreement.templateAuto")}</option>
          {options.templates.map((tpl) => (
            <option key={tpl.key} value={tpl.key}>
              {t(`agreements.templates.${tpl.key}`)} ({t(`agreements.partyKinds.${tpl.party}`)})
            </option>
          ))}
        </SelectField>
        <Fieldset invalid={Boolean(kpiErrors?.length)} aria-describedby={[`${fields.kpiIds.id}-hint`, kpiErrors?.length ? fields.kpiIds.errorId : undefined].filter(Boolean).join(" ")}>
          <FieldsetLegend>{t("agreements.newAgreement.kpis")}</FieldsetLegend>
          <FormFieldDescription id={`${fields.kpiIds.id}-hint`}>{t("agreements.newAgreement.kpisHint")}</FormFieldDescription>
          {kpiErrors?.length ? <FormFieldErrorMessage id={fields.kpiIds.errorId}>{kpiErrors.join(" ")}</FormFieldErrorMessage> : null}
          {options.kpis.length === 0 ? <Paragraph className="koers-muted">{t("agreements.newAgreement.noKpis")}</Paragraph> : null}
          {options.kpis.map((k) => (
            <FormFieldCheckbox
              key={k.id}
              name={fields.kpiIds.name}
              value={k.id}
              label={
                <>
                  {k.name}
                  {k.source && partyName.get(k.source) ? <span className="koers-muted"> ({t("agreements.newAgreement.source", { name: partyName.get(k.source) })})</span> : null}
                </>
              }
            />
          ))}
        </Fieldset>
        <TextField field={fields.title} label={t("agreements.newAgreement.title")} hint={t("agreements.newAgreement.titleHint")} />
        <div>
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === "submitting"}>
            {t("agreements.newAgreement.submit")}
          </Button>
        </div>
      </Form>
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
