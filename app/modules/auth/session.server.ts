// Resolves the signed-in user for a request, enforcing the BIO2 session policy: better-auth slides
// the idle deadline; the absolute lifetime (12 h by default) is enforced here.
import { eq } from "drizzle-orm";
import { session as sessionTable } from "../../../db/schema/index";
import { sessionPolicy } from "../../config.server";
import { db } from "../../db.server";
import { auth } from "./auth.server";

export interface SignedIn {
  user: { id: string; name: string; email: string; emailVerified: boolean; twoFactorEnabled: boolean; locale: string | null };
  session: { id: string; createdAt: Date; expiresAt: Date; activeOrganizationId: string | null };
}

export interface ResolvedSession {
  signedIn: SignedIn | null;
  /** Set-Cookie headers to pass on (refreshed idle deadline, or a cleared cookie). */
  setCookies: string[];
  /** True when a cookie was presented but its session has ended. */
  expired: boolean;
}

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?koers\.session_token=/;

export async function resolveSession(headers: Headers, now = new Date()): Promise<ResolvedSession> {
  const hadCookie = SESSION_COOKIE.test(headers.get("cookie") ?? "");
  if (!hadCookie) return { signedIn: null, setCookies: [], expired: false };
  const result = await auth().api.getSession({ headers, returnHeaders: true });
  const setCookies = result.headers.getSetCookie();
  const data = result.response;
  if (!data) return { signedIn: null, setCookies, expired: true };

  const createdAt = new Date(data.session.createdAt);
  if (now.getTime() - createdAt.getTime() > sessionPolicy().maxSeconds * 1000) {
    await db().delete(sessionTable).where(eq(sessionTable.id, data.session.id));
    return { signedIn: null, setCookies: [...setCookies, ...clearedSessionCookies()], expired: true };
  }
  const user = data.user as typeof data.user & { twoFactorEnabled?: boolean | null; locale?: string | null };
  const session = data.session as typeof data.session & { activeOrganizationId?: string | null };
  return {
    signedIn: {
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        emailVerified: user.emailVerified,
        twoFactorEnabled: Boolean(user.twoFactorEnabled),
        locale: user.locale ?? null,
      },
      session: { id: session.id, createdAt, expiresAt: new Date(session.expiresAt), activeOrganizationId: session.activeOrganizationId ?? null },
    },
    setCookies,
    expired: false,
  };
}

export function clearedSessionCookies(): string[] {
  return ["koers.session_token", "koers.session_data"].map((name) => `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
}
