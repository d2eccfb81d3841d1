// Municipalities (gemeenten): create one (its creator becomes programme lead), list one's own,
// change settings. A municipality is a better-auth organisation.
import { asc, count, eq } from "drizzle-orm";
import { member as memberTable, organization } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { municipalityNameForCode } from "./cbs-codes.server";
import { createProgramme } from "../programme/programme.server";
import { ensureStandardDocuments } from "../documents/standard-documents";
import { ensureFocusAreas } from "../strategy/focus-area-frame";
import { ensureDefaultTopics } from "../training/topics.server";

export type CreateMunicipalityOutcome =
  | { ok: true; cbsCode: string }
  | { ok: false; field: "cbsCode"; error: "cbsTaken" | "cbsUnknown"; code: string };

export async function createMunicipality(
  creator: { userId: string; userName: string; email: string },
  input: { name: string; cbsCode: string },
  origin: string,
): Promise<CreateMunicipalityOutcome> {
  const cbsCode = input.cbsCode.toUpperCase();
  if (!municipalityNameForCode(cbsCode)) return { ok: false, field: "cbsCode", error: "cbsUnknown", code: cbsCode };
  const id = crypto.randomUUID();
  const created = await db().transaction(async (tx) => {
    const [taken] = await tx.select({ id: organization.id }).from(organization).where(eq(organization.cbsCode, cbsCode)).limit(1);
    if (taken) return false;
    await tx.insert(organization).values({ id, name: input.name, slug: cbsCode.toLowerCase(), cbsCode });
    await tx.insert(memberTable).values({ id: crypto.randomUUID(), organizationId: id, userId: creator.userId, role: "programme_lead" });
    await createProgramme(tx, id);
    await ensureStandardDocuments(tx, id);
    await ensureFocusAreas(tx, id);
    await ensureDefaultTopics(tx, id);
    await recordAudit(tx, {
      municipalityId: id,
      actor: actorOf(creator),
      action: "municipality.created",
      objectType: "municipality",
      objectId: id,
      origin,
      details: { name: input.name, cbsCode },
    });
    return true;
  });
  return created ? { ok: true, cbsCode } : { ok: false, field: "cbsCode", error: "cbsTaken", code: cbsCode };
}

/** In how many municipalities the user is a member; the page header runs it inside its one query. */
export function membershipCountQuery(userId: string) {
  return db().select({ n: count() }).from(memberTable).where(eq(memberTable.userId, userId));
}

export async function listMunicipalitiesOf(userId: string) {
  return db()
    .select({ id: organization.id, name: organization.name, cbsCode: organization.cbsCode, role: memberTable.role })
    .from(memberTable)
    .innerJoin(organization, eq(organization.id, memberTable.organizationId))
    .where(eq(memberTable.userId, userId))
    .orderBy(asc(organization.name));
}

export async function updateMunicipalitySettings(actor: Member, input: { requireTwoFactorForLeads: boolean }): Promise<void> {
  await db().transaction(async (tx) => {
    const [before] = await tx
      .select({ requireTwoFactorForLeads: organization.requireTwoFactorForLeads })
      .from(organization)
      .where(eq(organization.id, actor.municipalityId));
    if (before?.requireTwoFactorForLeads === input.requireTwoFactorForLeads) return;
    await tx.update(organization).set({ requireTwoFactorForLeads: input.requireTwoFactorForLeads }).where(eq(organization.id, actor.municipalityId));
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "municipality.settings_changed",
      objectType: "municipality",
      objectId: actor.municipalityId,
      origin: actor.origin,
      details: { before, after: input },
    });
  });
}
