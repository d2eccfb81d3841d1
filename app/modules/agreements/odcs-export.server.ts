// An agreement version of the member's municipality as an ODCS v3.1.0 YAML file. The version's
// content is read once (agreement, party, datasets, fields and the KPIs they feed, all scoped to
// the municipality), turned into the contract, validated against the official schema and only
// then served. Any member may download it; another municipality's agreement does not exist here.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { agreementDataset, agreementField, agreementVersion, deliveryAgreement, department, externalSource, kpi, organization } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import type { CanonicalDataset } from "./canonical-text";
import { buildOdcsContract, odcsYaml, type OdcsExportInput } from "./odcs-export";
import type { DraftDataset, DraftTerms } from "./odcs-import";
import { assertValidOdcs } from "./odcs-schema.server";

export type VersionRow = typeof agreementVersion.$inferSelect;

/** The agreement of the municipality (undefined otherwise), with its party's name. */
export async function findAgreement(tx: DbOrTx, municipalityId: string, agreementId: string) {
  const [row] = await tx
    .select({
      id: deliveryAgreement.id,
      reference: deliveryAgreement.reference,
      currentVersionId: deliveryAgreement.currentVersionId,
      departmentName: department.name,
      externalSourceName: externalSource.name,
      municipalityName: organization.name,
      cbsCode: organization.cbsCode,
    })
    .from(deliveryAgreement)
    .innerJoin(organization, eq(organization.id, deliveryAgreement.municipalityId))
    .leftJoin(department, and(eq(department.id, deliveryAgreement.departmentId), eq(department.municipalityId, municipalityId)))
    .leftJoin(externalSource, and(eq(externalSource.id, deliveryAgreement.externalSourceId), eq(externalSource.municipalityId, municipalityId)))
    .where(and(eq(deliveryAgreement.id, agreementId), eq(deliveryAgreement.municipalityId, municipalityId)));
  return row;
}

/** A version of the agreement by number, or the current one (the newest when none is marked current). */
export async function findVersion(tx: DbOrTx, municipalityId: string, agreement: { id: string; currentVersionId: string | null }, version?: number): Promise<VersionRow | undefined> {
  const scope = and(eq(agreementVersion.agreementId, agreement.id), eq(agreementVersion.municipalityId, municipalityId));
  if (version !== undefined) return (await tx.select().from(agreementVersion).where(and(scope, eq(agreementVersion.version, version))))[0];
  if (agreement.currentVersionId) {
    const [current] = await tx.select().from(agreementVersion).where(and(scope, eq(agreementVersion.id, agreement.currentVersionId)));
    if (current) return current;
  }
  return (await tx.select().from(agreementVersion).where(scope).orderBy(desc(agreementVersion.version)).limit(1))[0];
}

export interface VersionDataset extends DraftDataset {
  id: string;
  key: string;
  fields: (DraftDataset["fields"][number] & { kpi: { name: string; templateCode: string | null } | null })[];
}

/** The datasets of a version in order, with their fields in order and the KPIs they feed. */
export async function loadVersionDatasets(tx: DbOrTx, municipalityId: string, versionId: string): Promise<VersionDataset[]> {
  const datasets = await tx
    .select()
    .from(agreementDataset)
    .where(and(eq(agreementDataset.versionId, versionId), eq(agreementDataset.municipalityId, municipalityId)))
    .orderBy(asc(agreementDataset.position), asc(agreementDataset.name));
  if (datasets.length === 0) return [];
  const fields = await tx
    .select({ field: agreementField, kpiName: kpi.name, kpiTemplateCode: kpi.templateCode })
    .from(agreementField)
    .leftJoin(kpi, and(eq(kpi.id, agreementField.kpiId), eq(kpi.municipalityId, municipalityId)))
    .where(and(inArray(agreementField.datasetId, datasets.map((d) => d.id)), eq(agreementField.municipalityId, municipalityId)))
    .orderBy(asc(agreementField.position), asc(agreementField.name));
  return datasets.map((d) => ({
    id: d.id,
    key: d.key,
    name: d.name,
    description: d.description,
    fields: fields
      .filter((f) => f.field.datasetId === d.id)
      .map(({ field: f, kpiName, kpiTemplateCode }) => ({
        name: f.name,
        description: f.description,
        type: f.type,
        unit: f.unit,
        required: f.required,
        isKey: f.isKey,
        allowedValues: f.allowedValues ?? null,
        min: f.min,
        max: f.max,
        kpiId: f.kpiId,
        aggregation: f.aggregation,
        kpi: f.kpiId && kpiName ? { name: kpiName, templateCode: kpiTemplateCode } : null,
      })),
  }));
}

export function draftTermsOf(v: VersionRow): DraftTerms {
  return {
    title: v.title,
    frequency: v.frequency,
    deadlineWorkingDays: v.deadlineWorkingDays,
    reminderWorkingDaysBefore: v.reminderWorkingDaysBefore,
    graceWorkingDays: v.graceWorkingDays,
    formats: [...v.formats],
    startDate: v.startDate,
    endDate: v.endDate,
    terms: v.terms,
  };
}

export interface OdcsFile {
  yaml: string;
  fileName: string;
  version: number;
}

/** The contract of one version (the current one without `version`); undefined when not the member's. */
export async function exportOdcs(member: Pick<Member, "municipalityId">, agreementId: string, version?: number): Promise<OdcsFile | undefined> {
  const agreement = await findAgreement(db(), member.municipalityId, agreementId);
  if (!agreement) return undefined;
  const v = await findVersion(db(), member.municipalityId, agreement, version);
  if (!v) return undefined;
  const datasets = await loadVersionDatasets(db(), member.municipalityId, v.id);
  const input: OdcsExportInput = {
    agreementId: agreement.id,
    status: v.status,
    createdAt: v.createdAt,
    municipality: { name: agreement.municipalityName, cbsCode: agreement.cbsCode },
    reference: agreement.reference,
    version: v.version,
    party: agreement.departmentName ? { kind: "department", name: agreement.departmentName } : { kind: "external_source", name: agreement.externalSourceName ?? "" },
    title: v.title,
    frequency: v.frequency,
    deadlineWorkingDays: v.deadlineWorkingDays,
    reminderWorkingDaysBefore: v.reminderWorkingDaysBefore,
    graceWorkingDays: v.graceWorkingDays,
    formats: v.formats,
    startDate: v.startDate,
    endDate: v.endDate,
    terms: v.terms,
    datasets: datasets.map((d): CanonicalDataset => ({ key: d.key, name: d.name, description: d.description, fields: d.fields })),
  };
  const contract = buildOdcsContract(input);
  assertValidOdcs(contract);
  return { yaml: odcsYaml(contract), fileName: `${agreement.reference} versie ${v.version}.odcs.yaml`, version: v.version };
}
