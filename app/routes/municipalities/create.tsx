// Create a municipality: its creator becomes its programme lead. The CBS code list helps picking.
import { useKoersForm } from "../../components/ui/use-koers-form";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Link, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { AuthPage } from "../../components/ui/auth-page";
import { FormError, TextField } from "../../components/ui/form-field";
import { requestT } from "../../i18n/request.server";
import { requireUser } from "../../modules/auth/guards.server";
import { allMunicipalities } from "../../modules/municipalities/cbs-codes.server";
import { createMunicipality } from "../../modules/municipalities/municipalities.server";
import { createMunicipalitySchema } from "../../modules/municipalities/schema";

export const meta: MetaFunction = () => [{ title: "Gemeente aanmaken · Koers" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(request, context);
  return { municipalities: allMunicipalities() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requireUser(request, context);
  const submission = parseWithZod(await request.formData(), { schema: createMunicipalitySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await createMunicipality({ userId: user.id, userName: user.name, email: user.email }, submission.value, context.koers.clientIp);
  if (!outcome.ok) {
    const t = requestT(request);
    return data(
      submission.reply({ fieldErrors: { [outcome.field]: [t(`municipality.errors.${outcome.error}`, { code: outcome.code })] } }),
      { status: outcome.error === "cbsTaken" ? 409 : 400 },
    );
  }
  return redirect(`/g/${outcome.cbsCode}`);
}

export default function CreateMunicipality() {
  const { t } = useTranslation();
  const { municipalities } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useKoersForm(createMunicipalitySchema, { lastResult });
  return (
    <AuthPage title={t("municipality.createTitle")}>
      <Paragraph>{t("municipality.createIntro")}</Paragraph>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <TextField field={fields.name} label={t("municipality.name")} autoComplete="organization" />
        <TextField
          field={fields.cbsCode}
          label={t("municipality.cbsCode")}
          hint={`${t("municipality.cbsCodeHint")} ${t("municipality.cbsCodeListHint")}`}
          autoComplete="off"
          list="cbs-codes"
        />
        <datalist id="cbs-codes">
          {municipalities.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
        </datalist>
        <div>
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === "submitting"}>
            {t("municipality.create")}
          </Button>
        </div>
      </Form>
      <Paragraph>
        <Link href="/gemeenten">{t("municipality.backToChoose")}</Link>
      </Paragraph>
    </AuthPage>
  );
}
