// One delivery's report: accepted (rows stored, the KPI values it made, links to the KPIs) or
// refused with every kept bad row (line as in the file, column, reason; paged) and the errors as CSV.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { DeliveryStatusBadge } from "../../components/deliveries/delivery-status";
import { Notice } from "../../components/ui/form-field";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { loadDeliveryReport } from "../../modules/deliveries/deliveries.server";
import { rowErrorMessage } from "../../modules/deliveries/error-messages";
import { formatNumber } from "../../modules/kpis/number-format";
import { formatMoment } from "../../modules/programme/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `${data.report.datasetName} ${data.report.period}` : "Levering"} · Koers` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const page = Math.max(1, Number(new URL(request.url).searchParams.get("pagina")) || 1);
  const report = await loadDeliveryReport(member, params.deliveryId ?? "", page);
  if (!report) throw notFound();
  return { cbsCode: member.cbsCode, report };
}

export default function DeliveryReportPage() {
  const { t, i18n } = useTranslation();
  const { cbsCode, report: r } = useLoaderData<typeof loader>();
  const base = `/g/${cbsCode}/leveringen`;
  const tr = (key: string, options?: Record<string, unknown>) => String(t(key, options));
  return (
    <>
      <Paragraph>
        <Link to={base}>{t("deliveries.report.back")}</Link>
      </Paragraph>
      <Heading1>{t("deliveries.report.title", { dataset: r.datasetName, period: r.period })}</Heading1>
      {r.status === "accepted" ? <Notice>{t("deliveries.report.acceptedNotice", { rows: r.rowCount })}</Notice> : null}
      {r.status === "rejected" ? (
        <div role="alert" className="utrecht-alert utrecht-alert--error">
          <div className="utrecht-alert__message">
            <Paragraph>{t("deliveries.report.rejectedNotice", { count: r.errorCount })}</Paragraph>
          </div>
        </div>
      ) : null}
      {r.status === "superseded" ? (
        <Notice type="info">
          {t("deliveries.report.supersededNotice")} {r.replacedById ? <Link to={`${base}/${r.replacedById}`}>{t("deliveries.report.replacedBy")}</Link> : null}
        </Notice>
      ) : null}
      {r.replacesDeliveryId ? (
        <Paragraph>
          {t("deliveries.report.replaces")} <Link to={`${base}/${r.replacesDeliveryId}`}>{t("deliveries.report.replacesLink")}</Link>
        </Paragraph>
      ) : null}

      <section aria-labelledby="summary-heading" className="koers-section">
        <Heading2 id="summary-heading">{t("deliveries.report.summary")}</Heading2>
        <dl className="koers-definition-list">
          <dt>{t("deliveries.report.agreement")}</dt>
          <dd>
            {r.reference} {r.title} ({t("deliveries.report.version", { version: r.version })}){r.partyName ? ` · ${r.partyName}` : ""}
          </dd>
          <dt>{t("deliveries.report.dataset")}</dt>
          <dd>{r.datasetName}</dd>
          <dt>{t("deliveries.report.period")}</dt>
          <dd>{r.period}</dd>
          <dt>{t("deliveries.report.status")}</dt>
          <dd>
            <DeliveryStatusBadge status={r.status} />
          </dd>
          <dt>{t("deliveries.report.received")}</dt>
          <dd>{formatMoment(r.receivedAt, i18n.language)}</dd>
          <dt>{t("deliveries.report.by")}</dt>
          <dd>{r.channel === "api" ? t("deliveries.viaApi") : (r.uploadedBy ?? "—")}</dd>
          <dt>{t("deliveries.report.file")}</dt>
          <dd>
            {r.fileName ?? "—"}
            {r.fileSize !== null ? ` (${t("deliveries.report.size", { size: Math.max(1, Math.round(r.fileSize / 1024)) })})` : ""}
          </dd>
          {r.encoding ? (
            <>
              <dt>{t("deliveries.report.detected")}</dt>
              <dd>{t("deliveries.report.detectedValue", { encoding: r.encoding.toUpperCase(), separator: r.separator ?? "?" })}</dd>
            </>
          ) : null}
          <dt>{t("deliveries.report.rows")}</dt>
          <dd>{r.rowCount}</dd>
          {r.fileSha256 ? (
            <>
              <dt>{t("deliveries.report.sha")}</dt>
              <dd className="koers-mono">{r.fileSha256}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {r.status !== "rejected" ? (
        <section aria-labelledby="kpi-values-heading" className="koers-section">
          <Heading2 id="kpi-values-heading">{t("deliveries.report.kpiValues")}</Heading2>
          {r.measurements.length === 0 ? (
            <Paragraph>{t("deliveries.report.kpiValuesEmpty")}</Paragraph>
          ) : (
            <Table className="koers-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t("deliveries.report.kpi")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("deliveries.report.value")}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {r.measurements.map((m) => (
                  <TableRow key={m.kpiId}>
                    <TableCell>
                      <Link to={`/g/${cbsCode}/kpis/${m.kpiId}`}>{m.kpiName}</Link>
                    </TableCell>
                    <TableCell>
                      {formatNumber(m.value, m.decimals, i18n.language)}
                      {m.unit ? ` ${m.unit}` : ""}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>
      ) : null}

      {r.errorCount > 0 ? (
        <section aria-labelledby="errors-heading" className="koers-section">
          <Heading2 id="errors-heading">{t("deliveries.report.errors")}</Heading2>
          <Paragraph>
            <a href={`${base}/${r.id}/fouten.csv`} download>
              {t("deliveries.report.downloadErrors")}
            </a>
          </Paragraph>
          <Table className="koers-table">
            <TableCaption>{t("deliveries.report.errorsCaption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("deliveries.report.line")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("deliveries.report.column")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("deliveries.report.reason")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {r.errors.map((e, i) => (
                <TableRow key={`${e.line}-${e.column ?? ""}-${i}`}>
                  <TableCell>{e.line > 0 ? e.line : t("deliveries.report.wholeFile")}</TableCell>
                  <TableCell>{e.column ?? "—"}</TableCell>
                  <TableCell>{rowErrorMessage(tr, e)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {r.errorPages > 1 ? (
            <nav aria-label={t("deliveries.report.errorPages")}>
              <Paragraph>{t("deliveries.pageOf", { page: r.errorPage, pages: r.errorPages })}</Paragraph>
              <ul className="koers-form-row" style={{ listStyle: "none", padding: 0 }}>
                {r.errorPage > 1 ? (
                  <li>
                    <Link to={`?pagina=${r.errorPage - 1}`}>{t("deliveries.previous")}</Link>
                  </li>
                ) : null}
                {r.errorPage < r.errorPages ? (
                  <li>
                    <Link to={`?pagina=${r.errorPage + 1}`}>{t("deliveries.next")}</Link>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
          {r.errorCount > 1000 ? <Paragraph>{t("deliveries.report.errorsShown", { shown: 1000, count: r.errorCount })}</Paragraph> : null}
        </section>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
