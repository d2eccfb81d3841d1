import { getFormProps } from "@conform-to/react";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Link, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { AuthPage } from "../../components/ui/auth-page";
import { FormError, Notice, TextField } from "../../components/ui/form-field";
import { requestT } from "../../i18n/request.server";
import { signIn } from "../../modules/auth/account.server";
import { safeRedirect, signInSchema } from "../../modules/auth/schema";

export const meta: MetaFunction = () => [{ title: "Inloggen · Koers" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (context.koers.signedIn) throw redirect(safeRedirect(url.searchParams.get("redirectTo")));
  return {
    redirectTo: safeRedirect(url.searchParams.get("redirectTo"), ""),
    notice: url.searchParams.has("verlopen") ? "auth.sessionExpired" : url.searchParams.has("uitgelogd") ? "auth.signedOut" : url.searchParams.has("hersteld") ? "auth.resetDone" : url.searchParams.has("bevestigd") ? "auth.verified" : null,
    email: url.searchParams.get("email") ?? "",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signInSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const { email, password, redirectTo } = submission.value;
  const outcome = await signIn({ email, password }, request.headers, context.koers.clientIp);
  if (!outcome.ok) {
    const t = requestT(request);
    const status = outcome.error === "accountLocked" || outcome.error === "ipLocked" ? 429 : outcome.error === "emailNotVerified" ? 403 : 401;
    return data(submission.reply({ formErrors: [t(`auth.errors.${outcome.error}`, { minutes: outcome.minutes })], hideFields: ["password"] }), { status });
  }
  const next = safeRedirect(redirectTo);
  if (outcome.twoFactor) {
    return redirect(`/inloggen/tweestaps${next !== "/" ? `?redirectTo=${encodeURIComponent(next)}` : ""}`, { headers: outcome.headers });
  }
  return redirect(next, { headers: outcome.headers });
}

export default function SignIn() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useKoersForm(signInSchema, { lastResult, defaultValue: { email: loaderData.email } });
  const redirectQuery = loaderData.redirectTo ? `?redirectTo=${encodeURIComponent(loaderData.redirectTo)}` : "";
  return (
    <AuthPage title={t("auth.signInTitle")}>
      {loaderData.notice ? <Notice>{t(loaderData.notice)}</Notice> : null}
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
        <TextField field={fields.email} label={t("common.email")} type="email" autoComplete="username" />
        <TextField field={fields.password} label={t("auth.password")} type="password" autoComplete="current-password" />
        <div>
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === "submitting"}>
            {t("auth.signIn")}
          </Button>
        </div>
      </Form>
      <Paragraph>
        <Link href="/wachtwoord-vergeten">{t("auth.forgot")}</Link>
      </Paragraph>
      <Paragraph>
        {t("auth.noAccount")} <Link href={`/registreren${redirectQuery}`}>{t("auth.signUp")}</Link>
      </Paragraph>
    </AuthPage>
  );
}
