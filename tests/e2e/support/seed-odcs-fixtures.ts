// ODCS journey fixtures (part E): a municipality of its own with a lead and a library KPI, and a
// department with two agreements, inserted directly because drafting and signing are other parts'
// pages: a draft with one dataset whose field feeds the KPI, and an active version whose text is
// frozen. Idempotent.
import { eq } from "drizzle-orm";
import { hashPassword } from "better-auth/crypto";
import { db } from "../../../app/db.server";
import { createMunicipality } from "../../../app/modules/municipalities/municipalities.server";
import { account, agreementDataset, agreementField, agreementVersion, deliveryAgreement, department, kpi, organization, user } from "../../../db/schema/index";
import { ODCS_ACTIVE, ODCS_DEPARTMENT, ODCS_DRAFT, ODCS_KPI, ODCS_LEAD, ODCS_MUNICIPALITY } from "./odcs-fixtures-data";

const TERMS = {
  purpose: "Meldingen openbare ruimte per wijk, om de afhandeling te volgen.",
  contacts: [{ role: "supplier" as const, name: "Bram Beheer", email: "bram@enschede.e2e.test" }],
  quality: { completenessPct: 98 },
  escalation: [{ afterWorkingDays: 3, to: "programmaleider" }],
  personalData: false,
  retention: "5 jaar",
};

export async function seedOdcsFixtures(): Promise<void> {
  const [existing] = await db().select({ id: organization.id }).from(organization).where(eq(organization.cbsCode, ODCS_MUNICIPALITY.cbsCode));
  if (existing) return;
  const leadId = crypto.randomUUID();
  await db().insert(user).values({ id: leadId, name: ODCS_LEAD.name, email: ODCS_LEAD.email, emailVerified: true, locale: "nl" });
  await db().insert(account).values({ id: crypto.randomUUID(), accountId: leadId, providerId: "credential", userId: leadId, password: await hashPassword(ODCS_LEAD.password) });
  const created = await createMunicipality({ userId: leadId, userName: ODCS_LEAD.name, email: ODCS_LEAD.email }, ODCS_MUNICIPALITY, "127.0.0.1");
  if (!created.ok) throw new Error(`could not create ${ODCS_MUNICIPALITY.cbsCode}: ${created.error}`);
  const [m] = await db().select({ id: organization.id }).from(organization).where(eq(organization.cbsCode, ODCS_MUNICIPALITY.cbsCode));
  const municipalityId = m!.id;
  const lead = { id: leadId };
  const dashboardKpi = { id: crypto.randomUUID() };
  await db().insert(kpi).values({ id: dashboardKpi.id, municipalityId, templateCode: ODCS_KPI.templateCode, name: ODCS_KPI.name, unit: "Rapportcijfer 1-10", unitKind: "grade", direction: "higher_is_better", frequency: "year", ownerUserId: leadId, createdByUserId: leadId });
  await db().transaction(async (tx) => {
    const departmentId = crypto.randomUUID();
    await tx.insert(department).values({ id: departmentId, municipalityId, name: ODCS_DEPARTMENT });
    for (const a of [ODCS_DRAFT, ODCS_ACTIVE]) {
      const versionId = `${a.id}-v1`;
      await tx.insert(deliveryAgreement).values({ id: a.id, municipalityId, reference: a.reference, departmentId, createdByUserId: lead.id });
      await tx.insert(agreementVersion).values({ id: versionId, municipalityId, agreementId: a.id, version: 1, title: a.title, frequency: "quarter", formats: ["csv", "xlsx"], startDate: "2026-01-01", terms: TERMS, createdByUserId: lead.id });
      const datasetId = `${a.id}-ds1`;
      await tx.insert(agreementDataset).values({ id: datasetId, municipalityId, versionId, key: "meldingen", name: "Meldingen per wijk", position: 0 });
      const fields = [
        { name: "periode", type: "period" as const, isKey: true },
        { name: "wijk", type: "text" as const, isKey: true, description: "CBS-wijkcode" },
        { name: "tevredenheid", type: "decimal" as const, min: 1, max: 10, unit: "rapportcijfer", kpiId: dashboardKpi.id, aggregation: "mean" as const },
      ];
      for (const [position, f] of fields.entries()) await tx.insert(agreementField).values({ id: `${datasetId}-f${position}`, municipalityId, datasetId, position, ...f });
      if (a.id === ODCS_ACTIVE.id) {
        await tx.update(agreementVersion).set({ status: "active", canonicalText: `Vastgelegde tekst van ${a.reference}\n`, contentHash: "a".repeat(64), frozenAt: new Date(), activatedAt: new Date() }).where(eq(agreementVersion.id, versionId));
      }
      await tx.update(deliveryAgreement).set({ currentVersionId: versionId }).where(eq(deliveryAgreement.id, a.id));
    }
  });
}
