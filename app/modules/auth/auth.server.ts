// better-auth, configured for Koers: e-mail + password with verification, organisations as
// municipalities, TOTP second factor. Its HTTP handler is not mounted: every flow runs through a
// Remix action that calls `auth.api`, so throttling, audit and validation sit in one place.
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { organization, twoFactor } from "better-auth/plugins";
import * as schema from "../../../db/schema/index";
import { db } from "../../db.server";
import { authSecret, baseUrl, sessionPolicy } from "../../config.server";
import { enqueueMail } from "../../../emails/outbox.server";
import { ac, roles } from "./roles";
import { safeRedirect } from "./schema";

function createAuth() {
  const policy = sessionPolicy();
  return betterAuth({
    appName: "Koers",
    baseURL: baseUrl(),
    secret: authSecret(),
    trustedOrigins: [baseUrl()],
    database: drizzleAdapter(db(), {
      provider: "pg",
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        organization: schema.organization,
        member: schema.member,
        invitation: schema.invitation,
        twoFactor: schema.twoFactor,
      },
    }),
    user: { additionalFields: { locale: { type: "string", required: false } } },
    session: {
      expiresIn: policy.idleSeconds,
      // Refresh the idle deadline at most once a minute; the absolute cap is enforced in session.server.ts.
      updateAge: Math.min(60, Math.floor(policy.idleSeconds / 2)),
      cookieCache: { enabled: false },
    },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      autoSignIn: false,
      minPasswordLength: 12,
      maxPasswordLength: 128,
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, token }) => {
        await enqueueMail(db(), {
          template: "reset-password",
          to: user.email,
          locale: (user as { locale?: string | null }).locale,
          props: { name: user.name, url: `${baseUrl()}/wachtwoord-herstellen/${encodeURIComponent(token)}` },
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: false,
      expiresIn: 24 * 60 * 60,
      sendVerificationEmail: async ({ user, token, url }) => {
        // Carry the page the user was heading for (e.g. an invitation) through the confirmation.
        const next = safeRedirect(new URL(url).searchParams.get("callbackURL"), "");
        const redirectTo = next && next !== "/" ? `&redirectTo=${encodeURIComponent(next)}` : "";
        await enqueueMail(db(), {
          template: "verify-email",
          to: user.email,
          locale: (user as { locale?: string | null }).locale,
          props: { name: user.name, url: `${baseUrl()}/e-mail-bevestigen?token=${encodeURIComponent(token)}${redirectTo}` },
        });
      },
    },
    // The built-in limiter only guards the HTTP handler, which Koers does not mount; see sign-in-throttle.server.ts.
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: "koers",
      useSecureCookies: baseUrl().startsWith("https://"),
      ipAddress: { ipAddressHeaders: ["x-koers-client-ip"] },
      database: { generateId: () => crypto.randomUUID() },
    },
    plugins: [
      organization({
        ac,
        roles,
        creatorRole: "programme_lead",
        allowUserToCreateOrganization: true,
        schema: {
          organization: {
            additionalFields: {
              cbsCode: { type: "string", required: true },
              requireTwoFactorForLeads: { type: "boolean", required: false, defaultValue: false },
            },
          },
        },
      }),
      twoFactor({ issuer: "Koers", skipVerificationOnEnable: false }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

let instance: { auth: Auth; database: unknown } | undefined;

/** The auth instance bound to the current database (rebuilt when tests install another one). */
export function auth(): Auth {
  const current = db();
  if (!instance || instance.database !== current) instance = { auth: createAuth(), database: current };
  return instance.auth;
}
