// Seeds the delivery-timeliness journey: Deventer with its lead, two departments and an external
// source, three KPIs and their agreements (inserted directly, as parts A–C will make them), the
// expected deliveries planned by the real planner and a few deliveries: late, missing, on time.
// Called from seed-fixtures.ts; idempotent.
import { eq } from "drizzle-orm";
import { hashPassword } from "better-auth/crypto";
import { db } from "../../../app/db.server";
import { planExpectations } from "../../../app/modules/deliveries/expectations.server";
import { dueOnFor, periodEnd } from "../../../app/modules/deliveries/timeliness";
import { addCalendarDays, amsterdamDay } from "../../../app/modules/deliveries/working-days";
import { periodOf, shiftPeriod } from "../../../app/modules/kpis/periods";
import { createMunicipality } from "../../../app/modules/municipalities/municipalities.server";
import { account, department, externalSource, kpi, organization, user } from "../../../db/schema/index";
import { createTestAgreement, createTestDelivery } from "../../integration/support/timeliness-factories";
import {
  FED_DATASET,
  FED_KPI,
  FED_REFERENCE,
  ON_TIME_KPI,
  TIMELINESS_DEPARTMENT,
  TIMELINESS_LEAD,
  TIMELINESS_MUNICIPALITY,
  TIMELINESS_SOCIAL,
  TIMELINESS_SOURCE,
  UNSIGNED_KPI,
} from "./timeliness-fixtures";

export async function seedTimelinessFixtures(): Promise<boolean> {
  const [existing] = await db().select({ id: organization.id }).from(organization).where(eq(organization.cbsCode, TIMELINESS_MUNICIPALITY.cbsCode));
  if (existing) return false;
  const userId = crypto.randomUUID();
  await db().insert(user).values({ id: userId, name: TIMELINESS_LEAD.name, email: TIMELINESS_LEAD.email, emailVerified: true, locale: "nl" });
  await db().insert(account).values({ id: crypto.randomUUID(), accountId: userId, providerId: "credential", userId, password: await hashPassword(TIMELINESS_LEAD.password) });
  const created = await createMunicipality({ userId, userName: TIMELINESS_LEAD.name, email: TIMELINESS_LEAD.email }, TIMELINESS_MUNICIPALITY, "127.0.0.1");
  if (!created.ok) throw new Error(`could not create ${TIMELINESS_MUNICIPALITY.cbsCode}: ${created.error}`);
  const [m] = await db().select({ id: organization.id }).from(organization).where(eq(organization.cbsCode, TIMELINESS_MUNICIPALITY.cbsCode));
  const municipalityId = m!.id;
  const now = new Date();
  const current = periodOf("quarter", new Date(`${amsterdamDay(now)}T00:00:00Z`));
  const quarter = (steps: number) => shiftPeriod(current, steps);

  await db().transaction(async (tx) => {
    const [stadsbeheer, sociaal, kadaster] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await tx.insert(department).values([
      { id: stadsbeheer, municipalityId, name: TIMELINESS_DEPARTMENT },
      { id: sociaal, municipalityId, name: TIMELINESS_SOCIAL },
    ]);
    await tx.insert(externalSource).values({ id: kadaster, municipalityId, name: TIMELINESS_SOURCE });
    const kpiIds = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()] as const;
    await tx.insert(kpi).values(
      [FED_KPI, UNSIGNED_KPI, ON_TIME_KPI].map((name, i) => ({ id: kpiIds[i]!, municipalityId, name, unit: "aantal", unitKind: "count" as const, frequency: "quarter" as const, decimals: 0, position: i, ownerUserId: userId, createdByUserId: userId })),
    );

    // Stadsbeheer: in force since three quarters ago; the first quarter came in a week late, the next is missing.
    const first = quarter(-3);
    const fed = await createTestAgreement(tx, {
      municipalityId,
      departmentId: stadsbeheer,
      reference: FED_REFERENCE,
      status: "active",
      title: "Meldingen openbare ruimte",
      startDate: first.start,
      activatedAt: now,
      datasets: [{ key: "meldingen", name: FED_DATASET, fields: [{ name: "wijk", type: "text" }, { name: "afgehandeld", kpiId: kpiIds[0] }] }],
    });
    await createTestDelivery(tx, {
      municipalityId,
      agreement: fed,
      datasetKey: "meldingen",
      period: first.label,
      periodStart: first.start,
      status: "accepted",
      receivedAt: new Date(`${addCalendarDays(dueOnFor(first, 10), 7)}T10:00:00Z`),
    });
    await planExpectations(tx, fed.agreementId, now);

    // Sociaal domein: an agreement on its way, awaiting signatures.
    await createTestAgreement(tx, {
      municipalityId,
      departmentId: sociaal,
      reference: "GLO-2026-002",
      status: "awaiting_signatures",
      title: "Bijstand en uitstroom",
      startDate: current.start,
      datasets: [{ key: "uitstroom", name: "Uitstroom", fields: [{ name: "aantal", kpiId: kpiIds[1] }] }],
    });

    // Kadaster: last quarter delivered on its last day, well before the deadline.
    const last = quarter(-1);
    const source = await createTestAgreement(tx, {
      municipalityId,
      externalSourceId: kadaster,
      reference: "GLO-2026-003",
      status: "active",
      title: "Opgeleverde woningen",
      startDate: last.start,
      activatedAt: now,
      datasets: [{ key: "woningen", name: "Opgeleverde woningen", fields: [{ name: "aantal", kpiId: kpiIds[2] }] }],
    });
    await createTestDelivery(tx, { municipalityId, agreement: source, datasetKey: "woningen", period: last.label, periodStart: last.start, status: "accepted", receivedAt: new Date(`${periodEnd(last)}T12:00:00Z`) });
    await planExpectations(tx, source.agreementId, now);
  });
  return true;
}
