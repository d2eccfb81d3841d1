// Phase 4's own figures on its phase page: coverage against the target, rules of use acknowledged, sessions.
import { Link } from "@remix-run/react";
import { Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import type { PhaseFourSummary } from "../../modules/training/phase-summary.server";

export function TrainingPhaseSummary({ summary, cbsCode }: { summary: PhaseFourSummary; cbsCode: string }) {
  const { t, i18n } = useTranslation();
  const percent = new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { style: "percent", maximumFractionDigits: 1 });
  const c = summary.coverage;
  return (
    <section className="koers-section" aria-labelledby="training-summary-heading">
      <Heading2 id="training-summary-heading">{t("training.phase.heading")}</Heading2>
      <dl className="koers-dl">
        <dt>{t("training.phase.coverage")}</dt>
        <dd>
          {c.required === 0
            ? t("training.coverage.overallNone")
            : t("training.phase.coverageValue", { covered: c.covered, required: c.required, percent: percent.format((c.percent ?? 0) / 100), target: c.target })}{" "}
          {c.met ? t("training.coverage.met") : t("training.coverage.notMet")}
        </dd>
        <dt>{t("training.phase.rules")}</dt>
        <dd>{summary.rules ? t("training.phase.rulesValue", { count: summary.rules.acknowledged, total: summary.rules.members }) : t("training.phase.rulesNone")}</dd>
      </dl>
      <Paragraph>{t("training.phase.sessions", summary.sessions)}</Paragraph>
      <ul className="koers-inline-actions">
        <li>
          <Link to={`/g/${cbsCode}/training`}>{t("training.phase.link")}</Link>
        </li>
        <li>
          <Link to={`/g/${cbsCode}/training/dekking`}>{t("training.tabs.coverage")}</Link>
        </li>
        <li>
          <Link to={`/g/${cbsCode}/training/spelregels`}>{t("training.tabs.rules")}</Link>
        </li>
      </ul>
    </section>
  );
}
