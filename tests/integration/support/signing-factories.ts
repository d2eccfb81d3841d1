// Agreements awaiting signatures, inserted directly (drafting and requesting signatures are part A's
// commands): a draft version with one dataset and its fields, then frozen with the canonical text
// and its SHA-256 exactly as `request_signatures` does. Free of vitest, so the e2e seed uses it too.
import { and, eq, sql } from "drizzle-orm";
import { db } from "../../../app/db.server";
import { agreementContentHash, canonicalAgreementText, type CanonicalAgreementInput } from "../../../app/modules/agreements/canonical-text";
import { agreementDataset, agreementField, agreementVersion, deliveryAgreement, department, externalSource, organization, type AgreementTerms } from "../../../db/schema/index";

export interface TestAgreement {
  id: string;
  reference: string;
}

export interface TestVersion {
  id: string;
  version: number;
  canonicalText: string;
  contentHash: string;
}

const TERMS: AgreementTerms = {
  purpose: "De KPI Tevredenheid openbare ruimte elk kwartaal voeden.",
  contacts: [{ role: "supplier", name: "Sanne Leverancier", email: "sanne@example.nl" }],
  quality: { completenessPct: 98, timeliness: "Binnen de termijn" },
  escalation: [{ afterWorkingDays: 5, to: "programmaleider" }],
  personalData: false,
  retention: "7 jaar",
};

/** An agreement with a department (or external source) as the supplying party, without versions. */
export async function createTestAgreement(municipalityId: string, party: { departmentId: string } | { externalSourceId: string }, reference = `GLO-2026-${crypto.randomUUID().slice(0, 6)}`, id: string = crypto.randomUUID()): Promise<TestAgreement> {
  await db()
    .insert(deliveryAgreement)
    .values({ id, municipalityId, reference, departmentId: "departmentId" in party ? party.departmentId : null, externalSourceId: "externalSourceId" in party ? party.externalSourceId : null });
  return { id, reference };
}

/** The next version of the agreement, with its text frozen and awaiting signatures. */
export async function addVersionAwaitingSignatures(agreementId: string, options: { title?: string; createdByUserId?: string | null } = {}): Promise<TestVersion> {
  const [row] = await db()
    .select({ agreement: deliveryAgreement, municipality: { name: organization.name, cbsCode: organization.cbsCode } })
    .from(deliveryAgreement)
    .innerJoin(organization, eq(organization.id, deliveryAgreement.municipalityId))
    .where(eq(deliveryAgreement.id, agreementId));
  const { agreement, municipality } = row!;
  const [last] = await db()
    .select({ max: sql<number>`coalesce(max(${agreementVersion.version}), 0)::int` })
    .from(agreementVersion)
    .where(eq(agreementVersion.agreementId, agreementId));
  const number = (last?.max ?? 0) + 1;
  const partyName = agreement.departmentId
    ? (await db().select({ name: department.name }).from(department).where(eq(department.id, agreement.departmentId)))[0]!.name
    : (await db().select({ name: externalSource.name }).from(externalSource).where(eq(externalSource.id, agreement.externalSourceId!)))[0]!.name;
  const id = crypto.randomUUID();
  const title = options.title ?? `Meldingen openbare ruimte (versie ${number})`;
  const version = { title, frequency: "quarter" as const, deadlineWorkingDays: 10, reminderWorkingDaysBefore: 5, graceWorkingDays: 5, formats: ["csv" as const, "xlsx" as const], startDate: "2026-01-01", endDate: null, terms: TERMS };
  await db()
    .insert(agreementVersion)
    .values({ id, municipalityId: agreement.municipalityId, agreementId, version: number, status: "in_review", createdByUserId: options.createdByUserId ?? null, ...version });
  const datasetId = crypto.randomUUID();
  await db().insert(agreementDataset).values({ id: datasetId, municipalityId: agreement.municipalityId, versionId: id, key: "meldingen", name: "Meldingen per wijk", description: "Aantal meldingen per wijk per kwartaal." });
  const fields = [
    { name: "wijk", type: "text" as const, isKey: true, description: "Wijkcode (CBS)" },
    { name: "periode", type: "period" as const, isKey: true, description: null },
    { name: "aantal", type: "integer" as const, isKey: false, description: "Aantal meldingen", min: 0 },
  ];
  for (const [position, f] of fields.entries()) {
    await db()
      .insert(agreementField)
      .values({ id: crypto.randomUUID(), municipalityId: agreement.municipalityId, datasetId, name: f.name, type: f.type, isKey: f.isKey, description: f.description, min: f.min ?? null, position });
  }
  const input: CanonicalAgreementInput = {
    municipality: { name: municipality.name, cbsCode: municipality.cbsCode },
    reference: agreement.reference,
    version: number,
    party: { kind: agreement.departmentId ? "department" : "external_source", name: partyName },
    ...version,
    datasets: [
      {
        key: "meldingen",
        name: "Meldingen per wijk",
        description: "Aantal meldingen per wijk per kwartaal.",
        fields: fields.map((f) => ({ name: f.name, description: f.description, type: f.type, unit: null, required: true, isKey: f.isKey, allowedValues: null, min: f.min ?? null, max: null, kpi: null, aggregation: null })),
      },
    ],
  };
  const canonicalText = canonicalAgreementText(input);
  const contentHash = agreementContentHash(canonicalText);
  await db()
    .update(agreementVersion)
    .set({ status: "awaiting_signatures", canonicalText, contentHash, frozenAt: new Date() })
    .where(and(eq(agreementVersion.id, id), eq(agreementVersion.agreementId, agreementId)));
  await db().update(deliveryAgreement).set({ currentVersionId: agreement.currentVersionId ?? id }).where(eq(deliveryAgreement.id, agreementId));
  return { id, version: number, canonicalText, contentHash };
}
