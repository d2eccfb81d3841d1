// A person's training checklist: their role's topics, ticked where a logged session covered them.
import { Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";

export interface ChecklistItemData {
  topicId: string;
  title: string;
  description: string | null;
  required: boolean;
  covered: { sessionId: string; sessionTitle: string; date: string | Date } | null;
}

export function MyChecklist({ role, items }: { role: string; items: ChecklistItemData[] }) {
  const { t, i18n } = useTranslation();
  const day = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { dateStyle: "long", timeZone: "Europe/Amsterdam" });
  const required = items.filter((i) => i.required);
  const done = required.filter((i) => i.covered).length;
  return (
    <section className="koers-section" aria-labelledby="my-checklist-heading">
      <Heading2 id="my-checklist-heading">{t("training.myChecklist.heading")}</Heading2>
      <Paragraph>{t("training.myChecklist.intro", { role: t(`roles.${role}`, { defaultValue: role }) })}</Paragraph>
      {required.length === 0 ? (
        <Paragraph>{t("training.myChecklist.empty")}</Paragraph>
      ) : (
        <>
          <Paragraph>
            <strong>{t("training.myChecklist.progress", { done, total: required.length })}</strong>
          </Paragraph>
          <progress value={done} max={required.length} aria-label={t("training.myChecklist.progress", { done, total: required.length })} />
        </>
      )}
      {items.length > 0 ? (
        <Table className="koers-table">
          <TableCaption>{t("training.myChecklist.caption")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("training.checklists.topic")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("training.sessions.columns.status")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((i) => (
              <TableRow key={i.topicId} data-testid={`checklist-${i.title}`}>
                <TableHeaderCell scope="row">
                  {i.title}
                  {i.description ? <div className="koers-muted">{i.description}</div> : null}
                </TableHeaderCell>
                <TableCell>
                  {i.covered ? (
                    <>
                      <span aria-hidden="true">✓ </span>
                      <strong>{t("training.myChecklist.done")}</strong>
                      {i.required ? null : <span className="koers-muted"> · {t("training.myChecklist.extra")}</span>}
                      <div className="koers-muted">{t("training.myChecklist.coveredOn", { session: i.covered.sessionTitle, date: day.format(new Date(i.covered.date)) })}</div>
                    </>
                  ) : (
                    t("training.myChecklist.todo")
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </section>
  );
}
