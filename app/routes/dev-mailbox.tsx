// The offline demo's mailbox: without RESEND_API_KEY the outbox is readable here, so one can open
// the verification or invitation mail before signing in. No sign-in; 404 when mail really goes out.
import { AuthPage } from "../components/ui/auth-page";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Heading2, Link, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "../i18n/use-translation";
import { listOutbox } from "../../emails/outbox.server";
import { isDevMailboxEnabled } from "../config.server";
import { db } from "../db.server";
import { notFound } from "../modules/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Uitgaande e-mail · Koers" }];

function linksIn(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/href="([^"]+)"/g)) {
    const href = match[1]!.replace(/&amp;/g, "&").replace(/&#x2F;/gi, "/").replace(/&#x3D;/gi, "=");
    if (/^https?:\/\//i.test(href)) found.add(href);
  }
  return [...found];
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (!isDevMailboxEnabled()) throw notFound();
  const rows = await listOutbox(db(), 50);
  const wanted = new URL(request.url).searchParams.get("mail");
  const selected = (wanted ? rows.find((r) => r.id === wanted) : undefined) ?? rows[0];
  return {
    mails: rows.map((r) => ({ id: r.id, to: r.toAddress, subject: r.subject, status: r.status, createdAt: r.createdAt })),
    selected: selected ? { id: selected.id, to: selected.toAddress, subject: selected.subject, html: selected.html, links: linksIn(selected.html) } : null,
  };
}

export default function DevMailbox() {
  const { t, i18n } = useTranslation();
  const { mails, selected } = useLoaderData<typeof loader>();
  const format = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { dateStyle: "medium", timeStyle: "medium", timeZone: "Europe/Amsterdam" });
  return (
    <AuthPage title={t("mailbox.title")} titleId="mailbox-heading" wide>
        
        <Paragraph>{t("mailbox.intro")}</Paragraph>
        {mails.length === 0 ? (
          <Paragraph>{t("mailbox.empty")}</Paragraph>
        ) : (
          <Table className="koers-table" aria-labelledby="mailbox-heading">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("mailbox.to")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("mailbox.subject")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("mailbox.status")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("common.created")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {mails.map((m) => {
                const current = m.id === selected?.id;
                return (
                  <TableRow key={m.id}>
                    <TableCell>{m.to}</TableCell>
                    <TableCell>
                      <RemixLink to={`/dev/mail?mail=${m.id}`} aria-current={current ? "true" : undefined}>
                        {m.subject}
                      </RemixLink>
                      {current ? <span className="koers-muted"> {t("mailbox.shown")}</span> : null}
                    </TableCell>
                    <TableCell>{t(`mailbox.statuses.${m.status}`, { defaultValue: m.status })}</TableCell>
                    <TableCell>
                      <time dateTime={new Date(m.createdAt).toISOString()}>{format.format(new Date(m.createdAt))}</time>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
        {selected ? (
          <section className="koers-section" aria-labelledby="mail-heading">
            <Heading2 id="mail-heading">{selected.subject}</Heading2>
            <Paragraph>
              {t("mailbox.to")}: {selected.to}
            </Paragraph>
            <iframe
              title={t("mailbox.preview", { subject: selected.subject })}
              sandbox=""
              srcDoc={selected.html}
              style={{ width: "100%", height: "32rem", border: "1px solid var(--koers-border)", background: "#fff" }}
            />
            <h3 className="utrecht-heading-3">{t("mailbox.links")}</h3>
            {selected.links.length === 0 ? (
              <Paragraph>{t("mailbox.noLinks")}</Paragraph>
            ) : (
              <ul>
                {selected.links.map((href) => (
                  <li key={href}>
                    <Link href={href} className="koers-mono">
                      {href}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
    </AuthPage>
  );
}
