// Signing journey fixture (phase 3, part B): in the demo municipality, an agreement with the first
// department Jan de Vries owns, whose version 1 awaits signatures (text frozen and hashed as the
// drafting commands do). Idempotent; called from seed-fixtures.ts.
import { and, eq } from "drizzle-orm";
import { db } from "../../../app/db.server";
import { deliveryAgreement, department, departmentOwner, organization, user } from "../../../db/schema/index";
import { addVersionAwaitingSignatures, createTestAgreement } from "../../integration/support/signing-factories";

export const SIGNING_FIXTURE = { cbsCode: "GM0050", reference: "GLO-2026-E2E", agreementId: "e2e-signing-agreement", title: "Meldingen openbare ruimte per wijk", ownerEmail: "eigenaar@koers.demo" } as const;

export async function seedSigningAgreement(): Promise<boolean> {
  const [m] = await db().select({ id: organization.id }).from(organization).where(eq(organization.cbsCode, SIGNING_FIXTURE.cbsCode));
  if (!m) return false;
  const [existing] = await db()
    .select({ id: deliveryAgreement.id })
    .from(deliveryAgreement)
    .where(and(eq(deliveryAgreement.municipalityId, m.id), eq(deliveryAgreement.reference, SIGNING_FIXTURE.reference)));
  if (existing) return false;
  const [owned] = await db()
    .select({ departmentId: departmentOwner.departmentId })
    .from(departmentOwner)
    .innerJoin(user, eq(user.id, departmentOwner.userId))
    .innerJoin(department, eq(department.id, departmentOwner.departmentId))
    .where(and(eq(user.email, SIGNING_FIXTURE.ownerEmail), eq(department.municipalityId, m.id)))
    .limit(1);
  if (!owned) throw new Error(`${SIGNING_FIXTURE.ownerEmail} owns no department in ${SIGNING_FIXTURE.cbsCode}`);
  const agreement = await createTestAgreement(m.id, { departmentId: owned.departmentId }, SIGNING_FIXTURE.reference, SIGNING_FIXTURE.agreementId);
  await addVersionAwaitingSignatures(agreement.id, { title: SIGNING_FIXTURE.title });
  return true;
}
