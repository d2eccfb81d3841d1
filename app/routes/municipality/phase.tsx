// One of the four phases. Not built yet: its title and what will come there.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { PHASES } from "../../modules/programme/overview.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Fase ${data?.n ?? ""} · Koers` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { programme: ["read"] });
  const n = PHASES.find((p) => String(p) === params.phase);
  if (n === undefined) throw notFound();
  return { n, cbsCode: member.cbsCode };
}

export default function Phase() {
  const { t } = useTranslation();
  const { n, cbsCode } = useLoaderData<typeof loader>();
  return (
    <>
      <Heading1>
        {t("overview.phase", { n })}: {t(`phases.${n}.title`)}
      </Heading1>
      <Paragraph>{t("phases.notBuilt")}</Paragraph>
      <Paragraph>{t(`phases.${n}.body`)}</Paragraph>
      <Paragraph>
        <Link to={`/g/${cbsCode}`}>{t("common.toHome")}</Link>
      </Paragraph>
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
