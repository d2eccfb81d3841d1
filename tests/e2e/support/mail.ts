// Reads the mails the app delivered to the Resend stub (tests/e2e/support/resend-stub-server.ts).
import { expect } from "@playwright/test";
import { BASE_URL, RESEND_STUB_URL } from "../../../playwright.config";

export interface Mail {
  id: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; content: string; contentType?: string }[];
  receivedAt: string;
}

export async function mailsTo(to: string): Promise<Mail[]> {
  const response = await fetch(`${RESEND_STUB_URL}/__mails?to=${encodeURIComponent(to)}`);
  if (!response.ok) throw new Error(`Resend stub answered ${response.status}`);
  return (await response.json()) as Mail[];
}

/**
 * Waits until the app's outbox (delivering every 300 ms in the e2e run) has sent a mail to `to`
 * whose subject matches, and returns the newest such mail. `after` skips mails received earlier,
 * for flows that send the same kind of mail twice.
 */
export async function waitForMail(to: string, subjectMatch: string | RegExp, options: { timeout?: number; after?: Date } = {}): Promise<Mail> {
  const matches = (subject: string) => (typeof subjectMatch === "string" ? subject.includes(subjectMatch) : subjectMatch.test(subject));
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const mails = (await mailsTo(to)).filter((m) => matches(m.subject) && (!options.after || new Date(m.receivedAt) >= options.after));
        found = mails.at(-1);
        return found ? found.subject : null;
      },
      { message: `a mail to ${to} with subject ${String(subjectMatch)}`, timeout: options.timeout ?? 10_000, intervals: [200, 300, 500] },
    )
    .not.toBeNull();
  return found!;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, "&")
    .replace(/&#x2F;/gi, "/")
    .replace(/&#x3D;/gi, "=")
    .replace(/&#39;|&#x27;/gi, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

/** The first link in the mail's HTML to a path starting with `pathPrefix`, as an absolute URL. */
export function linkFrom(mail: Mail, pathPrefix: string): string {
  for (const match of mail.html.matchAll(/href\s*=\s*"([^"]*)"/gi)) {
    const url = new URL(decodeEntities(match[1]!), BASE_URL);
    if (url.pathname.startsWith(pathPrefix)) return url.toString();
  }
  throw new Error(`No link to ${pathPrefix} in the mail "${mail.subject}" to ${mail.to.join(", ")}:\n${mail.html}`);
}
