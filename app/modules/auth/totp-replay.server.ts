// One use per TOTP code: better-auth accepts a code again within its 30-second window, so Koers
// claims each code for its user before verifying and releases the claim if verification fails.
import { and, eq, lt } from "drizzle-orm";
import { createHash } from "node:crypto";
import { usedTotpCode, verification } from "../../../db/schema/index";
import { db } from "../../db.server";

const REMEMBER_MS = 120_000;
const digest = (code: string) => createHash("sha256").update(code).digest("hex");

/** Returns false when this user already used this code recently. */
export async function claimTotpCode(userId: string, code: string, now = new Date()): Promise<boolean> {
  await db().delete(usedTotpCode).where(lt(usedTotpCode.usedAt, new Date(now.getTime() - REMEMBER_MS)));
  const inserted = await db().insert(usedTotpCode).values({ userId, code: digest(code), usedAt: now }).onConflictDoNothing().returning({ userId: usedTotpCode.userId });
  return inserted.length > 0;
}

export async function releaseTotpCode(userId: string, code: string): Promise<void> {
  await db().delete(usedTotpCode).where(and(eq(usedTotpCode.userId, userId), eq(usedTotpCode.code, digest(code))));
}

/**
 * The user behind a pending two-factor sign-in: better-auth's signed `two_factor` cookie names a
 * verification row whose value is the user id. Used to attribute attempts; better-auth still checks
 * the cookie's signature itself.
 */
export async function pendingTwoFactorUserId(cookieHeader: string | null): Promise<string | null> {
  const raw = cookieHeader?.match(/(?:^|;\s*)(?:__Secure-)?koers\.two_factor=([^;]+)/)?.[1];
  if (!raw) return null;
  const signed = decodeURIComponent(raw);
  const identifier = signed.slice(0, signed.lastIndexOf("."));
  if (!identifier.startsWith("2fa-")) return null;
  const [row] = await db().select({ value: verification.value }).from(verification).where(eq(verification.identifier, identifier)).limit(1);
  return row?.value ?? null;
}
