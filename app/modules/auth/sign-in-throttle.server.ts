// Failed sign-ins are limited per account and per client IP, in every mode and for every caller
// (better-auth's own limiter guards only its HTTP handler, and only in production).
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { signInFailure } from "../../../db/schema/index";
import { signInThrottlePolicy } from "../../config.server";
import { db } from "../../db.server";

export type ThrottleVerdict = { allowed: true } | { allowed: false; scope: "account" | "ip"; retryAfterSeconds: number };

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

async function failuresSince(subject: string, since: Date) {
  const [row] = await db()
    .select({ count: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${signInFailure.failedAt})` })
    .from(signInFailure)
    .where(and(eq(signInFailure.subject, subject), gt(signInFailure.failedAt, since)));
  return { count: row?.count ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

export async function checkSignInAllowed(email: string, ip: string, now = new Date()): Promise<ThrottleVerdict> {
  const policy = signInThrottlePolicy();
  const since = new Date(now.getTime() - policy.windowSeconds * 1000);
  const checks = [
    { scope: "account" as const, key: accountKey(email), max: policy.maxFailuresPerAccount },
    { scope: "ip" as const, key: ipKey(ip), max: policy.maxFailuresPerIp },
  ];
  for (const check of checks) {
    const { count, oldest } = await failuresSince(check.key, since);
    if (count >= check.max) {
      const retryAt = (oldest ?? now).getTime() + policy.windowSeconds * 1000;
      return { allowed: false, scope: check.scope, retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)) };
    }
  }
  return { allowed: true };
}

export async function recordSignInFailure(email: string, ip: string, now = new Date()): Promise<void> {
  await db().insert(signInFailure).values([
    { subject: accountKey(email), failedAt: now },
    { subject: ipKey(ip), failedAt: now },
  ]);
}

/** A successful sign-in (or password reset) clears the account's failures, not the IP's. */
export async function clearAccountFailures(email: string): Promise<void> {
  await db().delete(signInFailure).where(eq(signInFailure.subject, accountKey(email)));
}

export async function pruneSignInFailures(now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - signInThrottlePolicy().windowSeconds * 1000);
  await db().delete(signInFailure).where(lt(signInFailure.failedAt, since));
}

