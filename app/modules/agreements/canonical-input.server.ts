// The canonical input of one agreement version, read from the database: what
// `canonicalAgreementText` turns into the text people sign. Used when a version is frozen (request
// signatures), and by anyone who needs to rebuild the text of a version (signing, the PDF, checks).
import { asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { agreementDataset, agreementField, agreementVersion, deliveryAgreement, department, externalSource, kpi, organization } from "../../../db/schema/index";
import type { CanonicalAgreementInput, CanonicalDataset } from "./canonical-text";

/** The canonical input of a version (by id), or undefined when there is no such version. */
export async function loadCanonicalInput(tx: DbOrTx, versionId: string): Promise<CanonicalAgreementInput | undefined> {
  const [row] = await tx
    .select({
      version: agreementVersion,
      reference: deliveryAgreement.reference,
      municipalityName: organization.name,
      cbsCode: organization.cbsCode,
      departmentName: department.name,
      sourceName: externalSource.name,
    })
    .from(agreementVersion)
    .innerJoin(deliveryAgreement, eq(deliveryAgreement.id, agreementVersion.agreementId))
    .innerJoin(organization, eq(organization.id, agreementVersion.municipalityId))
    .leftJoin(department, eq(department.id, deliveryAgreement.departmentId))
    .leftJoin(externalSource, eq(externalSource.id, deliveryAgreement.externalSourceId))
    .where(eq(agreementVersion.id, versionId));
  if (!row) return undefined;
  const v = row.version;
  const datasets = await tx.select().from(agreementDataset).where(eq(agreementDataset.versionId, versionId)).orderBy(asc(agreementDataset.position), asc(agreementDataset.name));
  const fields = datasets.length
    ? await tx
        .select({ field: agreementField, kpiName: kpi.name, kpiTemplateCode: kpi.templateCode })
        .from(agreementField)
        .leftJoin(kpi, eq(kpi.id, agreementField.kpiId))
        .where(inArray(agreementField.datasetId, datasets.map((d) => d.id)))
        .orderBy(asc(agreementField.position), asc(agreementField.name))
    : [];
  const canonicalDatasets: CanonicalDataset[] = datasets.map((d) => ({
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
        allowedValues: f.allowedValues,
        min: f.min,
        max: f.max,
        kpi: f.kpiId && kpiName ? { name: kpiName, templateCode: kpiTemplateCode } : null,
        aggregation: f.aggregation,
      })),
  }));
  return {
    municipality: { name: row.municipalityName, cbsCode: row.cbsCode },
    reference: row.reference,
    version: v.version,
    party: row.departmentName !== null ? { kind: "department", name: row.departmentName } : { kind: "external_source", name: row.sourceName ?? "" },
    title: v.title,
    frequency: v.frequency,
    deadlineWorkingDays: v.deadlineWorkingDays,
    reminderWorkingDaysBefore: v.reminderWorkingDaysBefore,
    graceWorkingDays: v.graceWorkingDays,
    formats: v.formats,
    startDate: v.startDate,
    endDate: v.endDate,
    terms: v.terms,
    datasets: canonicalDatasets,
  };
}
