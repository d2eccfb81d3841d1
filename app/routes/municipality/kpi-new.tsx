// Defining a KPI that is not in the library: a name and (optionally, preselected with ?factor=<id>)
// the success factor it measures; then on to its definition page.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { FactorOptions, SelectField } from "../../components/kpis/select-field";
import { FormError, TextField } from "../../components/ui/form-field";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { requestT } from "../../i18n/request.server";
import { requireMember } from "../../modules/auth/guards.server";
import { createKpi } from "../../modules/kpis/kpis.server";
import { listFactorOptions } from "../../modules/kpis/relations.server";
import { createKpiSchema } from "../../modules/kpis/schema";

export const meta: MetaFunction = () => [{ title: "Nieuwe KPI · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { kpi: ["edit"] });
  const groups = await listFactorOptions(member);
  const wanted = new URL(request.url).searchParams.get("factor") ?? "";
  const known = groups.some((a) => a.goals.some((g) => g.factors.some((f) => f.id === wanted)));
  return { cbsCode: member.cbsCode, groups, factorId: known ? wanted : "" };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, { kpi: ["edit"] });
  const submission = parseWithZod(await request.formData(), { schema: createKpiSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await createKpi(member, submission.value);
  if (outcome.ok) return redirect(`/g/${member.cbsCode}/kpis/${outcome.id}/definitie`);
  const t = requestT(request);
  if (outcome.error === "invalid") {
    const fieldErrors = Object.fromEntries(Object.entries(outcome.fieldErrors).map(([k, keys]) => [k, keys.map((key) => t(key, { ...outcome.values, interpolation: { escapeValue: false } }))]));
    const conflict = Object.values(outcome.fieldErrors).flat().some((key) => key.endsWith("Taken"));
    return data({ result: submission.reply({ fieldErrors }) }, { status: conflict ? 409 : 400 });
  }
  return data({ result: submission.reply({ formErrors: [t(`kpiDefinitions.errors.${outcome.error}`)] }) }, { status: 404 });
}

export default function NewKpi() {
  const { t } = useTranslation();
  const { cbsCode, groups, factorId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result as SubmissionResult<string[]> | undefined;
  const [form, fields] = useKoersForm(createKpiSchema, { id: "createKpi", lastResult, defaultValue: { factorId } });
  const navigation = useNavigation();
  return (
    <>
      <Paragraph>
        <RemixLink to={`/g/${cbsCode}/kpis/bibliotheek`} className="utrecht-link">
          {t("kpiDefinitions.newKpi.backToLibrary")}
        </RemixLink>
      </Paragraph>
      <Heading1>{t("kpiDefinitions.newKpi.heading")}</Heading1>
      <Paragraph>{t("kpiDefinitions.newKpi.intro")}</Paragraph>
      <Form method="post" {...getFormProps(form)} className="koers-form" aria-labelledby="new-kpi-heading">
        <span id="new-kpi-heading" hidden>
          {t("kpiDefinitions.newKpi.heading")}
        </span>
        <FormError errors={form.errors} />
        <TextField field={fields.name} label={t("kpiDefinitions.newKpi.name")} hint={t("kpiDefinitions.newKpi.nameHint")} />
        {groups.length === 0 ? <Paragraph className="koers-muted">{t("kpiDefinitions.library.noFactors")}</Paragraph> : null}
        <SelectField field={fields.factorId} label={t("kpiDefinitions.library.factor")} hint={t("kpiDefinitions.library.factorHint")}>
          <option value="">{t("kpiDefinitions.library.noFactor")}</option>
          <FactorOptions groups={groups} />
        </SelectField>
        <div>
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === "submitting"}>
            {t("kpiDefinitions.newKpi.submit")}
          </Button>
        </div>
      </Form>
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
