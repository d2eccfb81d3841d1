// E2E fixture of the deliveries journey: in Enschede, a quarterly count KPI and an ACTIVE
// agreement whose "meldingen" dataset feeds it (sum of Aantal). Idempotent.
import { and, eq } from "drizzle-orm";
import { db } from "../../../app/db.server";
import { deliveryAgreement, kpi, organization, user } from "../../../db/schema/index";
import { complaintsDataset, createActiveAgreement } from "../../integration/support/deliveries-factories";
import { DELIVERIES_FIXTURE } from "./deliveries-data";
import { PHASES_LEAD, PHASES_MUNICIPALITY } from "./fixtures-data";

export async function seedDeliveriesFixtures(): Promise<boolean> {
  const [m] = await db().select({ id: organization.id, name: organization.name }).from(organization).where(eq(organization.cbsCode, PHASES_MUNICIPALITY.cbsCode));
  if (!m) return false;
  const [existing] = await db().select({ id: deliveryAgreement.id }).from(deliveryAgreement).where(and(eq(deliveryAgreement.municipalityId, m.id), eq(deliveryAgreement.reference, DELIVERIES_FIXTURE.reference)));
  if (existing) return false;
  const [lead] = await db().select().from(user).where(eq(user.email, PHASES_LEAD.email));
  const kpiId = crypto.randomUUID();
  await db().insert(kpi).values({ id: kpiId, municipalityId: m.id, name: DELIVERIES_FIXTURE.kpiName, unit: "aantal meldingen", unitKind: "count", direction: "lower_is_better", frequency: "quarter", decimals: 0, ownerUserId: lead!.id });
  const dataset = { ...complaintsDataset(kpiId, "sum"), name: DELIVERIES_FIXTURE.datasetName };
  await createActiveAgreement(
    { municipalityId: m.id, municipalityName: m.name, cbsCode: PHASES_MUNICIPALITY.cbsCode, userId: lead!.id, userName: lead!.name, email: lead!.email },
    { reference: DELIVERIES_FIXTURE.reference, title: DELIVERIES_FIXTURE.title, departmentName: DELIVERIES_FIXTURE.department, datasets: [dataset] },
  );
  return true;
}
