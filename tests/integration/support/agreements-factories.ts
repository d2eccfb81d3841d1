// Test data for agreements (part A): a department with an owner and a KPI it is the source of, a
// draft made complete through the commands, and signatures inserted directly (signing is part B's).
import { eq } from "drizzle-orm";
import { db } from "../../../app/db.server";
import type { Member } from "../../../app/modules/auth/guards.server";
import { createDraft, updateTerms } from "../../../app/modules/agreements/agreements.server";
import { agreementSignature, agreementVersion, department, departmentOwner, type SignerRole } from "../../../db/schema/index";
import { addTestMember, createTestKpi } from "./kpi-factories";

/** A department of the lead's municipality, owned by a new department owner, and a KPI it feeds. */
export async function departmentWithKpi(lead: Member, name = `Openbare ruimte ${crypto.randomUUID().slice(0, 6)}`) {
  const departmentId = crypto.randomUUID();
  await db().insert(department).values({ id: departmentId, municipalityId: lead.municipalityId, name });
  const owner = await addTestMember(lead, "department_owner");
  await db().insert(departmentOwner).values({ departmentId, userId: owner.userId });
  const kpi = await createTestKpi(lead, { name: `Meldingen op tijd ${departmentId.slice(0, 6)}`, unit: "%", unitKind: "percent", frequency: "quarter", sourceDepartmentId: departmentId });
  return { departmentId, name, owner, kpi };
}

/** The terms form with everything filled in that a complete agreement needs. */
export function completeTerms(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    title: "Meldingen openbare ruimte",
    purpose: "KPI meldingen op tijd opgelost",
    frequency: "quarter",
    deadlineWorkingDays: "10",
    reminderWorkingDaysBefore: "5",
    graceWorkingDays: "5",
    formats: ["csv", "xlsx"],
    startDate: "2026-01-01",
    endDate: "",
    completenessPct: "98,5",
    supplierName: "Jan de Vries",
    supplierEmail: "jan@example.nl",
    escalation1Days: "3",
    escalation1To: "Eigenaar van de afdeling",
    ...overrides,
  };
}

/** A complete draft for the department, proposed from its KPI. */
export async function completeDraft(lead: Member, party: { departmentId: string; kpiId: string }) {
  const created = await createDraft(lead, { party: `department:${party.departmentId}`, kpiIds: [party.kpiId] });
  if (!created.ok) throw new Error(`createDraft: ${JSON.stringify(created)}`);
  const saved = await updateTerms(lead, created.agreementId, completeTerms() as never);
  if (!saved.ok) throw new Error(`updateTerms: ${JSON.stringify(saved)}`);
  return created;
}

/** Records a signature row the way the signing command does (hash of the frozen version). */
export async function insertSignature(versionId: string, role: SignerRole, signer: Member) {
  const [v] = await db().select({ municipalityId: agreementVersion.municipalityId, contentHash: agreementVersion.contentHash }).from(agreementVersion).where(eq(agreementVersion.id, versionId));
  await db().insert(agreementSignature).values({
    id: crypto.randomUUID(),
    municipalityId: v!.municipalityId,
    versionId,
    role,
    userId: signer.userId,
    signerName: signer.userName,
    signerEmail: signer.email,
    contentHash: v!.contentHash!,
    reauthMethod: "password",
  });
}
