// Account commands on top of better-auth: sign up, sign in (throttled, with TOTP), verify e-mail,
// reset password, sign out. Each returns a typed outcome the route turns into a form message.
import { eq } from "drizzle-orm";
import { APIError } from "better-auth/api";
import { user as userTable, verification } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAuditNow } from "../audit/audit.server";
import { auth } from "./auth.server";
import { checkSignInAllowed, clearAccountFailures, recordSignInFailure } from "./sign-in-throttle.server";
import { claimTotpCode, pendingTwoFactorUserId, releaseTotpCode } from "./totp-replay.server";

type Outcome<T extends string, Extra = object> = ({ ok: true } & Extra) | { ok: false; error: T; minutes?: number };

function errorCode(err: unknown): string | undefined {
  if (err instanceof APIError) return (err.body as { code?: string } | undefined)?.code;
  return undefined;
}

const accountActor = (email: string, userId: string | null = null) => ({ userId, label: email });

export async function signUp(
  input: { name: string; email: string; password: string; locale: string; callbackURL?: string },
  headers: Headers,
  origin: string,
): Promise<Outcome<"duplicate">> {
  const [existing] = await db().select({ id: userTable.id }).from(userTable).where(eq(userTable.email, input.email)).limit(1);
  if (existing) return { ok: false, error: "duplicate" };
  const result = await auth().api.signUpEmail({
    body: { name: input.name, email: input.email, password: input.password, locale: input.locale, callbackURL: input.callbackURL },
    headers,
  });
  await recordAuditNow(db(), {
    municipalityId: null,
    actor: accountActor(input.email, result.user.id),
    action: "account.signed_up",
    objectType: "user",
    objectId: result.user.id,
    origin,
  });
  return { ok: true };
}

export type SignInOutcome =
  | { ok: true; headers: Headers; twoFactor: boolean }
  | { ok: false; error: "invalidCredentials" | "emailNotVerified" | "accountLocked" | "ipLocked"; minutes?: number };

export async function signIn(input: { email: string; password: string }, headers: Headers, origin: string): Promise<SignInOutcome> {
  const verdict = await checkSignInAllowed(input.email, origin);
  if (!verdict.allowed) {
    await recordAuditNow(db(), {
      municipalityId: null,
      actor: accountActor(input.email),
      action: "account.sign_in",
      objectType: "user",
      result: "denied",
      origin,
      details: { reason: `throttled_${verdict.scope}` },
    });
    return { ok: false, error: verdict.scope === "account" ? "accountLocked" : "ipLocked", minutes: Math.ceil(verdict.retryAfterSeconds / 60) };
  }
  try {
    const result = await auth().api.signInEmail({
      body: { email: input.email, password: input.password, rememberMe: true },
      headers,
      returnHeaders: true,
    });
    await clearAccountFailures(input.email);
    const body = result.response as { twoFactorRedirect?: boolean; user?: { id: string } };
    // With TOTP the password step answers only { twoFactorRedirect }, without the user.
    const userId = body.user?.id ?? (await db().select({ id: userTable.id }).from(userTable).where(eq(userTable.email, input.email.trim().toLowerCase())).limit(1))[0]?.id ?? null;
    await recordAuditNow(db(), {
      municipalityId: null,
      actor: accountActor(input.email, userId),
      action: body.twoFactorRedirect ? "account.sign_in_password_ok" : "account.sign_in",
      objectType: "user",
      objectId: userId,
      origin,
    });
    return { ok: true, headers: result.headers, twoFactor: Boolean(body.twoFactorRedirect) };
  } catch (err) {
    const code = errorCode(err);
    if (code === "EMAIL_NOT_VERIFIED") {
      // The password was right; better-auth refused only because the address is unconfirmed.
      await auth().api.sendVerificationEmail({ body: { email: input.email }, headers }).catch(() => undefined);
      return { ok: false, error: "emailNotVerified" };
    }
    if (code !== "INVALID_EMAIL_OR_PASSWORD" && code !== "INVALID_EMAIL" && code !== "INVALID_PASSWORD") throw err;
    await recordSignInFailure(input.email, origin);
    await recordAuditNow(db(), {
      municipalityId: null,
      actor: accountActor(input.email),
      action: "account.sign_in",
      objectType: "user",
      result: "failure",
      origin,
      details: { reason: "invalid_credentials" },
    });
    return { ok: false, error: "invalidCredentials" };
  }
}

/** Second step of a sign-in for accounts with TOTP. Each code works once; failures count towards the account throttle. */
export async function verifySignInTotp(code: string, headers: Headers, origin: string): Promise<{ ok: true; headers: Headers } | { ok: false; error: "codeInvalid" | "accountLocked"; minutes?: number }> {
  const userId = await pendingTwoFactorUserId(headers.get("cookie"));
  const [account] = userId ? await db().select({ email: userTable.email }).from(userTable).where(eq(userTable.id, userId)).limit(1) : [];
  const actor = accountActor(account?.email ?? "unknown", userId);
  if (account) {
    const verdict = await checkSignInAllowed(account.email, origin);
    if (!verdict.allowed) return { ok: false, error: "accountLocked", minutes: Math.ceil(verdict.retryAfterSeconds / 60) };
  }
  const fail = async (reason: string) => {
    if (account) await recordSignInFailure(account.email, origin);
    await recordAuditNow(db(), { municipalityId: null, actor, action: "account.sign_in_second_factor", objectType: "user", objectId: userId, result: "failure", origin, details: { reason } });
    return { ok: false, error: "codeInvalid" } as const;
  };
  if (userId && !(await claimTotpCode(userId, code))) return fail("code_reused");
  try {
    const result = await auth().api.verifyTOTP({ body: { code }, headers, returnHeaders: true });
    if (account) await clearAccountFailures(account.email);
    await recordAuditNow(db(), { municipalityId: null, actor, action: "account.sign_in", objectType: "user", objectId: userId, origin, details: { secondFactor: "totp" } });
    return { ok: true, headers: result.headers };
  } catch (err) {
    if (userId) await releaseTotpCode(userId, code);
    if (err instanceof APIError) return fail("invalid_code");
    throw err;
  }
}

export async function verifyEmail(token: string, origin: string): Promise<boolean> {
  try {
    await auth().api.verifyEmail({ query: { token } });
  } catch (err) {
    if (err instanceof APIError) return false;
    throw err;
  }
  const payload = decodeJwtPayload(token);
  if (payload?.email) {
    const [row] = await db().select({ id: userTable.id }).from(userTable).where(eq(userTable.email, payload.email)).limit(1);
    await recordAuditNow(db(), { municipalityId: null, actor: accountActor(payload.email, row?.id ?? null), action: "account.email_verified", objectType: "user", objectId: row?.id ?? null, origin });
  }
  return true;
}

function decodeJwtPayload(token: string): { email?: string } | null {
  try {
    return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
  } catch {
    return null;
  }
}

export async function requestPasswordReset(email: string, headers: Headers, origin: string): Promise<void> {
  // better-auth answers the same whether or not the address exists (no account enumeration).
  await auth().api.requestPasswordReset({ body: { email, redirectTo: "/wachtwoord-herstellen" }, headers });
  await recordAuditNow(db(), { municipalityId: null, actor: accountActor(email), action: "account.password_reset_requested", objectType: "user", origin });
}

export async function resetPassword(token: string, newPassword: string, origin: string): Promise<boolean> {
  const [row] = await db()
    .select({ id: userTable.id, email: userTable.email })
    .from(verification)
    .innerJoin(userTable, eq(userTable.id, verification.value))
    .where(eq(verification.identifier, `reset-password:${token}`))
    .limit(1);
  try {
    await auth().api.resetPassword({ body: { token, newPassword } });
  } catch (err) {
    if (err instanceof APIError) return false;
    throw err;
  }
  if (row) {
    await clearAccountFailures(row.email);
    await recordAuditNow(db(), { municipalityId: null, actor: accountActor(row.email, row.id), action: "account.password_reset", objectType: "user", objectId: row.id, origin });
  }
  return true;
}

export async function signOut(headers: Headers, actor: { userId: string; email: string } | null, origin: string): Promise<Headers> {
  const result = await auth().api.signOut({ headers, returnHeaders: true }).catch(() => null);
  if (actor) await recordAuditNow(db(), { municipalityId: null, actor: accountActor(actor.email, actor.userId), action: "account.signed_out", objectType: "user", objectId: actor.userId, origin });
  return result?.headers ?? new Headers();
}
