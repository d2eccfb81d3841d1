// The outbox: mails are rows written in the same transaction as their cause, then delivered by
// `deliverDueMails` through Resend (retries with back-off, attempts and last error recorded).
import { and, asc, desc, eq, inArray, lte } from "drizzle-orm";
import { Resend } from "resend";
import type { DbOrTx, Database } from "../db/client";
import { outbox, type MailAttachment } from "../db/schema/index";
import { renderMail, type TemplateName, type TemplateProps } from "./templates";

export interface MailRequest<T extends TemplateName> {
  template: T;
  to: string;
  props: TemplateProps<T>;
  locale?: string | null;
  municipalityId?: string | null;
  /** Files sent with the mail, e.g. a calendar invitation (.ics). */
  attachments?: MailAttachment[];
}

export async function enqueueMail<T extends TemplateName>(tx: DbOrTx, request: MailRequest<T>): Promise<string> {
  const rendered = await renderMail(request.template, request.props, request.locale);
  const id = crypto.randomUUID();
  await tx.insert(outbox).values({
    id,
    municipalityId: request.municipalityId ?? null,
    template: request.template,
    toAddress: request.to,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    payload: request.props as Record<string, unknown>,
    attachments: request.attachments?.length ? request.attachments : null,
  });
  return id;
}

/** The newest outbox rows first, for the offline demo mailbox (/dev/mail). */
export async function listOutbox(db: Database, limit = 50) {
  return db
    .select({
      id: outbox.id,
      template: outbox.template,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      html: outbox.html,
      status: outbox.status,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit);
}

export const MAX_ATTEMPTS = 8;

/** Back-off after the n-th failed attempt: 30 s, 1 min, 2 min, … capped at 1 hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  retrying: number;
}

/**
 * Sends every due mail. Rows are claimed (locked and their next attempt pushed forward, in one
 * statement) before the network call, so two workers never send the same row and no transaction is
 * held during I/O.
 */
export async function deliverDueMails(db: Database, options: { apiKey?: string; from?: string; now?: Date; limit?: number } = {}): Promise<DeliveryReport> {
  const apiKey = options.apiKey ?? process.env.RESEND_API_KEY;
  const report: DeliveryReport = { sent: 0, failed: 0, retrying: 0 };
  if (!apiKey) return report;
  const from = options.from ?? process.env.MAIL_FROM ?? "Koers <koers@example.nl>";
  const now = options.now ?? new Date();
  const resend = new Resend(apiKey);

  // Claimed in one statement: the due rows are locked (rows another worker holds are skipped) and
  // their next attempt pushed past the lease, so a second worker — another app process, or
  // `npm run outbox:work` beside the server — neither sees nor sends them.
  const lease = new Date(now.getTime() + 5 * 60_000);
  const claimable = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.createdAt))
    .limit(options.limit ?? 20)
    .for("update", { skipLocked: true });
  const due = (await db.update(outbox).set({ nextAttemptAt: lease }).where(inArray(outbox.id, claimable)).returning()).sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  );
  if (due.length === 0) return report;

  for (const mail of due) {
    const attempts = mail.attempts + 1;
    let error: string | undefined;
    let messageId: string | undefined;
    try {
      const result = await resend.emails.send(
        {
          from,
          to: [mail.toAddress],
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          attachments: mail.attachments?.map((a) => ({ filename: a.filename, content: a.contentBase64, contentType: a.contentType })),
        },
        { idempotencyKey: `koers-outbox-${mail.id}` },
      );
      if (result.error) error = `${result.error.name}: ${result.error.message}`;
      else messageId = result.data?.id;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    if (!error) {
      await db.update(outbox).set({ status: "sent", attempts, sentAt: new Date(), lastError: null, providerMessageId: messageId ?? null }).where(eq(outbox.id, mail.id));
      report.sent++;
    } else if (attempts >= MAX_ATTEMPTS) {
      await db.update(outbox).set({ status: "failed", attempts, lastError: error }).where(eq(outbox.id, mail.id));
      report.failed++;
    } else {
      await db
        .update(outbox)
        .set({ attempts, lastError: error, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) })
        .where(eq(outbox.id, mail.id));
      report.retrying++;
    }
  }
  return report;
}
