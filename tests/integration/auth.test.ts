// The account flows through the module functions, with real better-auth on the test database.
import { afterEach, describe, expect, it, vi } from "vitest";
import { and, desc, eq, inArray } from "drizzle-orm";
import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import { db } from "../../app/db.server";
import { verifyAuditChain } from "../../app/modules/audit/audit.server";
import { requestPasswordReset, resetPassword, signIn, signUp, verifyEmail, verifySignInTotp } from "../../app/modules/auth/account.server";
import { auth } from "../../app/modules/auth/auth.server";
import { resolveSession } from "../../app/modules/auth/session.server";
import { auditEvent, outbox, session as sessionTable, user as userTable } from "../../db/schema/index";
import { useTestDatabase } from "./support/db";
import { createVerifiedUser, TEST_PASSWORD } from "./support/factories";

useTestDatabase();

afterEach(() => {
  vi.unstubAllEnvs();
});

const ORIGIN = "http://localhost:3000";
const PASSWORD = "een lange zin als wachtwoord";
const HOUR = 3_600_000;

/** Request headers as server.ts builds them: same-site origin, the client IP, optional cookies. */
function requestHeaders(ip: string, cookie?: string): Headers {
  const headers = new Headers({ origin: ORIGIN, "x-koers-client-ip": ip });
  if (cookie) headers.set("cookie", cookie);
  return headers;
}

/** The cookies a browser would send back after these Set-Cookie headers (cleared ones dropped). */
function cookiesFrom(response: Headers | string[]): string {
  const setCookies = Array.isArray(response) ? response : response.getSetCookie();
  return setCookies
    .filter((c) => !/max-age=0\b/i.test(c))
    .map((c) => c.split(";")[0]!)
    .join("; ");
}

async function mailsTo(email: string, template: string) {
  return db()
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, email), eq(outbox.template, template)))
    .orderBy(desc(outbox.createdAt));
}

async function auditFor(email: string) {
  return db().select().from(auditEvent).where(eq(auditEvent.actorLabel, email)).orderBy(auditEvent.seq);
}

async function signedInCookie(email: string, ip: string, password = TEST_PASSWORD): Promise<string> {
  const outcome = await signIn({ email, password }, requestHeaders(ip), ip);
  if (!outcome.ok) throw new Error(`sign-in failed: ${outcome.error}`);
  expect(outcome.twoFactor).toBe(false);
  return cookiesFrom(outcome.headers);
}

function totpFor(totpURI: string) {
  const secret = new URL(totpURI).searchParams.get("secret")!;
  return createOTP(base32.decode(secret), { digits: 6, period: 30 });
}

async function wrongCodeFor(otp: ReturnType<typeof totpFor>): Promise<string> {
  const counter = Math.floor(Date.now() / 30_000);
  const valid = new Set(await Promise.all([-2, -1, 0, 1, 2].map((d) => otp.hotp(counter + d))));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, "0");
    if (!valid.has(candidate)) return candidate;
  }
}

describe("sign up, verify e-mail, sign in", () => {
  it("goes through the whole flow and records it in the audit log", async () => {
    const email = "nieuw@gemeente.test";
    const ip = "10.0.0.1";
    expect(await signUp({ name: "Nieuwe Gebruiker", email, password: PASSWORD, locale: "nl" }, requestHeaders(ip), ip)).toEqual({ ok: true });

    const [mail] = await mailsTo(email, "verify-email");
    expect(mail).toBeDefined();
    expect(mail!.subject).toBe("Bevestig uw e-mailadres voor Koers");
    const url = new URL((mail!.payload as { url: string }).url);
    expect(`${url.origin}${url.pathname}`).toBe(`${ORIGIN}/e-mail-bevestigen`);
    const token = url.searchParams.get("token");
    expect(token).toBeTruthy();
    expect(mail!.text).toContain(url.toString());

    // A wrong password is just wrong, confirmed or not (no hint, no new mail).
    expect(await signIn({ email, password: "not the password at all" }, requestHeaders(ip), ip)).toEqual({ ok: false, error: "invalidCredentials" });
    expect(await mailsTo(email, "verify-email")).toHaveLength(1);
    // Right password, but the address is not confirmed yet: a fresh link is sent.
    expect(await signIn({ email, password: PASSWORD }, requestHeaders(ip), ip)).toEqual({ ok: false, error: "emailNotVerified" });
    expect(await mailsTo(email, "verify-email")).toHaveLength(2);

    expect(await verifyEmail("not-a-token", ip)).toBe(false);
    expect(await verifyEmail(token!, ip)).toBe(true);
    const [stored] = await db().select().from(userTable).where(eq(userTable.email, email));
    expect(stored).toMatchObject({ emailVerified: true, locale: "nl", name: "Nieuwe Gebruiker" });

    const outcome = await signIn({ email, password: PASSWORD }, requestHeaders(ip), ip);
    expect(outcome).toMatchObject({ ok: true, twoFactor: false });
    if (!outcome.ok) throw new Error("unreachable");
    const setCookies = outcome.headers.getSetCookie();
    expect(setCookies.some((c) => /^koers\.session_token=[^;]+/.test(c))).toBe(true);
    expect(setCookies.find((c) => c.startsWith("koers.session_token="))).toMatch(/HttpOnly/i);

    const resolved = await resolveSession(requestHeaders(ip, cookiesFrom(outcome.headers)));
    expect(resolved.expired).toBe(false);
    expect(resolved.signedIn?.user).toMatchObject({ id: stored!.id, email, name: "Nieuwe Gebruiker", emailVerified: true, twoFactorEnabled: false, locale: "nl" });

    // No cookie: nobody, and not "expired" either.
    expect(await resolveSession(requestHeaders(ip))).toEqual({ signedIn: null, setCookies: [], expired: false });

    const events = await auditFor(email);
    expect(events.map((e) => [e.action, e.result])).toEqual([
      ["account.signed_up", "success"],
      ["account.sign_in", "failure"],
      ["account.email_verified", "success"],
      ["account.sign_in", "success"],
    ]);
    for (const e of events) {
      expect(e.municipalityId).toBeNull();
      expect(e.origin).toBe(ip);
      expect(e.actorUserId).toBe(e.result === "failure" ? null : stored!.id);
    }
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("refuses a second account for the same address", async () => {
    const ip = "10.0.0.2";
    const input = { name: "Dubbel", email: "dubbel@gemeente.test", password: PASSWORD, locale: "en" };
    expect(await signUp(input, requestHeaders(ip), ip)).toEqual({ ok: true });
    expect(await signUp({ ...input, name: "Ander" }, requestHeaders(ip), ip)).toEqual({ ok: false, error: "duplicate" });
    expect(await db().select().from(userTable).where(eq(userTable.email, input.email))).toHaveLength(1);
    const mails = await mailsTo(input.email, "verify-email");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Confirm your email address for Koers");
  });
});

describe("failed sign-ins", () => {
  it("answers invalidCredentials for a wrong password or an unknown address, and audits the failure", async () => {
    const ip = "10.0.1.1";
    const u = await createVerifiedUser("fout@gemeente.test");
    expect(await signIn({ email: u.email, password: "not the password at all" }, requestHeaders(ip), ip)).toEqual({ ok: false, error: "invalidCredentials" });
    expect(await signIn({ email: "niemand@gemeente.test", password: "whatever-password" }, requestHeaders(ip), ip)).toEqual({ ok: false, error: "invalidCredentials" });

    const [failure] = await auditFor(u.email);
    expect(failure).toMatchObject({ action: "account.sign_in", result: "failure", municipalityId: null, origin: ip, details: { reason: "invalid_credentials" } });
    expect(JSON.stringify(failure)).not.toContain("not the password at all");
  });

  it("locks the account after 5 failures, even for the right password, but not other accounts on the same IP", async () => {
    const ip = "10.0.1.2";
    const victim = await createVerifiedUser("slot@gemeente.test");
    const neighbour = await createVerifiedUser("buur@gemeente.test");
    for (let i = 0; i < 5; i++) {
      expect(await signIn({ email: victim.email, password: `wrong password ${i}` }, requestHeaders(ip), ip)).toMatchObject({ ok: false, error: "invalidCredentials" });
    }
    const locked = await signIn({ email: victim.email, password: TEST_PASSWORD }, requestHeaders(ip), ip);
    expect(locked).toMatchObject({ ok: false, error: "accountLocked" });
    expect(locked.ok === false && locked.minutes).toBeGreaterThan(0);
    expect(locked.ok === false && locked.minutes).toBeLessThanOrEqual(15);
    // Also from another address: the lock is on the account.
    expect(await signIn({ email: victim.email, password: TEST_PASSWORD }, requestHeaders("10.9.9.9"), "10.9.9.9")).toMatchObject({ ok: false, error: "accountLocked" });

    const denied = (await auditFor(victim.email)).filter((e) => e.result === "denied");
    expect(denied[0]).toMatchObject({ action: "account.sign_in", details: { reason: "throttled_account" }, municipalityId: null });

    // Another account from the same IP still gets in (5 failures is far below the IP limit).
    await signedInCookie(neighbour.email, ip);
  });

  it("forgets an account's failures after a successful sign-in", async () => {
    const ip = "10.0.1.3";
    const u = await createVerifiedUser("vergeet@gemeente.test");
    for (let i = 0; i < 4; i++) await signIn({ email: u.email, password: "wrong password!" }, requestHeaders(ip), ip);
    await signedInCookie(u.email, ip);
    for (let i = 0; i < 4; i++) await signIn({ email: u.email, password: "wrong password!" }, requestHeaders(ip), ip);
    await signedInCookie(u.email, ip);
  });

  it("locks the IP once it reaches its own limit", async () => {
    vi.stubEnv("SIGNIN_MAX_FAILURES_IP", "7");
    const ip = "10.0.1.4";
    const accounts = await Promise.all(["ip1", "ip2", "ip3"].map((n) => createVerifiedUser(`${n}@gemeente.test`)));
    // 4 + 3 failures, spread so that no single account reaches its own limit of 5.
    for (let i = 0; i < 4; i++) await signIn({ email: accounts[0]!.email, password: "wrong password!" }, requestHeaders(ip), ip);
    for (let i = 0; i < 2; i++) await signIn({ email: accounts[1]!.email, password: "wrong password!" }, requestHeaders(ip), ip);
    await signedInCookie(accounts[2]!.email, ip); // 6 failures: still allowed
    await signIn({ email: "onbekend@gemeente.test", password: "wrong password!" }, requestHeaders(ip), ip);

    expect(await signIn({ email: accounts[2]!.email, password: TEST_PASSWORD }, requestHeaders(ip), ip)).toMatchObject({ ok: false, error: "ipLocked" });
    // The same account from another address is fine.
    await signedInCookie(accounts[2]!.email, "10.0.1.5");
  });
});

describe("password reset", () => {
  it("mails a link, sets the new password, ends old sessions and invalidates the old password", async () => {
    const ip = "10.0.2.1";
    const u = await createVerifiedUser("herstel@gemeente.test");
    const oldCookie = await signedInCookie(u.email, ip);

    await requestPasswordReset(u.email, requestHeaders(ip), ip);
    const [mail] = await mailsTo(u.email, "reset-password");
    expect(mail).toBeDefined();
    const match = (mail!.payload as { url: string }).url.match(/^http:\/\/localhost:3000\/wachtwoord-herstellen\/([^/?#]+)$/);
    expect(match).not.toBeNull();
    const token = decodeURIComponent(match![1]!);
    expect(mail!.html).toContain(`/wachtwoord-herstellen/${match![1]}`);
    expect(mail!.text).toContain(`/wachtwoord-herstellen/${match![1]}`);

    const newPassword = "een ander lang wachtwoord";
    expect(await resetPassword("bogus-token", newPassword, ip)).toBe(false);
    expect(await resetPassword(token, newPassword, ip)).toBe(true);
    expect(await resetPassword(token, "nog een ander wachtwoord", ip)).toBe(false);

    expect((await resolveSession(requestHeaders(ip, oldCookie))).signedIn).toBeNull();
    expect(await signIn({ email: u.email, password: TEST_PASSWORD }, requestHeaders(ip), ip)).toMatchObject({ ok: false, error: "invalidCredentials" });
    await signedInCookie(u.email, ip, newPassword);

    const actions = (await auditFor(u.email)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["account.password_reset_requested", "account.password_reset"]));
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const ip = "10.0.2.2";
    await expect(requestPasswordReset("onbekend-herstel@gemeente.test", requestHeaders(ip), ip)).resolves.toBeUndefined();
    expect(await mailsTo("onbekend-herstel@gemeente.test", "reset-password")).toHaveLength(0);
  });
});

describe("session lifetime", () => {
  it("ends a session 12 hours after sign-in, however active", async () => {
    const ip = "10.0.3.1";
    const u = await createVerifiedUser("twaalf@gemeente.test");
    const cookie = await signedInCookie(u.email, ip);
    const [row] = await db().select().from(sessionTable).where(eq(sessionTable.userId, u.id));
    // Keep better-auth's idle deadline out of the way: this test is about the absolute cap.
    await db().update(sessionTable).set({ expiresAt: new Date(Date.now() + 24 * HOUR) }).where(eq(sessionTable.id, row!.id));

    const start = row!.createdAt.getTime();
    const within = await resolveSession(requestHeaders(ip, cookie), new Date(start + 11.5 * HOUR));
    expect(within.signedIn?.user.id).toBe(u.id);
    expect(within.expired).toBe(false);

    const after = await resolveSession(requestHeaders(ip, cookie), new Date(start + 13 * HOUR));
    expect(after.signedIn).toBeNull();
    expect(after.expired).toBe(true);
    expect(after.setCookies.some((c) => /^koers\.session_token=;.*Max-Age=0/i.test(c))).toBe(true);
    expect(await db().select().from(sessionTable).where(eq(sessionTable.id, row!.id))).toHaveLength(0);

    // The session is gone for good, also at the real time.
    const later = await resolveSession(requestHeaders(ip, cookie));
    expect(later).toMatchObject({ signedIn: null, expired: true });
  });

  it("ends a session that was idle past its deadline", async () => {
    const ip = "10.0.3.2";
    const u = await createVerifiedUser("idle@gemeente.test");
    const cookie = await signedInCookie(u.email, ip);
    await db().update(sessionTable).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessionTable.userId, u.id));
    expect(await resolveSession(requestHeaders(ip, cookie))).toMatchObject({ signedIn: null, expired: true });
  });
});

describe("TOTP second factor", () => {
  it("enrols, then asks for a code at sign-in and accepts only a valid one", async () => {
    const ip = "10.0.4.1";
    const u = await createVerifiedUser("totp@gemeente.test");
    let cookie = await signedInCookie(u.email, ip);

    const enabled = await auth().api.enableTwoFactor({ body: { password: TEST_PASSWORD }, headers: requestHeaders(ip, cookie) });
    if (enabled.method !== "totp") throw new Error(`expected a TOTP enrolment, got ${enabled.method}`);
    expect(enabled.totpURI).toMatch(/^otpauth:\/\/totp\//);
    expect(enabled.backupCodes.length).toBeGreaterThan(0);
    const otp = totpFor(enabled.totpURI);

    // Not active until the first code is confirmed.
    let [stored] = await db().select().from(userTable).where(eq(userTable.id, u.id));
    expect(stored!.twoFactorEnabled).toBeFalsy();
    const activated = await auth().api.verifyTOTP({ body: { code: await otp.totp() }, headers: requestHeaders(ip, cookie), returnHeaders: true });
    cookie = cookiesFrom(activated.headers);
    [stored] = await db().select().from(userTable).where(eq(userTable.id, u.id));
    expect(stored!.twoFactorEnabled).toBe(true);
    expect((await resolveSession(requestHeaders(ip, cookie))).signedIn?.user.twoFactorEnabled).toBe(true);

    // Password step: no session yet, only the two-factor challenge cookie.
    const first = await signIn({ email: u.email, password: TEST_PASSWORD }, requestHeaders(ip), ip);
    expect(first).toMatchObject({ ok: true, twoFactor: true });
    if (!first.ok) throw new Error("unreachable");
    const challenge = cookiesFrom(first.headers);
    expect(challenge).toMatch(/koers\.two_factor=/);
    expect(challenge).not.toMatch(/koers\.session_token=/);
    expect((await resolveSession(requestHeaders(ip, challenge))).signedIn).toBeNull();

    expect(await verifySignInTotp(await wrongCodeFor(otp), requestHeaders(ip, challenge), ip)).toEqual({ ok: false, error: "codeInvalid" });
    expect(await verifySignInTotp("123", requestHeaders(ip), ip)).toEqual({ ok: false, error: "codeInvalid" });

    const second = await verifySignInTotp(await otp.totp(), requestHeaders(ip, challenge), ip);
    expect(second.ok).toBe(true);
    if (!second.ok) throw new Error("unreachable");
    const sessionCookie = cookiesFrom(second.headers);
    expect(sessionCookie).toMatch(/koers\.session_token=/);
    const resolved = await resolveSession(requestHeaders(ip, sessionCookie));
    expect(resolved.signedIn?.user).toMatchObject({ id: u.id, twoFactorEnabled: true });

    // The challenge is single-use.
    expect(await verifySignInTotp(await otp.totp(), requestHeaders(ip, challenge), ip)).toEqual({ ok: false, error: "codeInvalid" });

    const events = await db()
      .select()
      .from(auditEvent)
      .where(inArray(auditEvent.action, ["account.sign_in_password_ok", "account.sign_in", "account.sign_in_second_factor"]))
      .orderBy(auditEvent.seq);
    const mine = events.filter((e) => e.actorUserId === u.id || e.action === "account.sign_in_second_factor");
    expect(mine.some((e) => e.action === "account.sign_in_password_ok" && e.actorUserId === u.id)).toBe(true);
    expect(mine.some((e) => e.action === "account.sign_in" && e.actorUserId === u.id && (e.details as { secondFactor?: string } | null)?.secondFactor === "totp")).toBe(true);
    expect(mine.some((e) => e.action === "account.sign_in_second_factor" && e.result === "failure")).toBe(true);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("accepts each code only once, and attributes failed codes to the account", async () => {
    const ip = "10.0.4.2";
    const u = await createVerifiedUser("totp-replay@gemeente.test");
    const cookie = await signedInCookie(u.email, ip);
    const enabled = await auth().api.enableTwoFactor({ body: { password: TEST_PASSWORD }, headers: requestHeaders(ip, cookie) });
    if (enabled.method !== "totp") throw new Error("expected TOTP");
    const otp = totpFor(enabled.totpURI);
    await auth().api.verifyTOTP({ body: { code: await otp.totp() }, headers: requestHeaders(ip, cookie) });

    const code = await otp.totp();
    const firstChallenge = await signIn({ email: u.email, password: TEST_PASSWORD }, requestHeaders(ip), ip);
    if (!firstChallenge.ok) throw new Error("password step failed");
    expect((await verifySignInTotp(code, requestHeaders(ip, cookiesFrom(firstChallenge.headers)), ip)).ok).toBe(true);

    // A second sign-in within the same 30-second window cannot reuse that code.
    const secondChallenge = await signIn({ email: u.email, password: TEST_PASSWORD }, requestHeaders(ip), ip);
    if (!secondChallenge.ok) throw new Error("password step failed");
    expect(await verifySignInTotp(code, requestHeaders(ip, cookiesFrom(secondChallenge.headers)), ip)).toEqual({ ok: false, error: "codeInvalid" });

    const [failure] = await db()
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, "account.sign_in_second_factor"), eq(auditEvent.actorUserId, u.id)));
    expect(failure).toMatchObject({ result: "failure", details: { reason: "code_reused" } });
  });
});
