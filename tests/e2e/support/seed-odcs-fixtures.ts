// ODCS journey fixtures (part E): Enschede gets a department with two agreements, inserted
// directly because drafting and signing are other parts' pages: a draft with one dataset whose
// field feeds the dashboard KPI, and an active version whose text is frozen. Idempotent.
import { and, eq } from "drizzle-orm";
import { db } from "../../../app/db.server";
import { agreementDataset, agreementField, agreementVersion, deliveryAgreement, department, kpi, organization, user } from "../../../db/schema/index";
import { DASHBOARD_KPI, PHASES_LEAD, PHASES_MUNICIPALITY } from "./fixtures-data";
import { ODCS_ACTIVE, ODCS_DEPARTMENT, ODCS_DRAFT } from "./odcs-fixtures-data";

const TERMS = {
  purpose: "Meldingen openbare ruimte per wijk, om de afhandeling te volgen.",
  contacts: [{ role: "supplier" as const, name: "Bram Beheer", email: "bram@enschede.e2e.test" }],
  quality: { completenessPct: 98 },
  escalation: [{ afterWorkingDays: 3, to: "programmaleider" }],
  personalData: false,
  retention: "5 jaar",
};

export async function seedOdcsFixtures(): Promise<void> {
  const [m] = await db().select({ id: organization.id }).from(organization).where(eq(organization.cbsCode, PHASES_MUNICIPALITY.cbsCode));
  if (!m) return;
  const [existing] = await db().select({ id: deliveryAgreement.id }).from(deliveryAgreement).where(eq(deliveryAgreement.id, ODCS_DRAFT.id));
  if (existing) return;
  const municipalityId = m.id;
  const [lead] = await db().select({ id: user.id }).from(user).where(eq(user.email, PHASES_LEAD.email));
  const [dashboardKpi] = await db().select({ id: kpi.id }).from(kpi).where(and(eq(kpi.municipalityId, municipalityId), eq(kpi.templateCode, DASHBOARD_KPI.templateCode)));
  await db().transaction(async (tx) => {
    const departmentId = crypto.randomUUID();
    await tx.insert(department).values({ id: departmentId, municipalityId, name: ODCS_DEPARTMENT });
    for (const a of [ODCS_DRAFT, ODCS_ACTIVE]) {
      const versionId = `${a.id}-v1`;
      await tx.insert(deliveryAgreement).values({ id: a.id, municipalityId, reference: a.reference, departmentId, createdByUserId: lead?.id ?? null });
      await tx.insert(agreementVersion).values({ id: versionId, municipalityId, agreementId: a.id, version: 1, title: a.title, frequency: "quarter", formats: ["csv", "xlsx"], startDate: "2026-01-01", terms: TERMS, createdByUserId: lead?.id ?? null });
      const datasetId = `${a.id}-ds1`;
      await tx.insert(agreementDataset).values({ id: datasetId, municipalityId, versionId, key: "meldingen", name: "Meldingen per wijk", position: 0 });
      const fields = [
        { name: "periode", type: "period" as const, isKey: true },
        { name: "wijk", type: "text" as const, isKey: true, description: "CBS-wijkcode" },
        { name: "tevredenheid", type: "decimal" as const, min: 1, max: 10, unit: "rapportcijfer", ...(dashboardKpi ? { kpiId: dashboardKpi.id, aggregation: "mean" as const } : {}) },
      ];
      for (const [position, f] of fields.entries()) await tx.insert(agreementField).values({ id: `${datasetId}-f${position}`, municipalityId, datasetId, position, ...f });
      if (a.id === ODCS_ACTIVE.id) {
        await tx.update(agreementVersion).set({ status: "active", canonicalText: `Vastgelegde tekst van ${a.reference}\n`, contentHash: "a".repeat(64), frozenAt: new Date(), activatedAt: new Date() }).where(eq(agreementVersion.id, versionId));
      }
      await tx.update(deliveryAgreement).set({ currentVersionId: versionId }).where(eq(deliveryAgreement.id, a.id));
    }
  });
}
