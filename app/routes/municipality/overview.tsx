import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { requireMember } from "../../modules/auth/guards.server";
import { loadProgrammeOverview } from "../../modules/programme/overview.server";

export const meta: MetaFunction = () => [{ title: "Programma-overzicht · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { programme: ["read"] });
  return { municipality: member.municipalityName, cbsCode: member.cbsCode, ...(await loadProgrammeOverview(member)) };
}

export default function Overview() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const format = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <Heading1>{t("overview.title")}</Heading1>
      <Paragraph>{t("overview.intro", { municipality: data.municipality })}</Paragraph>
      <ul className="koers-cards">
        {data.phases.map((phase) => (
          <li key={phase.n} className="koers-card">
            <h2 className="utrecht-heading-3">
              <Link to={`/g/${data.cbsCode}/fase/${phase.n}`}>
                {t("overview.phase", { n: phase.n })}: {t(`phases.${phase.n}.title`)}
              </Link>
            </h2>
            <Paragraph className="koers-muted">{t("overview.comingSoon")}</Paragraph>
          </li>
        ))}
      </ul>
      <ul className="koers-cards" aria-label={t("overview.title")}>
        {(
          [
            ["members", data.counts.members, "leden"],
            ["departments", data.counts.departments, "afdelingen"],
            ["sources", data.counts.sources, "afdelingen"],
            ["pendingInvitations", data.counts.pendingInvitations, "leden"],
          ] as const
        ).map(([key, value, path]) => (
          <li key={key} className="koers-card">
            <Link to={`/g/${data.cbsCode}/${path}`}>
              <span className="koers-stat">{value}</span> {t(`overview.${key}`)}
            </Link>
          </li>
        ))}
      </ul>
      <section className="koers-section" aria-labelledby="recent-heading">
        <Heading2 id="recent-heading">{t("overview.recentActivity")}</Heading2>
        {data.recent.length === 0 ? (
          <Paragraph>{t("overview.noActivity")}</Paragraph>
        ) : (
          <ul>
            {data.recent.map((e) => (
              <li key={e.seq}>
                {format.format(new Date(e.occurredAt))} — {e.actorLabel}: {t(`auditActions.${e.action}`, { defaultValue: e.action })}
                {e.subject ? ` (${e.subject})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
