import { getFormProps } from "@conform-to/react";
import { useKoersForm } from "../../components/ui/use-koers-form";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { AuthPage } from "../../components/ui/auth-page";
import { FormError, TextField } from "../../components/ui/form-field";
import { requestT } from "../../i18n/request.server";
import { verifySignInTotp } from "../../modules/auth/account.server";
import { safeRedirect, totpCodeSchema } from "../../modules/auth/schema";

export const meta: MetaFunction = () => [{ title: "Tweestapsverificatie · Koers" }];

export function loader({ request }: LoaderFunctionArgs) {
  if (!/koers\.two_factor=/.test(request.headers.get("cookie") ?? "")) throw redirect("/inloggen");
  return { redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: totpCodeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await verifySignInTotp(submission.value.code, request.headers, context.koers.clientIp);
  if (!outcome.ok && outcome.error === "accountLocked") {
    return data(submission.reply({ formErrors: [requestT(request)("auth.errors.accountLocked", { minutes: outcome.minutes })] }), { status: 429 });
  }
  if (!outcome.ok) return data(submission.reply({ fieldErrors: { code: ["auth.errors.codeInvalid"] } }), { status: 401 });
  return redirect(safeRedirect(submission.value.redirectTo), { headers: outcome.headers });
}

export default function SignInTotp() {
  const { t } = useTranslation();
  const { redirectTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useKoersForm(totpCodeSchema, { lastResult });
  return (
    <AuthPage title={t("auth.twoFactorTitle")}>
      <Paragraph>{t("auth.twoFactorPrompt")}</Paragraph>
      <Form method="post" {...getFormProps(form)} className="koers-form">
        <FormError errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField field={fields.code} label={t("auth.twoFactorCode")} autoComplete="one-time-code" />
        <div>
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === "submitting"}>
            {t("auth.twoFactorVerify")}
          </Button>
        </div>
      </Form>
    </AuthPage>
  );
}
