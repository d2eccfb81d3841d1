// The phase-3 page's delivery section: where the gate stands (KPIs fed, first deliveries on time),
// agreements by status, and per department / external source its agreements and how its expected
// deliveries of the past year went, the late, missing and rejected ones listed with links.
import { Link } from "@remix-run/react";
import { Heading2, Heading3, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { EXPECTATION_STATUSES } from "../../modules/deliveries/timeliness";
import type { PhaseThreeSummary } from "../../modules/deliveries/timeliness.server";
import { ExpectationStatusBadge } from "./data-health-badge";

export function DeliveryPhaseSummary({ summary, cbsCode }: { summary: PhaseThreeSummary; cbsCode: string }) {
  const { t, i18n } = useTranslation();
  const base = `/g/${cbsCode}`;
  const day = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { dateStyle: "medium", timeZone: "UTC" });
  const moment = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { dateStyle: "medium", timeZone: "Europe/Amsterdam" });
  const formatDay = (iso: string) => day.format(new Date(`${iso}T00:00:00Z`));
  const byStatus = Object.entries(summary.agreementsByStatus).filter(([, n]) => (n ?? 0) > 0);
  return (
    <section className="koers-section" aria-labelledby="deliveries-heading">
      <Heading2 id="deliveries-heading">{t("timeliness.phase.heading")}</Heading2>
      <Paragraph>{t("timeliness.phase.intro")}</Paragraph>
      <dl className="koers-facts">
        <dt>{t("timeliness.phase.kpisFed")}</dt>
        <dd>{t("timeliness.phase.kpisFedValue", { ...summary.gate })}</dd>
        <dt>{t("timeliness.phase.firstOnTime")}</dt>
        <dd>{t("timeliness.phase.firstOnTimeValue", { ...summary.gate })}</dd>
        <dt>{t("timeliness.phase.agreementsByStatus")}</dt>
        <dd>{byStatus.length === 0 ? t("timeliness.phase.noAgreementsAtAll") : byStatus.map(([status, n]) => `${t(`timeliness.agreementStatus.${status}`)}: ${n}`).join(" · ")}</dd>
      </dl>
      <ul>
        <li>
          <Link to={`${base}/overeenkomsten`}>{t("timeliness.phase.allAgreements")}</Link>
        </li>
        <li>
          <Link to={`${base}/leveringen`}>{t("timeliness.phase.deliveriesLink")}</Link>
        </li>
      </ul>
      {summary.parties.length === 0 ? <Paragraph>{t("timeliness.phase.noParties")}</Paragraph> : null}
      {summary.parties.map((party) => {
        const headingId = `party-${party.id}`;
        const seen = EXPECTATION_STATUSES.filter((s) => party.counts[s] > 0);
        return (
          <section key={party.id} className="koers-card" aria-labelledby={headingId}>
            <Heading3 id={headingId}>
              {party.name} <span className="koers-muted">({t(`timeliness.phase.kinds.${party.kind}`)})</span>
            </Heading3>
            <Paragraph>
              <strong>{t("timeliness.phase.agreements")}:</strong>{" "}
              {party.agreements.length === 0 ? t("timeliness.phase.noAgreements") : null}
            </Paragraph>
            {party.agreements.length > 0 ? (
              <ul>
                {party.agreements.map((a) => (
                  <li key={a.id}>
                    <Link to={`${base}/overeenkomsten/${a.id}`}>
                      {a.reference}: {a.title}
                    </Link>{" "}
                    · {t(`timeliness.agreementStatus.${a.status}`)}
                  </li>
                ))}
              </ul>
            ) : null}
            {seen.length > 0 ? (
              <>
                <Paragraph>
                  <strong>{t("timeliness.phase.deliveries")}:</strong>
                </Paragraph>
                <ul aria-label={t("timeliness.phase.countsCaption", { name: party.name })} className="koers-health-counts">
                  {seen.map((s) => (
                    <li key={s}>
                      <ExpectationStatusBadge status={s} t={t} /> {party.counts[s]}
                    </li>
                  ))}
                </ul>
                {party.problems.length === 0 ? (
                  <Paragraph>{t("timeliness.phase.noProblems")}</Paragraph>
                ) : (
                  <Table className="koers-health-table">
                    <TableCaption>{t("timeliness.phase.problemsCaption", { name: party.name })}</TableCaption>
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell scope="col">{t("timeliness.phase.columns.dataset")}</TableHeaderCell>
                        <TableHeaderCell scope="col">{t("timeliness.phase.columns.period")}</TableHeaderCell>
                        <TableHeaderCell scope="col">{t("timeliness.phase.columns.dueOn")}</TableHeaderCell>
                        <TableHeaderCell scope="col">{t("timeliness.phase.columns.status")}</TableHeaderCell>
                        <TableHeaderCell scope="col">{t("timeliness.phase.columns.received")}</TableHeaderCell>
                        <TableHeaderCell scope="col">{t("timeliness.phase.columns.agreement")}</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {party.problems.map((p) => (
                        <TableRow key={p.id}>
                          <TableHeaderCell scope="row">{p.dataset}</TableHeaderCell>
                          <TableCell>{p.period}</TableCell>
                          <TableCell>{formatDay(p.dueOn)}</TableCell>
                          <TableCell>
                            <ExpectationStatusBadge status={p.status} t={t} />
                          </TableCell>
                          <TableCell>{p.fulfilledAt ? moment.format(new Date(p.fulfilledAt)) : t("timeliness.phase.notReceived")}</TableCell>
                          <TableCell>
                            <Link to={`${base}/overeenkomsten/${p.agreementId}`}>{p.reference}</Link>
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
              </>
            ) : null}
          </section>
        );
      })}
    </section>
  );
}
