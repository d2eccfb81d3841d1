import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { requireMember } from "../../modules/auth/guards.server";
import { formatDay } from "../../modules/programme/format";
import { loadProgrammeOverview } from "../../modules/programme/overview.server";
import { DataHealthRollup } from "../../components/deliveries/data-health-rollup";
import { loadDataHealthRollup } from "../../modules/deliveries/data-health.server";

export const meta: MetaFunction = () => [{ title: "Programma-overzicht · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { programme: ["read"] });
  const [overview, dataHealth] = await Promise.all([loadProgrammeOverview(member), loadDataHealthRollup(member)]);
  return { municipality: member.municipalityName, cbsCode: member.cbsCode, ...overview, dataHealth };
}

export default function Overview() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const format = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <Heading1>{t("overview.title")}</Heading1>
      <Paragraph>{t("overview.intro", { municipality: data.municipality })}</Paragraph>
      <section className="koers-section" aria-labelledby="timeline-heading">
        <Heading2 id="timeline-heading">{t("programme.timeline")}</Heading2>
        <ol className="koers-timeline">
          {data.phases.map((phase) => (
            <li key={phase.n} className="koers-card">
              <h3 className="utrecht-heading-3">
                <Link to={`/g/${data.cbsCode}/fase/${phase.n}`}>
                  {t("overview.phase", { n: phase.n })}: {t(`phases.${phase.n}.title`)}
                </Link>
              </h3>
              <Paragraph>
                <span className={`koers-badge koers-badge--${phase.status}`}>{t(`programme.status.${phase.status}`)}</span>
              </Paragraph>
              {phase.plannedStart || phase.plannedEnd ? (
                <Paragraph className="koers-muted">
                  {t("programme.planned", { start: formatDay(phase.plannedStart, i18n.language) ?? "…", end: formatDay(phase.plannedEnd, i18n.language) ?? "…" })}
                </Paragraph>
              ) : null}
              {phase.criteriaTotal > 0 ? (
                <>
                  <Paragraph>{t("programme.gateProgress", { met: phase.criteriaMet, total: phase.criteriaTotal })}</Paragraph>
                  <progress value={phase.criteriaMet} max={phase.criteriaTotal} aria-label={t("programme.gateProgressLabel", { n: phase.n, met: phase.criteriaMet, total: phase.criteriaTotal })} />
                </>
              ) : (
                <Paragraph className="koers-muted">{t("programme.noCriteria")}</Paragraph>
              )}
            </li>
          ))}
        </ol>
      </section>
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
        <li className="koers-card">
          <Link to={`/g/${data.cbsCode}/fase/${data.overdueTasks.phase}/bord?telaat=1`}>
            <span className="koers-stat">{data.overdueTasks.count}</span> {t("overview.overdueTasks")}
          </Link>
        </li>
        <li className="koers-card">
          {data.activePhase ? (
            <Link to={`/g/${data.cbsCode}/fase/${data.activePhase.n}`}>
              <span className="koers-stat">{data.activePhase.openCriteria}</span> {t("programme.openCriteria", { n: data.activePhase.n })}
            </Link>
          ) : (
            <span className="koers-muted">{t("programme.noActivePhase")}</span>
          )}
        </li>
        <li className="koers-card">
          <Link to={`/g/${data.cbsCode}/overeenkomsten?status=awaiting_signatures`}>
            <span className="koers-stat">{data.counts.awaitingSignature}</span> {t("programme.later.agreementsAwaitingSignature")}
          </Link>
        </li>
        <li className="koers-card">
          <Link to={`/g/${data.cbsCode}/training/dekking`}>
            {data.trainingCoverage.required === 0 ? (
              t("training.overview.coverageNone")
            ) : (
              <>
                <span className="koers-stat">
                  {data.trainingCoverage.covered}/{data.trainingCoverage.required}
                </span>{" "}
                {t("training.overview.coverage", { percent: new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { style: "percent", maximumFractionDigits: 1 }).format((data.trainingCoverage.percent ?? 0) / 100) })}
              </>
            )}
          </Link>
        </li>
      </ul>
      <DataHealthRollup rollup={data.dataHealth} cbsCode={data.cbsCode} />
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
