// Agreement, version, dataset, field and delivery rows for the timeliness tests and the e2e seed,
// inserted directly (the commands that draft, sign and ingest are parts A, B and C). A version past
// review gets its frozen canonical text and hash, computed as the signing command does; datasets and
// fields go in first, because a frozen version refuses them.
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import {
  agreementDataset,
  agreementField,
  agreementVersion,
  delivery,
  deliveryAgreement,
  department,
  externalSource,
  kpi,
  organization,
  type AgreementStatus,
  type AgreementTerms,
  type DeliveryStatus,
  type FieldType,
  type KpiAggregation,
  type KpiFrequency,
} from "../../../db/schema/index";
import { agreementContentHash, canonicalAgreementText } from "../../../app/modules/agreements/canonical-text";
import { planExpectations } from "../../../app/modules/deliveries/expectations.server";
import { AGREEMENTS_ALL_KPIS_FED, deliveryGateChecks, DELIVERIES_FIRST_ON_TIME } from "../../../app/modules/deliveries/gate-checks.server";
import { periodEnd } from "../../../app/modules/deliveries/timeliness";
import { amsterdamDay } from "../../../app/modules/deliveries/working-days";
import { periodOf, shiftPeriod } from "../../../app/modules/kpis/periods";

export interface TestField {
  name: string;
  type?: FieldType;
  kpiId?: string | null;
  aggregation?: KpiAggregation | null;
}

export interface TestDataset {
  key: string;
  name: string;
  fields: TestField[];
}

export interface TestAgreementInput {
  municipalityId: string;
  departmentId?: string;
  externalSourceId?: string;
  reference: string;
  status: AgreementStatus;
  title?: string;
  version?: number;
  /** Add a version to an existing agreement instead of creating one. */
  agreementId?: string;
  frequency?: KpiFrequency;
  startDate: string;
  endDate?: string | null;
  deadlineWorkingDays?: number;
  reminderWorkingDaysBefore?: number;
  graceWorkingDays?: number;
  activatedAt?: Date | null;
  terms?: Partial<AgreementTerms>;
  datasets: TestDataset[];
}

export interface TestAgreement {
  agreementId: string;
  versionId: string;
  /** Dataset id by key. */
  datasets: Record<string, string>;
}

const FROZEN: readonly AgreementStatus[] = ["awaiting_signatures", "active", "superseded", "terminated"];

export async function createTestAgreement(database: DbOrTx, input: TestAgreementInput): Promise<TestAgreement> {
  const agreementId = input.agreementId ?? crypto.randomUUID();
  const versionId = crypto.randomUUID();
  const terms: AgreementTerms = { contacts: [], quality: {}, escalation: [], personalData: false, ...input.terms };
  const version = {
    frequency: input.frequency ?? ("quarter" as KpiFrequency),
    deadlineWorkingDays: input.deadlineWorkingDays ?? 10,
    reminderWorkingDaysBefore: input.reminderWorkingDaysBefore ?? 5,
    graceWorkingDays: input.graceWorkingDays ?? 5,
    startDate: input.startDate,
    endDate: input.endDate ?? null,
    title: input.title ?? `Levering ${input.reference}`,
    version: input.version ?? 1,
  };
  if (!input.agreementId) {
    await database.insert(deliveryAgreement).values({
      id: agreementId,
      municipalityId: input.municipalityId,
      reference: input.reference,
      departmentId: input.departmentId ?? null,
      externalSourceId: input.externalSourceId ?? null,
    });
  }
  await database.insert(agreementVersion).values({ id: versionId, municipalityId: input.municipalityId, agreementId, status: "draft", formats: ["csv"], terms, ...version });
  const datasets: Record<string, string> = {};
  for (const [i, ds] of input.datasets.entries()) {
    const datasetId = crypto.randomUUID();
    datasets[ds.key] = datasetId;
    await database.insert(agreementDataset).values({ id: datasetId, municipalityId: input.municipalityId, versionId, key: ds.key, name: ds.name, position: i });
    for (const [j, f] of ds.fields.entries()) {
      await database.insert(agreementField).values({
        id: crypto.randomUUID(),
        municipalityId: input.municipalityId,
        datasetId,
        name: f.name,
        type: f.type ?? "decimal",
        kpiId: f.kpiId ?? null,
        aggregation: f.kpiId ? (f.aggregation ?? "sum") : null,
        position: j,
      });
    }
  }
  const updates: Partial<typeof agreementVersion.$inferInsert> = { status: input.status };
  if (FROZEN.includes(input.status)) {
    const text = await canonicalText(database, input, version, terms);
    updates.canonicalText = text;
    updates.contentHash = agreementContentHash(text);
    updates.frozenAt = new Date();
    if (input.status !== "awaiting_signatures") updates.activatedAt = input.activatedAt ?? new Date(`${input.startDate}T00:00:00Z`);
  }
  await database.update(agreementVersion).set(updates).where(eq(agreementVersion.id, versionId));
  await database.update(deliveryAgreement).set({ currentVersionId: versionId }).where(eq(deliveryAgreement.id, agreementId));
  return { agreementId, versionId, datasets };
}

async function canonicalText(
  database: DbOrTx,
  input: TestAgreementInput,
  version: { frequency: KpiFrequency; deadlineWorkingDays: number; reminderWorkingDaysBefore: number; graceWorkingDays: number; startDate: string; endDate: string | null; title: string; version: number },
  terms: AgreementTerms,
): Promise<string> {
  const [m] = await database.select({ name: organization.name, cbsCode: organization.cbsCode }).from(organization).where(eq(organization.id, input.municipalityId));
  const [party] = input.departmentId
    ? await database.select({ name: department.name }).from(department).where(eq(department.id, input.departmentId))
    : await database.select({ name: externalSource.name }).from(externalSource).where(eq(externalSource.id, input.externalSourceId!));
  const kpiNames = new Map<string, { name: string; templateCode: string | null }>();
  for (const ds of input.datasets)
    for (const f of ds.fields)
      if (f.kpiId && !kpiNames.has(f.kpiId)) {
        const [k] = await database.select({ name: kpi.name, templateCode: kpi.templateCode }).from(kpi).where(eq(kpi.id, f.kpiId));
        kpiNames.set(f.kpiId, k!);
      }
  return canonicalAgreementText({
    municipality: { name: m!.name, cbsCode: m!.cbsCode ?? null },
    reference: input.reference,
    version: version.version,
    party: { kind: input.departmentId ? "department" : "external_source", name: party!.name },
    title: version.title,
    frequency: version.frequency,
    deadlineWorkingDays: version.deadlineWorkingDays,
    reminderWorkingDaysBefore: version.reminderWorkingDaysBefore,
    graceWorkingDays: version.graceWorkingDays,
    formats: ["csv"],
    startDate: version.startDate,
    endDate: version.endDate,
    terms,
    datasets: input.datasets.map((ds) => ({
      key: ds.key,
      name: ds.name,
      description: null,
      fields: ds.fields.map((f) => ({
        name: f.name,
        description: null,
        type: f.type ?? "decimal",
        unit: null,
        required: true,
        isKey: false,
        allowedValues: null,
        min: null,
        max: null,
        kpi: f.kpiId ? kpiNames.get(f.kpiId)! : null,
        aggregation: f.kpiId ? (f.aggregation ?? "sum") : null,
      })),
    })),
  });
}

export interface TestDeliveryInput {
  municipalityId: string;
  agreement: TestAgreement;
  datasetKey: string;
  period: string;
  periodStart: string;
  status: DeliveryStatus;
  receivedAt: Date;
}

export async function createTestDelivery(database: DbOrTx, input: TestDeliveryInput) {
  const [row] = await database
    .insert(delivery)
    .values({
      id: crypto.randomUUID(),
      municipalityId: input.municipalityId,
      agreementId: input.agreement.agreementId,
      versionId: input.agreement.versionId,
      datasetId: input.agreement.datasets[input.datasetKey]!,
      datasetKey: input.datasetKey,
      period: input.period,
      periodStart: input.periodStart,
      status: input.status,
      channel: "upload",
      fileName: `${input.datasetKey}-${input.period}.csv`,
      rowCount: input.status === "accepted" ? 3 : 0,
      errorCount: input.status === "rejected" ? 1 : 0,
      receivedAt: input.receivedAt,
      processedAt: input.receivedAt,
    })
    .returning();
  return row!;
}

/**
 * Makes both phase-3 criteria met (when they are not yet): one active agreement of a department
 * whose dataset feeds every current KPI of the municipality, starting last quarter, with that
 * quarter's delivery accepted on its last day — before its deadline.
 */
export async function meetDeliveryCriteria(database: DbOrTx, municipalityId: string, now: Date = new Date()): Promise<void> {
  const met = async () => (await deliveryGateChecks[AGREEMENTS_ALL_KPIS_FED]!(municipalityId, database)) && (await deliveryGateChecks[DELIVERIES_FIRST_ON_TIME]!(municipalityId, database));
  if (await met()) return;
  const current = await database.select({ id: kpi.id }).from(kpi).where(and(eq(kpi.municipalityId, municipalityId), isNull(kpi.retiredAt)));
  const departmentId = crypto.randomUUID();
  await database.insert(department).values({ id: departmentId, municipalityId, name: `Levering ${departmentId.slice(0, 8)}` });
  const last = shiftPeriod(periodOf("quarter", new Date(`${amsterdamDay(now)}T00:00:00Z`)), -1);
  const agreement = await createTestAgreement(database, {
    municipalityId,
    departmentId,
    reference: `GLO-TEST-${departmentId.slice(0, 8)}`,
    status: "active",
    startDate: last.start,
    activatedAt: now,
    datasets: [{ key: "alles", name: "Alle KPI's", fields: current.map((k, i) => ({ name: `kpi_${i + 1}`, kpiId: k.id })) }],
  });
  await createTestDelivery(database, { municipalityId, agreement, datasetKey: "alles", period: last.label, periodStart: last.start, status: "accepted", receivedAt: new Date(`${periodEnd(last)}T12:00:00Z`) });
  await planExpectations(database, agreement.agreementId, now);
  if (!(await met())) throw new Error("meetDeliveryCriteria: the phase-3 criteria are still not met");
}
