// Runtime settings from the environment, read once, with the defaults the demo runs on.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

export function port(): number {
  return numberFromEnv("PORT", 3000);
}

export function baseUrl(): string {
  return (process.env.KOERS_BASE_URL ?? `http://localhost:${port()}`).replace(/\/$/, "");
}

export const sessionPolicy = () => ({
  /** Idle timeout: a session unused this long ends (BIO2 / ASVS 3.3.2). */
  idleSeconds: numberFromEnv("SESSION_IDLE_MINUTES", 30) * 60,
  /** Absolute lifetime, however active the session is. */
  maxSeconds: numberFromEnv("SESSION_MAX_HOURS", 12) * 3600,
});

export const signInThrottlePolicy = () => ({
  windowSeconds: numberFromEnv("SIGNIN_WINDOW_MINUTES", 15) * 60,
  maxFailuresPerAccount: numberFromEnv("SIGNIN_MAX_FAILURES_ACCOUNT", 5),
  maxFailuresPerIp: numberFromEnv("SIGNIN_MAX_FAILURES_IP", 30),
});

/**
 * better-auth's signing secret. Production must set BETTER_AUTH_SECRET; the demo keeps a generated
 * one next to its data so sessions survive a restart.
 */
export function authSecret(): string {
  const fromEnv = process.env.BETTER_AUTH_SECRET;
  if (fromEnv) return fromEnv;
  if (process.env.NODE_ENV === "production" && process.env.KOERS_DEMO !== "1") {
    throw new Error("BETTER_AUTH_SECRET must be set in production (or KOERS_DEMO=1 for the local demo).");
  }
  const file = path.resolve(process.env.KOERS_SECRET_FILE ?? "./data/auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = crypto.randomBytes(32).toString("base64url");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

export function isDevMailboxEnabled(): boolean {
  return !process.env.RESEND_API_KEY || process.env.KOERS_DEV_MAILBOX === "1";
}
