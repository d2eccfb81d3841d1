// Re-authentication before a signature: the signed-in user proves again that it is them, with
// their password (checked by better-auth's `verifyPassword` against the session's user) and, when
// two-factor sign-in is on, a fresh TOTP code (each code works once). Failures count towards the
// same per-account and per-IP throttle as sign-in, so a left-open session cannot be used to guess
// the password, and each failure is in the audit log.
import { APIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import { user as userTable } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAuditNow } from "../audit/audit.server";
import { auth } from "../auth/auth.server";
import { actorOf, type Member } from "../auth/guards.server";
import { checkSignInAllowed, clearAccountFailures, recordSignInFailure } from "../auth/sign-in-throttle.server";
import { claimTotpCode, releaseTotpCode } from "../auth/totp-replay.server";

export type ReauthMethod = "password" | "password+totp";

export type ReauthOutcome =
  | { ok: true; method: ReauthMethod }
  | { ok: false; error: "passwordWrong" | "codeRequired" | "codeWrong" }
  | { ok: false; error: "throttled"; minutes: number };

export interface ReauthInput {
  password: string;
  totpCode?: string | null;
}

/**
 * Checks the password (and TOTP code) of the member behind `headers`' session. `purpose` names
 * the object the re-authentication was for, in the audit log.
 */
export async function reauthenticate(
  member: Member,
  input: ReauthInput,
  headers: Headers,
  purpose: { objectType: string; objectId: string },
): Promise<ReauthOutcome> {
  const origin = member.origin;
  const verdict = await checkSignInAllowed(member.email, origin);
  const audit = (result: "failure" | "denied", reason: string) =>
    recordAuditNow(db(), {
      municipalityId: member.municipalityId,
      actor: actorOf(member),
      action: "agreement.reauth_failed",
      objectType: purpose.objectType,
      objectId: purpose.objectId,
      result,
      origin,
      details: { reason },
    });
  if (!verdict.allowed) {
    await audit("denied", `throttled_${verdict.scope}`);
    return { ok: false, error: "throttled", minutes: Math.ceil(verdict.retryAfterSeconds / 60) };
  }
  const fail = async (error: "passwordWrong" | "codeRequired" | "codeWrong", reason: string) => {
    await recordSignInFailure(member.email, origin);
    await audit("failure", reason);
    return { ok: false, error } as const;
  };

  try {
    await auth().api.verifyPassword({ body: { password: input.password }, headers });
  } catch (err) {
    if (err instanceof APIError) return fail("passwordWrong", "invalid_password");
    throw err;
  }

  const [account] = await db().select({ twoFactorEnabled: userTable.twoFactorEnabled }).from(userTable).where(eq(userTable.id, member.userId)).limit(1);
  if (!account?.twoFactorEnabled) {
    await clearAccountFailures(member.email);
    return { ok: true, method: "password" };
  }
  const code = input.totpCode?.trim() ?? "";
  if (!/^\d{6}$/.test(code)) return fail("codeRequired", "code_missing");
  if (!(await claimTotpCode(member.userId, code))) return fail("codeWrong", "code_reused");
  try {
    await auth().api.verifyTOTP({ body: { code }, headers });
  } catch (err) {
    await releaseTotpCode(member.userId, code);
    if (err instanceof APIError) return fail("codeWrong", "invalid_code");
    throw err;
  }
  await clearAccountFailures(member.email);
  return { ok: true, method: "password+totp" };
}
