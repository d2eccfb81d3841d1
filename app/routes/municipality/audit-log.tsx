// The audit log (logboek) of one municipality, newest first, paged by sequence number (?voor=SEQ).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { db } from "../../db.server";
import { listAuditEvents } from "../../modules/audit/audit.server";
import { requireMember } from "../../modules/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Logboek · Koers" }];

const PAGE_SIZE = 50;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code, { audit: ["read"] });
  const raw = new URL(request.url).searchParams.get("voor");
  const before = raw && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
  const page = await listAuditEvents(db(), member.municipalityId, { before, limit: PAGE_SIZE });
  return {
    municipality: member.municipalityName,
    cbsCode: member.cbsCode,
    isFirstPage: before === undefined,
    nextCursor: page.nextCursor,
    events: page.events.map((e) => ({
      seq: e.seq,
      occurredAt: e.occurredAt,
      actorLabel: e.actorLabel,
      action: e.action,
      objectType: e.objectType,
      objectId: e.objectId,
      result: e.result,
      origin: e.origin,
    })),
  };
}

export default function AuditLog() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const format = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: "Europe/Amsterdam",
  });
  const base = `/g/${data.cbsCode}/logboek`;
  return (
    <>
      <Heading1 id="audit-heading">{t("audit.title")}</Heading1>
      <Paragraph>{t("audit.intro", { municipality: data.municipality })}</Paragraph>
      {data.events.length === 0 ? (
        <Paragraph>{t("audit.empty")}</Paragraph>
      ) : (
        <Table className="koers-table" aria-labelledby="audit-heading">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("audit.when")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("audit.who")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("audit.what")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("audit.object")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("audit.result")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("audit.origin")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.events.map((e) => (
              <TableRow key={e.seq}>
                <TableCell>
                  <time dateTime={new Date(e.occurredAt).toISOString()}>{format.format(new Date(e.occurredAt))}</time>
                </TableCell>
                <TableCell>{e.actorLabel}</TableCell>
                <TableCell>{t(`auditActions.${e.action}`, { defaultValue: e.action })}</TableCell>
                <TableCell>
                  {t(`audit.objects.${e.objectType}`, { defaultValue: e.objectType })}
                  {e.objectId ? <span className="koers-mono koers-muted"> {e.objectId}</span> : null}
                </TableCell>
                <TableCell>{t(`audit.results.${e.result}`, { defaultValue: e.result })}</TableCell>
                <TableCell>{e.origin ?? "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {!data.isFirstPage || data.nextCursor !== null ? (
        <nav aria-label={t("audit.pagination")} className="koers-section">
          <ul className="koers-form-row" style={{ listStyle: "none", padding: 0 }}>
            {!data.isFirstPage ? (
              <li>
                <Link to={base}>{t("audit.newest")}</Link>
              </li>
            ) : null}
            {data.nextCursor !== null ? (
              <li>
                <Link to={`${base}?voor=${data.nextCursor}`}>{t("audit.older")}</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
