// The "KPI's" section of the phase-2 page: how many chosen KPIs are fully defined and owned (the
// same counts the phase-2 gate reads), with links to the library, the dashboard and the tree.
import { Link } from "@remix-run/react";
import { Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";

export function KpiPhaseSummary({ counts, cbsCode }: { counts: { active: number; complete: number; owned: number }; cbsCode: string }) {
  const { t } = useTranslation();
  const base = `/g/${cbsCode}/kpis`;
  return (
    <section className="koers-section" aria-labelledby="kpis-heading">
      <Heading2 id="kpis-heading">{t("kpiDefinitions.phase.heading")}</Heading2>
      <Paragraph>{t("kpiDefinitions.phase.intro")}</Paragraph>
      {counts.active === 0 ? (
        <Paragraph>{t("kpiDefinitions.phase.none")}</Paragraph>
      ) : (
        <dl className="koers-facts">
          <dt>{t("kpiDefinitions.phase.defined")}</dt>
          <dd>{t("kpiDefinitions.phase.definedValue", counts)}</dd>
          <dt>{t("kpiDefinitions.phase.owned")}</dt>
          <dd>{t("kpiDefinitions.phase.ownedValue", counts)}</dd>
        </dl>
      )}
      <ul>
        <li>
          <Link to={`${base}/bibliotheek`}>{t("kpiDefinitions.phase.library")}</Link>
        </li>
        <li>
          <Link to={base}>{t("kpiDefinitions.phase.dashboard")}</Link>
        </li>
        <li>
          <Link to={`${base}/samenhang`}>{t("kpiDefinitions.phase.tree")}</Link>
        </li>
      </ul>
    </section>
  );
}
