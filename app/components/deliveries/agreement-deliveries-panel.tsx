// The deliveries panel on an agreement's page (part A's page): the latest deliveries of this
// agreement and a link to upload for it. Wire it in the agreement page's loader with
// `deliveries: await loadAgreementDeliveriesPanel(member, agreementId)` and render
// `<AgreementDeliveriesPanel cbsCode={…} panel={data.deliveries} />`.
import { Link } from "@remix-run/react";
import { Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import type { AgreementDeliveriesPanelData } from "../../modules/deliveries/agreement-panel.server";
import { formatMoment } from "../../modules/programme/format";
import { DeliveryStatusBadge } from "./delivery-status";

export function AgreementDeliveriesPanel({ cbsCode, panel }: { cbsCode: string; panel: AgreementDeliveriesPanelData }) {
  const { t, i18n } = useTranslation();
  const base = `/g/${cbsCode}/leveringen`;
  return (
    <section aria-labelledby="agreement-deliveries-heading" className="koers-section">
      <Heading2 id="agreement-deliveries-heading">{t("deliveries.panel.title")}</Heading2>
      {panel.latest.length === 0 ? (
        <Paragraph>{t("deliveries.panel.empty")}</Paragraph>
      ) : (
        <Table className="koers-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("deliveries.columns.received")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("deliveries.columns.dataset")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("deliveries.columns.period")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("deliveries.columns.status")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {panel.latest.map((d) => (
              <TableRow key={d.id}>
                <TableCell>
                  <Link to={`${base}/${d.id}`}>{formatMoment(d.receivedAt, i18n.language)}</Link>
                </TableCell>
                <TableCell>{d.datasetName}</TableCell>
                <TableCell>{d.period}</TableCell>
                <TableCell>
                  <DeliveryStatusBadge status={d.status} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Paragraph>
        {panel.uploadTarget ? (
          <>
            <Link to={`${base}?aanleveren=${encodeURIComponent(panel.uploadTarget)}#upload-heading`}>{t("deliveries.panel.upload")}</Link>
            {" · "}
          </>
        ) : null}
        <Link to={`${base}?overeenkomst=${encodeURIComponent(panel.agreementId)}`}>{t("deliveries.panel.all")}</Link>
      </Paragraph>
    </section>
  );
}
