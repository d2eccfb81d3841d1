// One agreement version, readable: its terms as a fact list and each dataset as a table of fields
// with their rules and the KPI each feeds. Used for the current version and every older one.
import { Heading2, Heading3, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import type { ReadableVersion } from "../../modules/agreements/agreement-view.server";

type Version = Omit<ReadableVersion, "terms"> & { terms: ReadableVersion["terms"] };

const num = (n: number) => String(n).replace(".", ",");

export function AgreementVersionView({ version }: { version: Version }) {
  const { t } = useTranslation();
  const terms = version.terms;
  const none = <span className="koers-muted">{t("agreements.detail.none")}</span>;
  return (
    <>
      <section className="koers-section" aria-labelledby="terms-heading">
        <Heading2 id="terms-heading">{t("agreements.detail.termsHeading")}</Heading2>
        <dl className="koers-facts">
          <dt>{t("agreements.detail.purpose")}</dt>
          <dd>{terms.purpose ?? none}</dd>
          <dt>{t("agreements.detail.frequency")}</dt>
          <dd>{t(`agreements.frequencies.${version.frequency}`)}</dd>
          <dt>{t("agreements.detail.deadline")}</dt>
          <dd>{t("agreements.detail.deadlineValue", { count: version.deadlineWorkingDays })}</dd>
          <dt>{t("agreements.detail.reminder")}</dt>
          <dd>{t("agreements.detail.reminderValue", { count: version.reminderWorkingDaysBefore })}</dd>
          <dt>{t("agreements.detail.grace")}</dt>
          <dd>{t("agreements.detail.graceValue", { count: version.graceWorkingDays })}</dd>
          <dt>{t("agreements.detail.formats")}</dt>
          <dd>{version.formats.length ? version.formats.map((f) => t(`agreements.formats.${f}`)).join(", ") : none}</dd>
          <dt>{t("agreements.detail.period")}</dt>
          <dd>{t("agreements.detail.periodValue", { start: version.startDate, end: version.endDate ?? t("agreements.detail.noEnd") })}</dd>
          <dt>{t("agreements.detail.quality")}</dt>
          <dd>
            {terms.quality.completenessPct === undefined && !terms.quality.validity && !terms.quality.timeliness ? none : null}
            {terms.quality.completenessPct !== undefined ? <div>{t("agreements.detail.completeness", { pct: num(terms.quality.completenessPct) })}</div> : null}
            {terms.quality.validity ? <div>{t("agreements.detail.validity", { text: terms.quality.validity })}</div> : null}
            {terms.quality.timeliness ? <div>{t("agreements.detail.timeliness", { text: terms.quality.timeliness })}</div> : null}
          </dd>
          <dt>{t("agreements.detail.personalData")}</dt>
          <dd>{terms.personalData ? t("agreements.detail.yes") : t("agreements.detail.no")}</dd>
          <dt>{t("agreements.detail.legalGround")}</dt>
          <dd>{terms.legalGround ?? none}</dd>
          <dt>{t("agreements.detail.retention")}</dt>
          <dd>{terms.retention ?? none}</dd>
          <dt>{t("agreements.detail.contacts")}</dt>
          <dd>
            {terms.contacts.length === 0 ? none : null}
            {terms.contacts.length ? (
              <ul>
                {terms.contacts.map((c) => (
                  <li key={c.role}>
                    {t(`agreements.contactRoles.${c.role}`)}: {[c.name, c.email, c.phone].filter(Boolean).join(", ")}
                  </li>
                ))}
              </ul>
            ) : null}
          </dd>
          <dt>{t("agreements.detail.escalation")}</dt>
          <dd>
            {terms.escalation.length === 0 ? none : null}
            {terms.escalation.length ? (
              <ol>
                {terms.escalation.map((s, i) => (
                  <li key={i}>{t("agreements.detail.escalationStep", { count: s.afterWorkingDays, to: s.to })}</li>
                ))}
              </ol>
            ) : null}
          </dd>
          <dt>{t("agreements.detail.notes")}</dt>
          <dd>{terms.notes ?? none}</dd>
        </dl>
      </section>
      <section className="koers-section" aria-labelledby="datasets-heading">
        <Heading2 id="datasets-heading">{t("agreements.detail.datasetsHeading")}</Heading2>
        {version.datasets.length === 0 ? <Paragraph className="koers-muted">{t("agreements.detail.noDatasets")}</Paragraph> : null}
        {version.datasets.map((ds) => (
          <div key={ds.id} className="koers-section">
            <Heading3>{ds.name}</Heading3>
            <Paragraph className="koers-muted">{t("agreements.detail.datasetKey", { key: ds.key })}</Paragraph>
            {ds.description ? <Paragraph>{ds.description}</Paragraph> : null}
            <FieldsTable name={ds.name} fields={ds.fields} />
          </div>
        ))}
      </section>
    </>
  );
}

export function FieldsTable({ name, fields, actions }: { name: string; fields: Version["datasets"][number]["fields"]; actions?: (field: Version["datasets"][number]["fields"][number], index: number) => React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Table className="koers-table">
      <TableCaption>{t("agreements.detail.fieldsCaption", { name })}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t("agreements.detail.field")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("agreements.detail.type")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("agreements.detail.unit")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("agreements.detail.required")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("agreements.detail.rules")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("agreements.detail.feeds")}</TableHeaderCell>
          {actions ? <TableHeaderCell scope="col">{t("agreements.detail.actions")}</TableHeaderCell> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {fields.map((f, i) => (
          <TableRow key={f.id}>
            <TableHeaderCell scope="row">
              <span className="koers-mono">{f.name}</span>
              {f.description ? <div className="koers-muted">{f.description}</div> : null}
            </TableHeaderCell>
            <TableCell>{t(`agreements.fieldTypes.${f.type}`)}</TableCell>
            <TableCell>{f.unit ?? "–"}</TableCell>
            <TableCell>{f.required ? t("agreements.detail.yes") : t("agreements.detail.no")}</TableCell>
            <TableCell>
              {[
                f.isKey ? t("agreements.detail.isKey") : null,
                f.min !== null ? t("agreements.detail.min", { value: num(f.min) }) : null,
                f.max !== null ? t("agreements.detail.max", { value: num(f.max) }) : null,
                f.allowedValues?.length ? t("agreements.detail.allowed", { values: f.allowedValues.join(" | ") }) : null,
              ]
                .filter(Boolean)
                .join("; ") || "–"}
            </TableCell>
            <TableCell>{f.kpi ? `${f.kpi.name} (${t(`agreements.aggregations.${f.aggregation ?? "single"}`)})` : "–"}</TableCell>
            {actions ? <TableCell>{actions(f, i)}</TableCell> : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
