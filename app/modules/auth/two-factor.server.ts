// TOTP enrolment and removal for the signed-in user. Municipalities can require it for leads.
import { and, eq } from "drizzle-orm";
import { APIError } from "better-auth/api";
import QRCode from "qrcode";
import { member, organization } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAuditNow } from "../audit/audit.server";
import { auth } from "./auth.server";
import type { SignedIn } from "./session.server";
import { claimTotpCode, releaseTotpCode } from "./totp-replay.server";

const actor = (signedIn: SignedIn) => ({ userId: signedIn.user.id, label: `${signedIn.user.name} <${signedIn.user.email}>` });

/** Municipalities where this user is a programme lead that require a second factor. */
export async function twoFactorRequiredBy(userId: string): Promise<string[]> {
  const rows = await db()
    .select({ name: organization.name })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(and(eq(member.userId, userId), eq(member.role, "programme_lead"), eq(organization.requireTwoFactorForLeads, true)));
  return rows.map((r) => r.name);
}

export type Enrolment = { ok: true; totpURI: string; secret: string; qrDataUrl: string; backupCodes: string[] } | { ok: false; error: "wrongPassword" };

export async function startTotpEnrolment(signedIn: SignedIn, password: string, headers: Headers): Promise<Enrolment> {
  try {
    const result = await auth().api.enableTwoFactor({ body: { password }, headers });
    const totpURI = (result as { totpURI: string }).totpURI;
    const secret = new URL(totpURI).searchParams.get("secret") ?? "";
    return { ok: true, totpURI, secret, qrDataUrl: await QRCode.toDataURL(totpURI, { margin: 1, width: 200 }), backupCodes: (result as { backupCodes: string[] }).backupCodes };
  } catch (err) {
    if (err instanceof APIError) return { ok: false, error: "wrongPassword" };
    throw err;
  }
}

export async function confirmTotpEnrolment(signedIn: SignedIn, code: string, headers: Headers, origin: string): Promise<{ ok: true; headers: Headers } | { ok: false; error: "codeInvalid" }> {
  if (!(await claimTotpCode(signedIn.user.id, code))) return { ok: false, error: "codeInvalid" };
  try {
    const result = await auth().api.verifyTOTP({ body: { code }, headers, returnHeaders: true });
    await recordAuditNow(db(), { municipalityId: null, actor: actor(signedIn), action: "account.two_factor_enabled", objectType: "user", objectId: signedIn.user.id, origin });
    return { ok: true, headers: result.headers };
  } catch (err) {
    await releaseTotpCode(signedIn.user.id, code);
    if (err instanceof APIError) return { ok: false, error: "codeInvalid" };
    throw err;
  }
}

export async function disableTotp(signedIn: SignedIn, password: string, headers: Headers, origin: string): Promise<{ ok: true; headers: Headers } | { ok: false; error: "wrongPassword" | "required" }> {
  if ((await twoFactorRequiredBy(signedIn.user.id)).length > 0) return { ok: false, error: "required" };
  try {
    const result = await auth().api.disableTwoFactor({ body: { password }, headers, returnHeaders: true });
    await recordAuditNow(db(), { municipalityId: null, actor: actor(signedIn), action: "account.two_factor_disabled", objectType: "user", objectId: signedIn.user.id, origin });
    return { ok: true, headers: result.headers };
  } catch (err) {
    if (err instanceof APIError) return { ok: false, error: "wrongPassword" };
    throw err;
  }
}
