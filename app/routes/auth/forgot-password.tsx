import { getFormProps } from "@conform-to/react";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Button, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { AuthPage } from "../../components/ui/auth-page";
import { Notice, TextField } from "../../components/ui/form-field";
import { requestPasswordReset } from "../../modules/auth/account.server";
import { forgotPasswordSchema } from "../../modules/auth/schema";

export const meta: MetaFunction = () => [{ title: "Wachtwoord vergeten · Koers" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: forgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  await requestPasswordReset(submission.value.email, request.headers, context.koers.clientIp);
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useKoersForm(forgotPasswordSchema, { lastResult: actionData?.result });
  return (
    <AuthPage title={t("auth.forgotTitle")}>
      {actionData?.sent ? <Notice>{t("auth.forgotSent")}</Notice> : <Paragraph>{t("auth.forgotIntro")}</Paragraph>}
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <TextField field={fields.email} label={t("common.email")} type="email" autoComplete="email" />
        <div>
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === "submitting"}>
            {t("auth.forgotSubmit")}
          </Button>
        </div>
      </Form>
    </AuthPage>
  );
}
