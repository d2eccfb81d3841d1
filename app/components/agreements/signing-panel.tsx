// Signatures and the sealed PDF of an agreement version: the panel on the agreement's page (fed by
// `loadSigningPanel`), and the pieces the signing page reuses (signature table, seal state).
import { Form, Link as RemixLink } from "@remix-run/react";
import { Button, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import type { SigningPanelData } from "../../modules/agreements/signing-view.server";
import { formatMoment } from "../../modules/programme/format";

// Single fetch keeps Dates as Dates between loader and component.
type Panel = SigningPanelData;
type Signature = Panel["signatures"][number];

export function SignaturesTable({ version, signatures, missingRoles }: { version: number; signatures: Signature[]; missingRoles: Panel["missingRoles"] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table>
      <TableCaption>{t("agreementSigning.signatures.caption", { version })}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t("agreementSigning.signatures.role")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("agreementSigning.signatures.name")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("agreementSigning.signatures.when")}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {signatures.map((s) => (
          <TableRow key={s.role}>
            <TableCell>{t(`agreementSigning.roles.${s.role}`)}</TableCell>
            <TableCell>{s.name}</TableCell>
            <TableCell>{formatMoment(s.signedAt, i18n.language)}</TableCell>
          </TableRow>
        ))}
        {missingRoles.map((role) => (
          <TableRow key={role}>
            <TableCell>{t(`agreementSigning.roles.${role}`)}</TableCell>
            <TableCell colSpan={2}>{t("agreementSigning.signatures.missing")}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The seal of a version's PDF: not yet, pending, sealed (download) or failed (error, next try, retry for leads). */
export function SealSection({ panel, retryAction, headingLevel = 2 }: { panel: Panel; retryAction: string; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const seal = panel.seal;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={`seal-${panel.version.id}`} id="verzegeling">
      <Heading id={`seal-${panel.version.id}`} className={`utrecht-heading-${headingLevel}`}>
        {t("agreementSigning.seal.heading")}
      </Heading>
      {!seal ? <Paragraph>{t("agreementSigning.seal.none")}</Paragraph> : null}
      {seal?.status === "pending" ? <Paragraph>{t("agreementSigning.seal.pending")}</Paragraph> : null}
      {seal?.status === "sealed" ? (
        <>
          <Paragraph>{t("agreementSigning.seal.sealed", { date: formatMoment(seal.sealedAt, i18n.language) })}</Paragraph>
          {panel.urls.pdf ? (
            <Paragraph>
              <a className="utrecht-link" href={panel.urls.pdf} download>
                {t("agreementSigning.seal.download")}
              </a>
            </Paragraph>
          ) : null}
          <Paragraph>
            {t("agreementSigning.seal.pdfSha")}: <code className="koers-hash">{seal.pdfSha256}</code>
          </Paragraph>
        </>
      ) : null}
      {seal?.status === "failed" ? (
        <div role="alert" className="utrecht-alert utrecht-alert--error">
          <div className="utrecht-alert__message">
            <Paragraph>{t("agreementSigning.seal.failed", { attempts: seal.attempts, error: seal.lastError ?? "" })}</Paragraph>
            <Paragraph>
              {seal.nextAttemptAt ? t("agreementSigning.seal.nextAttempt", { date: formatMoment(seal.nextAttemptAt, i18n.language) }) : t("agreementSigning.seal.noMoreAttempts")}
            </Paragraph>
          </div>
        </div>
      ) : null}
      {panel.mayRetrySeal ? (
        <Form method="post" action={retryAction}>
          <input type="hidden" name="intent" value="retrySeal" />
          <input type="hidden" name="versionId" value={panel.version.id} />
          <Button type="submit" appearance="secondary-action-button">
            {t("agreementSigning.seal.retry")}
          </Button>
        </Form>
      ) : null}
    </section>
  );
}

/**
 * The panel for the agreement's page: who signed the current version (or the one awaiting
 * signatures), a link to sign when this member may, and the sealed PDF.
 */
export function SigningPanel({ panel }: { panel: Panel }) {
  const { t } = useTranslation();
  const signPath = panel.urls.sign;
  return (
    <section aria-labelledby="signing-panel-heading" className="koers-signing-panel">
      <Heading2 id="signing-panel-heading">{t("agreementSigning.panel.heading")}</Heading2>
      <Paragraph>
        {t("agreementSigning.page.status")}: {t(`agreementSigning.statuses.${panel.version.status}`)} · {t("agreementSigning.pdf.version")} {panel.version.number}
      </Paragraph>
      <SignaturesTable version={panel.version.number} signatures={panel.signatures} missingRoles={panel.version.status === "awaiting_signatures" ? panel.missingRoles : []} />
      <Paragraph>
        {panel.mayUseRoles.length > 0 ? (
          <RemixLink to={signPath} className="utrecht-button utrecht-button--primary-action">
            {t("agreementSigning.panel.sign")}
          </RemixLink>
        ) : (
          <RemixLink to={signPath} className="utrecht-link">
            {t("agreementSigning.panel.view")}
          </RemixLink>
        )}
      </Paragraph>
      {panel.version.status !== "awaiting_signatures" ? <SealSection panel={panel} retryAction={signPath} headingLevel={3} /> : null}
    </section>
  );
}
