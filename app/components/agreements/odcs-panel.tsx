// The ODCS panel of an agreement's page: a download link per version (the data contract as ODCS
// v3.1.0 YAML) and, for those who manage agreements, the way to import a file into the draft.
// Wire it on the agreement detail page with the agreement's versions (newest first is fine):
//   <OdcsPanel cbsCode={cbsCode} agreementId={id} versions={versions} current={current}
//              mayImport={can(member.role, { agreement: ["manage"] })} />
import { Link as RemixLink } from "@remix-run/react";
import { Heading2, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import type { AgreementStatus } from "../../../db/schema/agreements";

export interface OdcsPanelVersion {
  version: number;
  status: AgreementStatus;
}

export function odcsExportUrl(cbsCode: string, agreementId: string, version: number): string {
  return `/g/${cbsCode}/overeenkomsten/${encodeURIComponent(agreementId)}/odcs.yaml?versie=${version}`;
}

export function odcsImportUrl(cbsCode: string, agreementId: string): string {
  return `/g/${cbsCode}/overeenkomsten/${encodeURIComponent(agreementId)}/odcs-import`;
}

export function OdcsPanel({
  cbsCode,
  agreementId,
  versions,
  current,
  mayImport,
  headingLevel = 2,
}: {
  cbsCode: string;
  agreementId: string;
  versions: readonly OdcsPanelVersion[];
  /** The current version: an import goes into it, and only while it is a draft. */
  current: OdcsPanelVersion | null;
  mayImport: boolean;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? Heading2 : "h3";
  return (
    <section className="koers-section" aria-labelledby="odcs-panel-heading">
      <Heading id="odcs-panel-heading" className={headingLevel === 3 ? "utrecht-heading-3" : undefined}>
        {t("agreementOdcs.panel.heading")}
      </Heading>
      <Paragraph>{t("agreementOdcs.panel.intro")}</Paragraph>
      <ul>
        {versions.map((v) => (
          <li key={v.version}>
            <a
              className="utrecht-link"
              href={odcsExportUrl(cbsCode, agreementId, v.version)}
              download
              aria-label={t("agreementOdcs.panel.downloadLabel", { version: v.version, status: t(`agreementOdcs.statuses.${v.status}`) })}
            >
              {t("agreementOdcs.panel.download", { version: v.version })}
            </a>{" "}
            <span className="koers-muted">({t(`agreementOdcs.statuses.${v.status}`)})</span>
          </li>
        ))}
      </ul>
      {mayImport && current ? (
        current.status === "draft" ? (
          <Paragraph>
            <RemixLink className="utrecht-link" to={odcsImportUrl(cbsCode, agreementId)}>
              {t("agreementOdcs.panel.import")}
            </RemixLink>
          </Paragraph>
        ) : (
          <Paragraph className="koers-muted">{t("agreementOdcs.panel.importOnlyDraft")}</Paragraph>
        )
      ) : null}
    </section>
  );
}
