// The municipalities the signed-in user belongs to, each with their role; or how to get one.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Link, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { AuthPage } from "../../components/ui/auth-page";
import { requireUser } from "../../modules/auth/guards.server";
import { listMunicipalitiesOf } from "../../modules/municipalities/municipalities.server";

export const meta: MetaFunction = () => [{ title: "Kies een gemeente · Koers" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context);
  const municipalities = await listMunicipalitiesOf(user.id);
  return { municipalities: municipalities.map((m) => ({ name: m.name, cbsCode: m.cbsCode, role: m.role })) };
}

export default function ChooseMunicipality() {
  const { t } = useTranslation();
  const { municipalities } = useLoaderData<typeof loader>();
  return (
    <AuthPage title={t("municipality.chooseTitle")}>
      {municipalities.length === 0 ? (
        <Paragraph>{t("municipality.noneYet")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("municipality.chooseIntro")}</Paragraph>
          <ul className="koers-cards">
            {municipalities.map((m) => (
              <li key={m.cbsCode} className="koers-card">
                <h2 className="utrecht-heading-3">
                  <Link href={`/g/${m.cbsCode}`}>{m.name}</Link>
                </h2>
                <Paragraph className="koers-muted">
                  {t("municipality.yourRole", { role: t(`roles.${m.role}`, { defaultValue: m.role }) })} · {m.cbsCode}
                </Paragraph>
              </li>
            ))}
          </ul>
        </>
      )}
      <Paragraph>
        <Link href="/gemeenten/nieuw">{t("municipality.createAnother")}</Link>
      </Paragraph>
      <Paragraph>
        <Link href="/account">{t("nav.account")}</Link>
      </Paragraph>
      <Form method="post" action="/uitloggen">
        <button type="submit" className="koers-linkbutton">
          {t("nav.signOut")}
        </button>
      </Form>
    </AuthPage>
  );
}
