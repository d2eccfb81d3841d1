import { getFormProps } from "@conform-to/react";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Button, Link, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { AuthPage } from "../../components/ui/auth-page";
import { FormError, TextField } from "../../components/ui/form-field";
import { resetPassword } from "../../modules/auth/account.server";
import { resetPasswordSchema } from "../../modules/auth/schema";

export const meta: MetaFunction = () => [{ title: "Nieuw wachtwoord · Koers" }];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: resetPasswordSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const ok = await resetPassword(params.token ?? "", submission.value.password, context.koers.clientIp);
  if (!ok) return data(submission.reply({ formErrors: ["auth.resetInvalid"], hideFields: ["password"] }), { status: 400 });
  return redirect("/inloggen?hersteld=1");
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useKoersForm(resetPasswordSchema, { lastResult });
  return (
    <AuthPage title={t("auth.resetTitle")}>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <TextField field={fields.password} label={t("auth.newPassword")} type="password" autoComplete="new-password" hint={t("auth.passwordHint")} />
        <div>
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === "submitting"}>
            {t("auth.resetSubmit")}
          </Button>
        </div>
      </Form>
      <Paragraph>
        <Link href="/wachtwoord-vergeten">{t("auth.forgotTitle")}</Link>
      </Paragraph>
    </AuthPage>
  );
}
