// Municipality settings (programme leads): whether programme leads must use two-step verification.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Fieldset, FieldsetLegend, FormFieldCheckbox, Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { FormError, Notice } from "../../components/ui/form-field";
import { requireMember } from "../../modules/auth/guards.server";
import { updateMunicipalitySettings } from "../../modules/municipalities/municipalities.server";
import { municipalitySettingsSchema } from "../../modules/municipalities/schema";

export const meta: MetaFunction = () => [{ title: "Instellingen · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { municipality: ["update"] });
  return { municipality: member.municipalityName, requireTwoFactorForLeads: member.requireTwoFactorForLeads };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.code, { municipality: ["update"] });
  const submission = parseWithZod(await request.formData(), { schema: municipalitySettingsSchema });
  if (submission.status !== "success") return data({ saved: false, error: "common.formHasErrors" }, { status: 400 });
  await updateMunicipalitySettings(member, submission.value);
  return { saved: true, error: null };
}

export default function Settings() {
  const { t } = useTranslation();
  const { municipality, requireTwoFactorForLeads } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <Heading1>{t("municipality.settingsTitle")}</Heading1>
      <Paragraph>{t("municipality.settingsIntro", { municipality })}</Paragraph>
      <div aria-live="polite">{actionData?.saved ? <Notice>{t("municipality.settingsSaved")}</Notice> : null}</div>
      {actionData?.error ? <FormError errors={[actionData.error]} /> : null}
      <Form method="post" className="koers-form">
        <Fieldset>
          <FieldsetLegend>{t("municipality.security")}</FieldsetLegend>
          <FormFieldCheckbox
            key={String(requireTwoFactorForLeads)}
            name="requireTwoFactorForLeads"
            // Utrecht's checkbox renders value="" unless given one; the schema reads "on".
            value="on"
            defaultChecked={requireTwoFactorForLeads}
            label={t("municipality.requireTwoFactor")}
            description={t("municipality.requireTwoFactorHint")}
          />
        </Fieldset>
        <div>
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === "submitting"}>
            {t("common.save")}
          </Button>
        </div>
      </Form>
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
