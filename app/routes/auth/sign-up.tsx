import { getFormProps } from "@conform-to/react";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Link, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { AuthPage } from "../../components/ui/auth-page";
import { FormError, TextField } from "../../components/ui/form-field";
import { requestLocale, requestT } from "../../i18n/request.server";
import { signUp } from "../../modules/auth/account.server";
import { safeRedirect, signUpSchema } from "../../modules/auth/schema";

export const meta: MetaFunction = () => [{ title: "Account aanmaken · Koers" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (context.koers.signedIn) throw redirect(safeRedirect(url.searchParams.get("redirectTo")));
  return { redirectTo: safeRedirect(url.searchParams.get("redirectTo"), ""), email: url.searchParams.get("email") ?? "" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signUpSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const { name, email, password, redirectTo } = submission.value;
  const outcome = await signUp({ name, email, password, locale: requestLocale(request), callbackURL: safeRedirect(redirectTo) }, request.headers, context.koers.clientIp);
  if (!outcome.ok) {
    const t = requestT(request);
    return data(submission.reply({ fieldErrors: { email: [t("auth.errors.duplicate")] }, hideFields: ["password"] }), { status: 409 });
  }
  return redirect(`/registreren/controleer-email?email=${encodeURIComponent(email)}`);
}

export default function SignUp() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useKoersForm(signUpSchema, { lastResult, defaultValue: { email: loaderData.email } });
  const redirectQuery = loaderData.redirectTo ? `?redirectTo=${encodeURIComponent(loaderData.redirectTo)}` : "";
  return (
    <AuthPage title={t("auth.signUpTitle")}>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
        <TextField field={fields.name} label={t("auth.name")} autoComplete="name" />
        <TextField field={fields.email} label={t("common.email")} type="email" autoComplete="email" />
        <TextField field={fields.password} label={t("auth.password")} type="password" autoComplete="new-password" hint={t("auth.passwordHint")} />
        <div>
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === "submitting"}>
            {t("auth.signUp")}
          </Button>
        </div>
      </Form>
      <Paragraph>
        {t("auth.haveAccount")} <Link href={`/inloggen${redirectQuery}`}>{t("auth.signIn")}</Link>
      </Paragraph>
    </AuthPage>
  );
}
