// The programme overview's roll-up of data health: how many KPIs are in each state, in words and
// icons, with a link to phase 3's deliveries per department.
import { Link } from "@remix-run/react";
import { Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { DATA_HEALTH_STATES, type DataHealthCounts } from "../../modules/deliveries/data-health";
import { DataHealthBadge } from "./data-health-badge";

export function DataHealthRollup({ rollup, cbsCode }: { rollup: { total: number; counts: DataHealthCounts }; cbsCode: string }) {
  const { t } = useTranslation();
  return (
    <section className="koers-section" aria-labelledby="data-health-heading">
      <Heading2 id="data-health-heading">{t("timeliness.overview.heading")}</Heading2>
      {rollup.total === 0 ? (
        <Paragraph>{t("timeliness.overview.none")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("timeliness.overview.intro", { total: rollup.total })}</Paragraph>
          <ul className="koers-health-counts">
            {DATA_HEALTH_STATES.filter((s) => rollup.counts[s] > 0).map((s) => (
              <li key={s}>
                <span className="koers-stat">{rollup.counts[s]}</span> <DataHealthBadge state={s} t={t} />
              </li>
            ))}
          </ul>
        </>
      )}
      <Paragraph>
        <Link to={`/g/${cbsCode}/fase/3`}>{t("timeliness.overview.link")}</Link>
      </Paragraph>
    </section>
  );
}
