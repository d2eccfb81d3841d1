// What a delivery is checked against: the agreement's ACTIVE version (only signed, active terms
// accept data), the dataset by its key, and the dataset's fields with the KPIs they feed. Always
// scoped to the municipality: another municipality's agreement is simply not found.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { agreementDataset, agreementField, agreementVersion, deliveryAgreement, department, externalSource, kpi, type DeliveryFormat, type KpiAggregation, type KpiFrequency, type UnitKind } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { FieldSpec } from "./ingest/validate-row";

export interface TargetField extends FieldSpec {
  id: string;
  kpi: { id: string; name: string; frequency: KpiFrequency | null; unitKind: UnitKind; retired: boolean } | null;
  aggregation: KpiAggregation | null;
}

export interface DeliveryTarget {
  agreementId: string;
  reference: string;
  versionId: string;
  version: number;
  title: string;
  frequency: KpiFrequency;
  formats: DeliveryFormat[];
  startDate: string;
  endDate: string | null;
  dataset: { id: string; key: string; name: string };
  fields: TargetField[];
}

export type TargetLookup = { ok: true; target: DeliveryTarget } | { ok: false; error: "notFound" | "notActive" | "unknownDataset" };

export async function loadDeliveryTarget(municipalityId: string, agreementId: string, datasetKey: string, tx: DbOrTx = db()): Promise<TargetLookup> {
  const [agreement] = await tx
    .select({ id: deliveryAgreement.id, reference: deliveryAgreement.reference })
    .from(deliveryAgreement)
    .where(and(eq(deliveryAgreement.id, agreementId), eq(deliveryAgreement.municipalityId, municipalityId)));
  if (!agreement) return { ok: false, error: "notFound" };
  const [version] = await tx
    .select()
    .from(agreementVersion)
    .where(and(eq(agreementVersion.agreementId, agreement.id), eq(agreementVersion.municipalityId, municipalityId), eq(agreementVersion.status, "active")));
  if (!version) return { ok: false, error: "notActive" };
  const [dataset] = await tx
    .select({ id: agreementDataset.id, key: agreementDataset.key, name: agreementDataset.name })
    .from(agreementDataset)
    .where(and(eq(agreementDataset.versionId, version.id), eq(agreementDataset.key, datasetKey)));
  if (!dataset) return { ok: false, error: "unknownDataset" };
  const rows = await tx
    .select({ field: agreementField, kpiName: kpi.name, kpiFrequency: kpi.frequency, kpiUnitKind: kpi.unitKind, kpiRetiredAt: kpi.retiredAt, kpiMunicipality: kpi.municipalityId })
    .from(agreementField)
    .leftJoin(kpi, eq(kpi.id, agreementField.kpiId))
    .where(eq(agreementField.datasetId, dataset.id))
    .orderBy(asc(agreementField.position), asc(agreementField.name));
  const fields: TargetField[] = rows.map(({ field, ...k }) => ({
    id: field.id,
    name: field.name,
    type: field.type,
    required: field.required,
    isKey: field.isKey,
    allowedValues: field.allowedValues ?? null,
    min: field.min,
    max: field.max,
    aggregation: field.aggregation,
    kpi:
      field.kpiId && k.kpiName && k.kpiMunicipality === municipalityId
        ? { id: field.kpiId, name: k.kpiName, frequency: k.kpiFrequency, unitKind: k.kpiUnitKind!, retired: Boolean(k.kpiRetiredAt) }
        : null,
  }));
  return {
    ok: true,
    target: {
      agreementId: agreement.id,
      reference: agreement.reference,
      versionId: version.id,
      version: version.version,
      title: version.title,
      frequency: version.frequency,
      formats: version.formats,
      startDate: version.startDate,
      endDate: version.endDate,
      dataset,
      fields,
    },
  };
}

export interface DeliverableDataset {
  agreementId: string;
  reference: string;
  title: string;
  partyName: string;
  frequency: KpiFrequency;
  formats: DeliveryFormat[];
  datasetKey: string;
  datasetName: string;
  fieldNames: string[];
}

/**
 * Every dataset of the municipality's active agreements: what the upload form offers; with
 * `departments`, only agreements of those departments (and of external sources).
 */
export async function listDeliverableDatasets(municipalityId: string, options: { agreementId?: string; departments?: Set<string> | "all" } = {}): Promise<DeliverableDataset[]> {
  const found = await db()
    .select({
      departmentId: deliveryAgreement.departmentId,
      agreementId: deliveryAgreement.id,
      reference: deliveryAgreement.reference,
      title: agreementVersion.title,
      departmentName: department.name,
      sourceName: externalSource.name,
      frequency: agreementVersion.frequency,
      formats: agreementVersion.formats,
      datasetId: agreementDataset.id,
      datasetKey: agreementDataset.key,
      datasetName: agreementDataset.name,
    })
    .from(agreementVersion)
    .innerJoin(deliveryAgreement, eq(deliveryAgreement.id, agreementVersion.agreementId))
    .innerJoin(agreementDataset, eq(agreementDataset.versionId, agreementVersion.id))
    .leftJoin(department, eq(department.id, deliveryAgreement.departmentId))
    .leftJoin(externalSource, eq(externalSource.id, deliveryAgreement.externalSourceId))
    .where(
      and(
        eq(agreementVersion.municipalityId, municipalityId),
        eq(agreementVersion.status, "active"),
        options.agreementId ? eq(deliveryAgreement.id, options.agreementId) : undefined,
      ),
    )
    .orderBy(asc(deliveryAgreement.reference), asc(agreementDataset.position), asc(agreementDataset.name));
  const allowed = options.departments;
  const rows = allowed === undefined || allowed === "all" ? found : found.filter((r) => !r.departmentId || allowed.has(r.departmentId));
  const ids = rows.map((r) => r.datasetId);
  const fields = ids.length
    ? await db()
        .select({ datasetId: agreementField.datasetId, name: agreementField.name })
        .from(agreementField)
        .where(inArray(agreementField.datasetId, ids))
        .orderBy(asc(agreementField.position), asc(agreementField.name))
    : [];
  return rows.map((r) => ({
    agreementId: r.agreementId,
    reference: r.reference,
    title: r.title,
    partyName: r.departmentName ?? r.sourceName ?? "",
    frequency: r.frequency,
    formats: r.formats,
    datasetKey: r.datasetKey,
    datasetName: r.datasetName,
    fieldNames: fields.filter((f) => f.datasetId === r.datasetId).map((f) => f.name),
  }));
}
