import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "../../app/db.server";
import { deliverDueMails, enqueueMail, MAX_ATTEMPTS, retryDelayMs } from "../../emails/outbox.server";
import { outbox } from "../../db/schema/index";
import { useTestDatabase } from "./support/db";
import { startResendStub, type ResendStub } from "./support/resend-stub";

useTestDatabase();

let stub: ResendStub;

beforeAll(async () => {
  stub = await startResendStub();
  vi.stubEnv("RESEND_BASE_URL", stub.url);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await stub?.close();
});

beforeEach(async () => {
  stub.reset();
  await db().delete(outbox);
});

async function row(id: string) {
  const [found] = await db().select().from(outbox).where(eq(outbox.id, id));
  return found!;
}

function requestFor(to: string) {
  return stub.requests.filter((r) => (r.body.to as string[]).includes(to));
}

const cases = [
  { template: "verify-email", locale: "nl", props: { name: "Anna", url: "http://localhost:3000/e-mail-bevestigen?token=tok-nl" }, subject: "Bevestig uw e-mailadres voor Koers", inText: "Beste Anna," },
  { template: "verify-email", locale: "en", props: { name: "Anna", url: "http://localhost:3000/e-mail-bevestigen?token=tok-en" }, subject: "Confirm your email address for Koers", inText: "Dear Anna," },
  { template: "reset-password", locale: "nl", props: { name: "Bert", url: "http://localhost:3000/wachtwoord-herstellen/reset-nl" }, subject: "Nieuw wachtwoord kiezen voor Koers", inText: "Beste Bert," },
  { template: "reset-password", locale: "en", props: { name: "Bert", url: "http://localhost:3000/wachtwoord-herstellen/reset-en" }, subject: "Choose a new password for Koers", inText: "Dear Bert," },
  {
    template: "invitation",
    locale: "nl",
    props: { url: "http://localhost:3000/uitnodiging/inv-nl", municipality: "Utrecht", inviter: "Carla", role: "programme_lead" },
    subject: "Uitnodiging voor Utrecht in Koers",
    inText: "Programmaleider",
  },
  {
    template: "invitation",
    locale: "en",
    props: { url: "http://localhost:3000/uitnodiging/inv-en", municipality: "Utrecht", inviter: "Carla", role: "programme_lead" },
    subject: "Invitation to Utrecht in Koers",
    inText: "Programme lead",
  },
] as const;

describe("outbox delivery through Resend", () => {
  it("sends every template in both languages with subject, link and idempotency key", async () => {
    const ids: string[] = [];
    await db().transaction(async (tx) => {
      for (const [i, c] of cases.entries()) {
        ids.push(await enqueueMail(tx, { template: c.template, to: `r${i}@example.test`, locale: c.locale, props: c.props } as Parameters<typeof enqueueMail>[1]));
      }
    });

    const report = await deliverDueMails(db(), { apiKey: "re_test" });
    expect(report).toEqual({ sent: cases.length, failed: 0, retrying: 0 });
    expect(stub.requests).toHaveLength(cases.length);

    for (const [i, c] of cases.entries()) {
      const [request] = requestFor(`r${i}@example.test`);
      expect(request, `request for ${c.template}/${c.locale}`).toBeDefined();
      expect(request!.path).toBe("/emails");
      expect(request!.headers.authorization).toBe("Bearer re_test");
      expect(request!.headers["idempotency-key"]).toBe(`koers-outbox-${ids[i]}`);
      expect(request!.body.to).toEqual([`r${i}@example.test`]);
      expect(request!.body.from).toBe(process.env.MAIL_FROM ?? "Koers <koers@example.nl>");
      expect(request!.body.subject).toBe(c.subject);
      const html = request!.body.html as string;
      const text = request!.body.text as string;
      expect(html).toContain(`href="${c.props.url}"`);
      expect(text).toContain(c.props.url);
      expect(html).toContain(`lang="${c.locale}"`);
      expect(text).toContain(c.inText);

      const stored = await row(ids[i]!);
      expect(stored).toMatchObject({ status: "sent", attempts: 1, lastError: null, template: c.template, subject: c.subject });
      expect(stored.providerMessageId).toMatch(/^stub-\d+$/);
      expect(stored.sentAt).toBeInstanceOf(Date);
    }

    // Nothing is due any more.
    expect(await deliverDueMails(db(), { apiKey: "re_test" })).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(stub.requests).toHaveLength(cases.length);
  });

  it("writes nothing when the transaction that enqueued the mail rolls back", async () => {
    await expect(
      db().transaction(async (tx) => {
        await enqueueMail(tx, { template: "verify-email", to: "rollback@example.test", props: { name: "X", url: "http://localhost:3000/x" } });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await db().select().from(outbox)).toHaveLength(0);
  });

  it("records a failure, backs off, and succeeds on a later attempt with the same idempotency key", async () => {
    const id = await enqueueMail(db(), { template: "reset-password", to: "retry@example.test", props: { name: "R", url: "http://localhost:3000/wachtwoord-herstellen/abc" } });
    const t0 = new Date(Date.now() + 1000);

    stub.failNext(1);
    expect(await deliverDueMails(db(), { apiKey: "re_test", now: t0 })).toEqual({ sent: 0, failed: 0, retrying: 1 });
    let stored = await row(id);
    expect(stored.status).toBe("pending");
    expect(stored.attempts).toBe(1);
    expect(stored.lastError).toContain("Stub failure");
    expect(stored.nextAttemptAt.getTime()).toBe(t0.getTime() + retryDelayMs(1));

    // Not due yet: nothing is sent.
    expect(await deliverDueMails(db(), { apiKey: "re_test", now: new Date(t0.getTime() + retryDelayMs(1) - 1000) })).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(stub.requests).toHaveLength(1);

    expect(await deliverDueMails(db(), { apiKey: "re_test", now: new Date(t0.getTime() + retryDelayMs(1)) })).toEqual({ sent: 1, failed: 0, retrying: 0 });
    stored = await row(id);
    expect(stored).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(stub.requests).toHaveLength(2);
    expect(stub.requests.map((r) => r.headers["idempotency-key"])).toEqual([`koers-outbox-${id}`, `koers-outbox-${id}`]);
  });

  it("gives up after MAX_ATTEMPTS and marks the mail failed", async () => {
    const id = await enqueueMail(db(), { template: "verify-email", to: "doomed@example.test", props: { name: "D", url: "http://localhost:3000/e-mail-bevestigen?token=t" } });
    stub.failNext(MAX_ATTEMPTS + 5);
    let now = Date.now() + 1000;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const report = await deliverDueMails(db(), { apiKey: "re_test", now: new Date(now) });
      expect(report).toEqual(attempt < MAX_ATTEMPTS ? { sent: 0, failed: 0, retrying: 1 } : { sent: 0, failed: 1, retrying: 0 });
      const stored = await row(id);
      expect(stored.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) expect(stored.nextAttemptAt.getTime()).toBe(now + retryDelayMs(attempt));
      now += retryDelayMs(attempt);
    }
    const stored = await row(id);
    expect(stored.status).toBe("failed");
    expect(stored.lastError).toContain("Stub failure");
    expect(stub.requests).toHaveLength(MAX_ATTEMPTS);

    // A failed mail is never picked up again.
    expect(await deliverDueMails(db(), { apiKey: "re_test", now: new Date(now + 10 * 3_600_000) })).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(stub.requests).toHaveLength(MAX_ATTEMPTS);
  });

  it("sends every mail once when several workers deliver at the same time (app processes, outbox worker)", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push(await enqueueMail(db(), { template: "verify-email", to: `worker-${i}@example.test`, props: { name: `W${i}`, url: `http://localhost:3000/e-mail-bevestigen?token=w${i}` } }));
    }
    const now = new Date(Date.now() + 1000);
    const reports = await Promise.all(Array.from({ length: 4 }, () => deliverDueMails(db(), { apiKey: "re_test", now, limit: 10 })));
    // Whatever is left after the first round (limit 10 each) goes in a second.
    reports.push(...(await Promise.all(Array.from({ length: 4 }, () => deliverDueMails(db(), { apiKey: "re_test", now, limit: 10 })))));
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(30);
    for (let i = 0; i < 30; i++) expect(requestFor(`worker-${i}@example.test`)).toHaveLength(1);
    for (const id of ids) expect(await row(id)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("sends nothing without an API key and leaves the mails pending", async () => {
    vi.stubEnv("RESEND_API_KEY", "");
    const id = await enqueueMail(db(), { template: "verify-email", to: "nokey@example.test", props: { name: "N", url: "http://localhost:3000/e-mail-bevestigen?token=n" } });
    expect(await deliverDueMails(db(), { now: new Date(Date.now() + 1000) })).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(stub.requests).toHaveLength(0);
    expect(await row(id)).toMatchObject({ status: "pending", attempts: 0, lastError: null, sentAt: null });
  });
});
