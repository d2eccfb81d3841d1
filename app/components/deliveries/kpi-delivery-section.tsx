// The KPI page's "Gegevenslevering" section: data health in words, the last accepted delivery (when,
// by which department or source, under which agreement, with a link) and the agreements feeding it.
import { Link } from "@remix-run/react";
import { Heading2, Heading3, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import type { KpiDeliveryInfo } from "../../modules/deliveries/data-health.server";
import { DataHealthBadge } from "./data-health-badge";

export function KpiDeliverySection({ info, cbsCode }: { info: KpiDeliveryInfo; cbsCode: string }) {
  const { t, i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" });
  const agreementUrl = (id: string) => `/g/${cbsCode}/overeenkomsten/${id}`;
  const last = info.lastDelivery;
  return (
    <section className="koers-section" aria-labelledby="delivery-heading">
      <Heading2 id="delivery-heading">{t("timeliness.kpiPage.heading")}</Heading2>
      <Paragraph>{t("timeliness.kpiPage.intro")}</Paragraph>
      <Paragraph>
        <DataHealthBadge state={info.health} t={t} withMeaning />
      </Paragraph>
      <Paragraph>
        <strong>{t("timeliness.kpiPage.lastDelivered")}:</strong>{" "}
        {last ? (
          <>
            {t("timeliness.kpiPage.lastDeliveredValue", { date: when.format(new Date(last.receivedAt)), period: last.period, party: last.party, reference: last.reference })}{" "}
            <Link to={agreementUrl(last.agreementId)} className="utrecht-link">
              {last.reference}
            </Link>
          </>
        ) : (
          t("timeliness.kpiPage.noDelivery")
        )}
      </Paragraph>
      <Heading3>{t("timeliness.kpiPage.agreements")}</Heading3>
      {info.agreements.length === 0 ? (
        <Paragraph>{t("timeliness.kpiPage.noAgreements")}</Paragraph>
      ) : (
        <ul>
          {info.agreements.map((a) => (
            <li key={`${a.agreementId}:${a.version}`}>
              <Link to={agreementUrl(a.agreementId)} className="utrecht-link">
                {t("timeliness.kpiPage.agreementLine", { reference: a.reference, version: a.version, title: a.title, party: a.party, status: t(`timeliness.agreementStatus.${a.status}`) })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
