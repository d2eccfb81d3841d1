// E2E fixture of the deliveries journey: in Enschede, a quarterly count KPI and an ACTIVE
// agreement whose "meldingen" dataset feeds it (sum of Aantal). Idempotent.
import { and, eq } from "drizzle-orm";
import { db } from "../../../app/db.server";
import { deliveryAgreement, kpi, kpiSuccessFactor, kpiTarget, organization, successFactor, user } from "../../../db/schema/index";
import { complaintsDataset, createActiveAgreement } from "../../integration/support/deliveries-factories";
import { DELIVERIES_FIXTURE } from "./deliveries-data";
import { PHASES_FOCUS_AREA, PHASES_LEAD, PHASES_MUNICIPALITY } from "./fixtures-data";

export async function seedDeliveriesFixtures(): Promise<boolean> {
  const [m] = await db().select({ id: organization.id, name: organization.name }).from(organization).where(eq(organization.cbsCode, PHASES_MUNICIPALITY.cbsCode));
  if (!m) return false;
  const [existing] = await db().select({ id: deliveryAgreement.id }).from(deliveryAgreement).where(and(eq(deliveryAgreement.municipalityId, m.id), eq(deliveryAgreement.reference, DELIVERIES_FIXTURE.reference)));
  if (existing) return false;
  const [lead] = await db().select().from(user).where(eq(user.email, PHASES_LEAD.email));
  const kpiId = crypto.randomUUID();
  // Fully defined (as the phase-2 gate of the phases journey expects of every Enschede KPI).
  await db().insert(kpi).values({
    id: kpiId,
    municipalityId: m.id,
    name: DELIVERIES_FIXTURE.kpiName,
    definition: "Het aantal meldingen over de openbare ruimte per kwartaal.",
    formula: "Som van de meldingen per wijk in het kwartaal.",
    unit: "aantal meldingen",
    unitKind: "count",
    direction: "lower_is_better",
    frequency: "quarter",
    decimals: 0,
    ownerUserId: lead!.id,
    dataNeeded: "Meldingen per wijk en datum uit het meldingensysteem.",
  });
  for (const year of [new Date().getUTCFullYear() - 1, new Date().getUTCFullYear()]) {
    await db().insert(kpiTarget).values({ id: crypto.randomUUID(), municipalityId: m.id, kpiId, year, target: 20, greenFrom: 20, amberFrom: 30 });
  }
  const [factor] = await db().select({ id: successFactor.id }).from(successFactor).where(and(eq(successFactor.municipalityId, m.id), eq(successFactor.title, PHASES_FOCUS_AREA.factor)));
  if (factor) await db().insert(kpiSuccessFactor).values({ kpiId, successFactorId: factor.id, municipalityId: m.id });
  const dataset = { ...complaintsDataset(kpiId, "sum"), name: DELIVERIES_FIXTURE.datasetName };
  await createActiveAgreement(
    { municipalityId: m.id, municipalityName: m.name, cbsCode: PHASES_MUNICIPALITY.cbsCode, userId: lead!.id, userName: lead!.name, email: lead!.email },
    { reference: DELIVERIES_FIXTURE.reference, title: DELIVERIES_FIXTURE.title, departmentName: DELIVERIES_FIXTURE.department, datasets: [dataset] },
  );
  const [agreement] = await db().select({ departmentId: deliveryAgreement.departmentId }).from(deliveryAgreement).where(and(eq(deliveryAgreement.municipalityId, m.id), eq(deliveryAgreement.reference, DELIVERIES_FIXTURE.reference)));
  await db().update(kpi).set({ sourceDepartmentId: agreement?.departmentId ?? null }).where(eq(kpi.id, kpiId));
  return true;
}
