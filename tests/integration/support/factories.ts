// Builders for test data that go through the same commands users trigger.
import { eq } from "drizzle-orm";
import { hashPassword } from "better-auth/crypto";
import { account, user } from "../../../db/schema/index";
import { db } from "../../../app/db.server";
import { findMembership, type Member } from "../../../app/modules/auth/guards.server";
import { createMunicipality } from "../../../app/modules/municipalities/municipalities.server";
import { isRole } from "../../../app/modules/auth/roles";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

export async function createVerifiedUser(email: string, name = email.split("@")[0]!): Promise<{ id: string; name: string; email: string }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = crypto.randomUUID();
  await db().insert(user).values({ id, name, email, emailVerified: true });
  await db().insert(account).values({ id: crypto.randomUUID(), accountId: id, providerId: "credential", userId: id, password: await passwordHash });
  return { id, name, email };
}

/** A municipality with the given user as its programme lead; returns the lead as acting member. */
export async function createMunicipalityWithLead(cbsCode: string, name: string, leadEmail: string): Promise<Member> {
  const lead = await createVerifiedUser(leadEmail);
  const outcome = await createMunicipality({ userId: lead.id, userName: lead.name, email: lead.email }, { name, cbsCode }, "127.0.0.1");
  if (!outcome.ok) throw new Error(`could not create ${cbsCode}: ${outcome.error}`);
  return memberOf(lead.id, cbsCode);
}

export async function memberOf(userId: string, cbsCode: string): Promise<Member> {
  const membership = await findMembership(userId, cbsCode);
  if (!membership || !isRole(membership.role)) throw new Error(`${userId} is not a member of ${cbsCode}`);
  const [u] = await db().select().from(user).where(eq(user.id, userId));
  return {
    userId,
    userName: u!.name,
    email: u!.email,
    role: membership.role,
    municipalityId: membership.municipalityId,
    municipalityName: membership.municipalityName,
    cbsCode: membership.cbsCode,
    requireTwoFactorForLeads: membership.requireTwoFactorForLeads,
    origin: "127.0.0.1",
  };
}
