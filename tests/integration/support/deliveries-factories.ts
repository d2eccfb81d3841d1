// An ACTIVE delivery agreement for tests, inserted directly (drafting and signing are parts A and
// B, tested there): a department, one version with its datasets and fields, then frozen with its
// canonical text and SHA-256 (the triggers refuse fields on a frozen version, so fields come first)
// and two signatures. No vitest imports: the e2e seed uses it too.
import { eq } from "drizzle-orm";
import { db } from "../../../app/db.server";
import { agreementContentHash, canonicalAgreementText } from "../../../app/modules/agreements/canonical-text";
import { agreementDataset, agreementField, agreementSignature, agreementVersion, deliveryAgreement, department, kpi, type AgreementStatus, type DeliveryFormat, type FieldType, type KpiAggregation, type KpiFrequency } from "../../../db/schema/index";

export interface TestFieldSpec {
  name: string;
  type: FieldType;
  required?: boolean;
  isKey?: boolean;
  allowedValues?: string[] | null;
  min?: number | null;
  max?: number | null;
  kpiId?: string | null;
  aggregation?: KpiAggregation | null;
}

export interface TestAgreementOptions {
  reference?: string;
  title?: string;
  frequency?: KpiFrequency;
  formats?: DeliveryFormat[];
  startDate?: string;
  status?: AgreementStatus;
  departmentName?: string;
  datasets?: { key: string; name: string; fields: TestFieldSpec[] }[];
}

export interface TestAgreement {
  agreementId: string;
  versionId: string;
  departmentId: string;
  reference: string;
  datasetIds: Record<string, string>;
}

interface Owner {
  municipalityId: string;
  municipalityName: string;
  cbsCode: string;
  userId: string;
  userName: string;
  email: string;
}

/** The default dataset: complaints per district, the count feeds `kpiId` (sum). */
export function complaintsDataset(kpiId: string | null, aggregation: KpiAggregation = "sum") {
  return {
    key: "meldingen",
    name: "Meldingen openbare ruimte per wijk",
    fields: [
      { name: "Wijk", type: "text", isKey: true },
      { name: "Datum", type: "date", isKey: true },
      { name: "Aantal", type: "integer", min: 0, max: 100000, kpiId, aggregation: kpiId ? aggregation : null },
      { name: "Gemiddelde", type: "decimal", required: false },
      { name: "Opgelost", type: "boolean", required: false },
      { name: "Categorie", type: "text", required: false, allowedValues: ["Afval", "Groen", "Wegen"] },
    ] satisfies TestFieldSpec[],
  };
}

export async function createActiveAgreement(owner: Owner, options: TestAgreementOptions = {}): Promise<TestAgreement> {
  const agreementId = crypto.randomUUID();
  const versionId = crypto.randomUUID();
  const departmentId = crypto.randomUUID();
  const reference = options.reference ?? `GLO-${new Date().getUTCFullYear()}-${agreementId.slice(0, 4).toUpperCase()}`;
  const departmentName = options.departmentName ?? `Stadsbeheer ${agreementId.slice(0, 6)}`;
  const frequency = options.frequency ?? "quarter";
  const formats = options.formats ?? ["csv", "xlsx", "api"];
  const startDate = options.startDate ?? "2020-01-01";
  const title = options.title ?? "Meldingen openbare ruimte";
  const datasets = options.datasets ?? [complaintsDataset(null)];
  const terms = { purpose: "Sturen op de kwaliteit van de openbare ruimte.", contacts: [{ role: "supplier" as const, name: "Stadsbeheer" }], quality: { completenessPct: 100 }, escalation: [{ afterWorkingDays: 5, to: "programmaleider" }], personalData: false };
  const datasetIds: Record<string, string> = {};

  await db().transaction(async (tx) => {
    await tx.insert(department).values({ id: departmentId, municipalityId: owner.municipalityId, name: departmentName });
    await tx.insert(deliveryAgreement).values({ id: agreementId, municipalityId: owner.municipalityId, reference, departmentId, currentVersionId: versionId, createdByUserId: owner.userId });
    await tx.insert(agreementVersion).values({ id: versionId, municipalityId: owner.municipalityId, agreementId, version: 1, status: "draft", title, frequency, formats, startDate, terms, createdByUserId: owner.userId });
    for (const [p, ds] of datasets.entries()) {
      const datasetId = crypto.randomUUID();
      datasetIds[ds.key] = datasetId;
      await tx.insert(agreementDataset).values({ id: datasetId, municipalityId: owner.municipalityId, versionId, key: ds.key, name: ds.name, position: p });
      for (const [i, f] of ds.fields.entries()) {
        await tx.insert(agreementField).values({
          id: crypto.randomUUID(),
          municipalityId: owner.municipalityId,
          datasetId,
          name: f.name,
          type: f.type,
          required: f.required ?? true,
          isKey: f.isKey ?? false,
          allowedValues: f.allowedValues ?? null,
          min: f.min ?? null,
          max: f.max ?? null,
          kpiId: f.kpiId ?? null,
          aggregation: f.kpiId ? (f.aggregation ?? "sum") : null,
          position: i,
        });
      }
    }
    const kpiNames = new Map<string, { name: string; templateCode: string | null }>();
    for (const ds of datasets)
      for (const f of ds.fields)
        if (f.kpiId && !kpiNames.has(f.kpiId)) {
          const [k] = await tx.select({ name: kpi.name, templateCode: kpi.templateCode }).from(kpi).where(eq(kpi.id, f.kpiId));
          kpiNames.set(f.kpiId, k!);
        }
    const text = canonicalAgreementText({
      municipality: { name: owner.municipalityName, cbsCode: owner.cbsCode },
      reference,
      version: 1,
      party: { kind: "department", name: departmentName },
      title,
      frequency,
      deadlineWorkingDays: 10,
      reminderWorkingDaysBefore: 5,
      graceWorkingDays: 5,
      formats,
      startDate,
      endDate: null,
      terms,
      datasets: datasets.map((ds) => ({
        key: ds.key,
        name: ds.name,
        description: null,
        fields: ds.fields.map((f) => ({
          name: f.name,
          description: null,
          type: f.type,
          unit: null,
          required: f.required ?? true,
          isKey: f.isKey ?? false,
          allowedValues: f.allowedValues ?? null,
          min: f.min ?? null,
          max: f.max ?? null,
          kpi: f.kpiId ? kpiNames.get(f.kpiId)! : null,
          aggregation: f.kpiId ? (f.aggregation ?? "sum") : null,
        })),
      })),
    });
    const hash = agreementContentHash(text);
    const status = options.status ?? "active";
    const frozen = status !== "draft" && status !== "in_review";
    await tx
      .update(agreementVersion)
      .set({ status, ...(frozen ? { canonicalText: text, contentHash: hash, frozenAt: new Date() } : {}), activatedAt: status === "active" ? new Date() : null })
      .where(eq(agreementVersion.id, versionId));
    if (status === "active") {
      for (const role of ["department_owner", "programme_lead"] as const) {
        await tx.insert(agreementSignature).values({ id: crypto.randomUUID(), municipalityId: owner.municipalityId, versionId, role, userId: owner.userId, signerName: owner.userName, signerEmail: owner.email, contentHash: hash, reauthMethod: "password" });
      }
    }
  });
  return { agreementId, versionId, departmentId, reference, datasetIds };
}
