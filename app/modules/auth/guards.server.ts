// Authorisation for loaders and actions: every page acts for exactly one municipality (from the
// URL), and only for its members. A non-member gets 404, so B's existence does not leak to A.
import { redirect } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { member as memberTable, organization, session as sessionTable } from "../../../db/schema/index";
import { db } from "../../db.server";
import { can, isRole, type Permission, type Role } from "./roles";
import type { SignedIn } from "./session.server";

/** The acting member: who acts, in which municipality, with which role. Every query takes it. */
export interface Member {
  userId: string;
  userName: string;
  email: string;
  role: Role;
  municipalityId: string;
  municipalityName: string;
  cbsCode: string;
  requireTwoFactorForLeads: boolean;
  /** Client IP, recorded as the origin of audit events. */
  origin: string;
}

export function signInUrl(request: Request): string {
  const url = new URL(request.url);
  const target = url.pathname + url.search;
  return target === "/" ? "/inloggen" : `/inloggen?redirectTo=${encodeURIComponent(target)}`;
}

export function requireUser(request: Request, context: AppLoadContext): SignedIn {
  const signedIn = context.koers.signedIn;
  if (!signedIn) {
    const url = signInUrl(request);
    const expired = context.koers.sessionExpired ? `${url.includes("?") ? "&" : "?"}verlopen=1` : "";
    throw redirect(url + expired);
  }
  return signedIn;
}

export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

export async function findMembership(userId: string, cbsCode: string) {
  const [row] = await db()
    .select({
      role: memberTable.role,
      municipalityId: organization.id,
      municipalityName: organization.name,
      cbsCode: organization.cbsCode,
      requireTwoFactorForLeads: organization.requireTwoFactorForLeads,
    })
    .from(memberTable)
    .innerJoin(organization, eq(organization.id, memberTable.organizationId))
    .where(and(eq(memberTable.userId, userId), eq(organization.cbsCode, cbsCode.toUpperCase())))
    .limit(1);
  return row;
}

export async function requireMember(
  request: Request,
  context: AppLoadContext,
  cbsCode: string | undefined,
  permission?: Permission,
): Promise<Member> {
  const { user, session } = requireUser(request, context);
  if (!cbsCode || !/^GM\d{4}$/i.test(cbsCode)) throw notFound();
  // The layout and the page loader of one request both ask; look the membership up once.
  const cacheKey = `${user.id}:${cbsCode.toUpperCase()}`;
  let lookup = context.koers.memberships?.get(cacheKey) as ReturnType<typeof findMembership> | undefined;
  if (!lookup) {
    lookup = findMembership(user.id, cbsCode);
    context.koers.memberships?.set(cacheKey, lookup);
  }
  const membership = await lookup;
  if (!membership || !isRole(membership.role)) throw notFound();
  const role = membership.role;

  if (role === "programme_lead" && membership.requireTwoFactorForLeads && !user.twoFactorEnabled) {
    throw redirect(`/account?tweestaps=verplicht&gemeente=${membership.cbsCode}`);
  }
  if (permission && !can(role, permission)) throw forbidden();

  // Remember the municipality last worked in, so "/" can open it next time.
  if (session.activeOrganizationId !== membership.municipalityId) {
    await db().update(sessionTable).set({ activeOrganizationId: membership.municipalityId }).where(eq(sessionTable.id, session.id));
    session.activeOrganizationId = membership.municipalityId;
  }
  return {
    userId: user.id,
    userName: user.name,
    email: user.email,
    role,
    municipalityId: membership.municipalityId,
    municipalityName: membership.municipalityName,
    cbsCode: membership.cbsCode,
    requireTwoFactorForLeads: membership.requireTwoFactorForLeads,
    origin: context.koers.clientIp,
  };
}

export function actorOf(member: Pick<Member, "userId" | "userName" | "email">) {
  return { userId: member.userId, label: `${member.userName} <${member.email}>` };
}
