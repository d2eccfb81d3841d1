import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { AuthPage } from "../../components/ui/auth-page";

export const meta: MetaFunction = () => [{ title: "Bevestig uw e-mailadres · Koers" }];

export function loader({ request }: LoaderFunctionArgs) {
  return { email: new URL(request.url).searchParams.get("email") ?? "" };
}

export default function CheckEmail() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  return (
    <AuthPage title={t("auth.checkMailTitle")}>
      <Paragraph role="status">{t("auth.checkMailBody", { email })}</Paragraph>
    </AuthPage>
  );
}
