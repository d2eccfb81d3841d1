// The load context a signed-in member's request carries, for calling route loaders and actions.
import type { AppLoadContext } from "@remix-run/node";
import type { Member } from "../../../app/modules/auth/guards.server";

export function contextFor(m: Member): AppLoadContext {
  return {
    koers: {
      signedIn: {
        user: { id: m.userId, name: m.userName, email: m.email, emailVerified: true, twoFactorEnabled: false, locale: "nl" },
        session: { id: `session-${m.userId}`, createdAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000), activeOrganizationId: m.municipalityId },
      },
      sessionExpired: false,
      clientIp: "127.0.0.1",
      memberships: new Map(),
    },
  } as unknown as AppLoadContext;
}
