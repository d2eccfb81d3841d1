// Reading deliveries: the municipality's list (filtered per agreement, department and status,
// paged), one delivery's report (its KPI values, its errors paged), and its errors as CSV rows.
// Every query is scoped to the acting member's municipality; another's delivery is not found.
import { and, asc, count, desc, eq, type SQL } from "drizzle-orm";
import { agreementDataset, agreementVersion, delivery, deliveryAgreement, department, externalSource, kpi, measurement, user, DELIVERY_STATUSES, type DeliveryRowError, type DeliveryStatus } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";

export const DELIVERIES_PAGE_SIZE = 50;
export const ERRORS_PAGE_SIZE = 100;

export interface DeliveryFilter {
  agreementId?: string | null;
  departmentId?: string | null;
  status?: DeliveryStatus | null;
  page?: number;
}

export function isDeliveryStatus(value: string | null | undefined): value is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(value ?? "");
}

export interface DeliveryListItem {
  id: string;
  agreementId: string;
  reference: string;
  title: string;
  partyName: string;
  datasetName: string;
  period: string;
  status: DeliveryStatus;
  channel: "upload" | "api";
  fileName: string | null;
  rowCount: number;
  errorCount: number;
  receivedAt: Date;
  uploadedBy: string | null;
}

function listQuery(member: Pick<Member, "municipalityId">, filter: DeliveryFilter) {
  const where: (SQL | undefined)[] = [eq(delivery.municipalityId, member.municipalityId)];
  if (filter.agreementId) where.push(eq(delivery.agreementId, filter.agreementId));
  if (filter.departmentId) where.push(eq(deliveryAgreement.departmentId, filter.departmentId));
  if (filter.status) where.push(eq(delivery.status, filter.status));
  return and(...where);
}

export async function listDeliveries(member: Pick<Member, "municipalityId">, filter: DeliveryFilter = {}, pageSize = DELIVERIES_PAGE_SIZE): Promise<{ items: DeliveryListItem[]; total: number }> {
  const where = listQuery(member, filter);
  const page = Math.max(1, filter.page ?? 1);
  const items = await db()
    .select({
      id: delivery.id,
      agreementId: delivery.agreementId,
      reference: deliveryAgreement.reference,
      title: agreementVersion.title,
      departmentName: department.name,
      sourceName: externalSource.name,
      datasetName: agreementDataset.name,
      period: delivery.period,
      status: delivery.status,
      channel: delivery.channel,
      fileName: delivery.fileName,
      rowCount: delivery.rowCount,
      errorCount: delivery.errorCount,
      receivedAt: delivery.receivedAt,
      uploadedBy: user.name,
    })
    .from(delivery)
    .innerJoin(deliveryAgreement, eq(deliveryAgreement.id, delivery.agreementId))
    .innerJoin(agreementVersion, eq(agreementVersion.id, delivery.versionId))
    .innerJoin(agreementDataset, eq(agreementDataset.id, delivery.datasetId))
    .leftJoin(department, eq(department.id, deliveryAgreement.departmentId))
    .leftJoin(externalSource, eq(externalSource.id, deliveryAgreement.externalSourceId))
    .leftJoin(user, eq(user.id, delivery.uploadedByUserId))
    .where(where)
    .orderBy(desc(delivery.receivedAt), desc(delivery.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await db()
    .select({ n: count() })
    .from(delivery)
    .innerJoin(deliveryAgreement, eq(deliveryAgreement.id, delivery.agreementId))
    .where(where);
  return {
    items: items.map(({ departmentName, sourceName, ...rest }) => ({ ...rest, partyName: departmentName ?? sourceName ?? "" })),
    total: total?.n ?? 0,
  };
}

/** The filter choices: the municipality's agreements and departments that have agreements. */
export async function deliveryFilterOptions(member: Pick<Member, "municipalityId">) {
  const agreements = await db()
    .select({ id: deliveryAgreement.id, reference: deliveryAgreement.reference })
    .from(deliveryAgreement)
    .where(eq(deliveryAgreement.municipalityId, member.municipalityId))
    .orderBy(asc(deliveryAgreement.reference));
  const departments = await db()
    .selectDistinct({ id: department.id, name: department.name })
    .from(department)
    .innerJoin(deliveryAgreement, eq(deliveryAgreement.departmentId, department.id))
    .where(eq(department.municipalityId, member.municipalityId))
    .orderBy(asc(department.name));
  return { agreements, departments };
}

export interface DeliveryReport extends DeliveryListItem {
  datasetKey: string;
  version: number;
  fileSize: number | null;
  fileSha256: string | null;
  encoding: string | null;
  separator: string | null;
  processedAt: Date | null;
  replacesDeliveryId: string | null;
  replacedById: string | null;
  measurements: { kpiId: string; kpiName: string; value: number; decimals: number; unit: string | null }[];
  errors: DeliveryRowError[];
  errorPage: number;
  errorPages: number;
}

export async function loadDeliveryReport(member: Pick<Member, "municipalityId">, deliveryId: string, errorPage = 1): Promise<DeliveryReport | null> {
  const [row] = await db()
    .select({
      d: delivery,
      reference: deliveryAgreement.reference,
      title: agreementVersion.title,
      version: agreementVersion.version,
      departmentName: department.name,
      sourceName: externalSource.name,
      datasetName: agreementDataset.name,
      uploadedBy: user.name,
    })
    .from(delivery)
    .innerJoin(deliveryAgreement, eq(deliveryAgreement.id, delivery.agreementId))
    .innerJoin(agreementVersion, eq(agreementVersion.id, delivery.versionId))
    .innerJoin(agreementDataset, eq(agreementDataset.id, delivery.datasetId))
    .leftJoin(department, eq(department.id, deliveryAgreement.departmentId))
    .leftJoin(externalSource, eq(externalSource.id, deliveryAgreement.externalSourceId))
    .leftJoin(user, eq(user.id, delivery.uploadedByUserId))
    .where(and(eq(delivery.id, deliveryId), eq(delivery.municipalityId, member.municipalityId)));
  if (!row) return null;
  const d = row.d;
  const measurements = await db()
    .select({ kpiId: kpi.id, kpiName: kpi.name, value: measurement.value, decimals: kpi.decimals, unit: kpi.unit })
    .from(measurement)
    .innerJoin(kpi, eq(kpi.id, measurement.kpiId))
    .where(and(eq(measurement.deliveryId, d.id), eq(measurement.municipalityId, member.municipalityId)))
    .orderBy(asc(kpi.name));
  const [replacedBy] = await db()
    .select({ id: delivery.id })
    .from(delivery)
    .where(and(eq(delivery.replacesDeliveryId, d.id), eq(delivery.municipalityId, member.municipalityId)));
  const allErrors = d.errors ?? [];
  const errorPages = Math.max(1, Math.ceil(allErrors.length / ERRORS_PAGE_SIZE));
  const page = Math.min(Math.max(1, errorPage), errorPages);
  return {
    id: d.id,
    agreementId: d.agreementId,
    reference: row.reference,
    title: row.title,
    version: row.version,
    partyName: row.departmentName ?? row.sourceName ?? "",
    datasetName: row.datasetName,
    datasetKey: d.datasetKey,
    period: d.period,
    status: d.status,
    channel: d.channel,
    fileName: d.fileName,
    fileSize: d.fileSize,
    fileSha256: d.fileSha256,
    encoding: d.encoding,
    separator: d.separator,
    rowCount: d.rowCount,
    errorCount: d.errorCount,
    receivedAt: d.receivedAt,
    processedAt: d.processedAt,
    uploadedBy: row.uploadedBy,
    replacesDeliveryId: d.replacesDeliveryId,
    replacedById: replacedBy?.id ?? null,
    measurements,
    errors: allErrors.slice((page - 1) * ERRORS_PAGE_SIZE, page * ERRORS_PAGE_SIZE),
    errorPage: page,
    errorPages,
  };
}

/** Every kept error of a delivery (for the CSV download), or null when it is not the member's. */
export async function loadDeliveryErrors(member: Pick<Member, "municipalityId">, deliveryId: string): Promise<{ fileName: string | null; errors: DeliveryRowError[]; errorCount: number } | null> {
  const [row] = await db()
    .select({ fileName: delivery.fileName, errors: delivery.errors, errorCount: delivery.errorCount })
    .from(delivery)
    .where(and(eq(delivery.id, deliveryId), eq(delivery.municipalityId, member.municipalityId)));
  return row ? { fileName: row.fileName, errors: row.errors ?? [], errorCount: row.errorCount } : null;
}

/** The latest deliveries of one agreement, for the panel on the agreement's page. */
export async function latestDeliveriesOfAgreement(member: Pick<Member, "municipalityId">, agreementId: string, limit = 5): Promise<DeliveryListItem[]> {
  return (await listDeliveries(member, { agreementId }, limit)).items;
}
