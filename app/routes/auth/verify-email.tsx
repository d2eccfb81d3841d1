import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link as RemixLink } from "@remix-run/react";
import { Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { AuthPage } from "../../components/ui/auth-page";
import { verifyEmail } from "../../modules/auth/account.server";
import { safeRedirect } from "../../modules/auth/schema";

export const meta: MetaFunction = () => [{ title: "E-mailadres bevestigen · Koers" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  const ok = token !== "" && (await verifyEmail(token, context.koers.clientIp));
  if (ok) {
    const next = safeRedirect(url.searchParams.get("redirectTo"), "");
    throw redirect(`/inloggen?bevestigd=1${next ? `&redirectTo=${encodeURIComponent(next)}` : ""}`);
  }
  return data({ ok: false }, { status: 400 });
}

export default function VerifyEmail() {
  const { t } = useTranslation();
  return (
    <AuthPage title={t("auth.checkMailTitle")}>
      <Paragraph role="alert">{t("auth.verifyInvalid")}</Paragraph>
      <Paragraph>
        <RemixLink to="/inloggen">{t("auth.signIn")}</RemixLink>
      </Paragraph>
    </AuthPage>
  );
}
