// One delivery, all or nothing: the file streams through parse → validate → COPY into delivery_row
// inside one transaction; every bad row is counted and the first MAX_STORED_ERRORS are kept with
// line, column and reason. Any error rolls every row back, and the delivery is then recorded as
// rejected with its errors in a transaction of its own: never half-written. An accepted delivery
// turns its KPI fields into measurements for its period and supersedes the earlier delivery of
// that period. Used by the upload form and the push API alike.
import { mayDeliverFor } from "./delivery-rights.server";
import { createReadStream } from "node:fs";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import { delivery, deliveryAgreement, deliveryExpectation, type DeliveryChannel, type DeliveryRowError } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit, type AuditActor } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { can } from "../auth/roles";
import { todayInAmsterdam } from "../kpis/measurement-schema";
import { parsePeriod, shiftPeriod, type Period } from "../kpis/periods";
import { loadDeliveryTarget, type DeliveryTarget } from "./delivery-target.server";
import { KpiAccumulator } from "./ingest/aggregate";
import { openRowCopier } from "./ingest/copy-rows.server";
import { KeyFilter, keyOf } from "./ingest/duplicate-keys";
import type { FileEncoding, Separator } from "./ingest/detect";
import { readCsvRecords } from "./ingest/parse-csv";
import { readXlsxRecords } from "./ingest/parse-xlsx";
import type { SpooledFile } from "./ingest/spool.server";
import { compileRowValidator, matchHeader, type Cell, type RowValidator } from "./ingest/validate-row";
import { kpiValuesOf, writeMeasurementsFromDelivery, type KpiFieldTotal, type MeasurementMade } from "./measurements-from-delivery.server";

/** How many row errors a delivery keeps (errorCount has the total). */
export const MAX_STORED_ERRORS = 1000;

export type DeliveryFileFormat = "csv" | "xlsx";

/** Who delivers: a member through the form, or a system with an agreement's push token. */
export interface DeliveryActor {
  municipalityId: string;
  userId: string | null;
  audit: AuditActor;
  origin: string | null;
  channel: DeliveryChannel;
  pushTokenId: string | null;
}

export function memberDeliveryActor(member: Member): DeliveryActor {
  return { municipalityId: member.municipalityId, userId: member.userId, audit: actorOf(member), origin: member.origin, channel: "upload", pushTokenId: null };
}

export interface DeliveryInput {
  agreementId: string;
  datasetKey: string;
  period: string;
  format: DeliveryFileFormat;
  file: SpooledFile;
}

export type IngestOutcome =
  | { ok: true; deliveryId: string; rowCount: number; measurements: MeasurementMade[]; replacedDeliveryId: string | null }
  | { ok: false; error: "rejected"; deliveryId: string; rowCount: number; errorCount: number; errors: DeliveryRowError[] }
  | { ok: false; error: "forbidden" }
  /** The agreement is not this municipality's (or does not exist). */
  | { ok: false; error: "notFound" }
  /** The request itself is wrong (agreement not active, dataset, period, format): nothing recorded. */
  | { ok: false; error: "invalid"; fieldErrors: Record<string, string[]> };

const PERIOD_ERROR = { month: "deliveries.form.errors.periodNotMonth", quarter: "deliveries.form.errors.periodNotQuarter", year: "deliveries.form.errors.periodNotYear" } as const;

/** Checks a delivery's request before its file is read: only an active version, its period, its formats. */
export async function checkDeliveryRequest(
  municipalityId: string,
  input: Pick<DeliveryInput, "agreementId" | "datasetKey" | "period"> & { format: DeliveryFileFormat | "api" },
  now = new Date(),
): Promise<{ ok: true; target: DeliveryTarget; period: Period } | { ok: false; error: "notFound" } | { ok: false; error: "invalid"; fieldErrors: Record<string, string[]> }> {
  const found = await loadDeliveryTarget(municipalityId, input.agreementId, input.datasetKey);
  if (!found.ok && found.error === "notFound") return { ok: false, error: "notFound" };
  if (!found.ok) {
    const field = found.error === "notActive" ? "agreementId" : "datasetKey";
    return { ok: false, error: "invalid", fieldErrors: { [field]: [`deliveries.form.errors.${found.error}`] } };
  }
  const { target } = found;
  const fieldErrors: Record<string, string[]> = {};
  const period = parsePeriod(target.frequency, input.period);
  if (!period) fieldErrors.period = [PERIOD_ERROR[target.frequency]];
  else if (period.start > todayInAmsterdam(now)) fieldErrors.period = ["deliveries.form.errors.periodNotBegun"];
  else if (shiftPeriod(period, 1).start <= target.startDate) fieldErrors.period = ["deliveries.form.errors.periodBeforeStart"];
  else if (target.endDate && period.start > target.endDate) fieldErrors.period = ["deliveries.form.errors.periodAfterEnd"];
  if (!target.formats.includes(input.format)) fieldErrors.file = ["deliveries.form.errors.formatNotAgreed"];
  if (!period || Object.keys(fieldErrors).length) return { ok: false, error: "invalid", fieldErrors };
  return { ok: true, target, period };
}

/** A member uploads a file through the form. */
export async function uploadDelivery(member: Member, input: DeliveryInput, options: { now?: Date } = {}): Promise<IngestOutcome> {
  if (!can(member.role, { delivery: ["upload"] })) return { ok: false, error: "forbidden" };
  // A department's data comes from that department (or a programme lead), nobody else.
  if (!(await mayDeliverFor(member, input.agreementId))) return { ok: false, error: "invalid", fieldErrors: { agreementId: ["deliveries.form.errors.notYourDepartment"] } };
  return ingestDelivery(memberDeliveryActor(member), input, options);
}

/** Keeps the first errors and counts them all. */
class ErrorStore {
  readonly kept: DeliveryRowError[] = [];
  count = 0;
  add(error: DeliveryRowError): void {
    this.count++;
    if (this.kept.length < MAX_STORED_ERRORS) this.kept.push(error);
  }
  sorted(): DeliveryRowError[] {
    return [...this.kept].sort((a, b) => a.line - b.line);
  }
}

class DeliveryRefused extends Error {}
/** Thrown out of the reader when reading on is pointless (the header cannot be matched). */
class StopReading extends Error {}

export async function ingestDelivery(actor: DeliveryActor, input: DeliveryInput, options: { now?: Date } = {}): Promise<IngestOutcome> {
  const now = options.now ?? new Date();
  const checked = await checkDeliveryRequest(actor.municipalityId, { ...input, format: actor.channel === "api" ? "api" : input.format }, now);
  if (!checked.ok) return checked;
  const { target, period } = checked;
  const deliveryId = crypto.randomUUID();
  const errors = new ErrorStore();
  const detected: { encoding: FileEncoding | null; separator: Separator | null } = { encoding: null, separator: null };
  let rowCount = 0;
  const base = {
    id: deliveryId,
    municipalityId: actor.municipalityId,
    agreementId: target.agreementId,
    versionId: target.versionId,
    datasetId: target.dataset.id,
    datasetKey: target.dataset.key,
    period: period.label,
    periodStart: period.start,
    channel: actor.channel,
    fileName: input.file.name,
    fileSize: input.file.size,
    fileSha256: input.file.sha256,
    uploadedByUserId: actor.userId,
    pushTokenId: actor.pushTokenId,
    receivedAt: now,
  };
  const auditBase = { municipalityId: actor.municipalityId, actor: actor.audit, objectType: "delivery", objectId: deliveryId, origin: actor.origin };
  const summary = { agreementId: target.agreementId, reference: target.reference, version: target.version, dataset: target.dataset.key, period: period.label, fileName: input.file.name, channel: actor.channel };

  try {
    return await db().transaction(async (tx) => {
      // One delivery per agreement at a time, so "the accepted one of this period" stays single.
      await tx.select({ id: deliveryAgreement.id }).from(deliveryAgreement).where(eq(deliveryAgreement.id, target.agreementId)).for("update");
      const recheck = await loadDeliveryTarget(actor.municipalityId, target.agreementId, target.dataset.key, tx);
      if (!recheck.ok || recheck.target.versionId !== target.versionId) {
        errors.add({ line: 0, code: "agreementChanged" });
        throw new DeliveryRefused();
      }
      await tx.insert(delivery).values({ ...base, status: "processing" });
      const copier = openRowCopier(tx, deliveryId);
      const kpiFields: KpiFieldTotal[] = target.fields.filter((f) => f.kpi && f.aggregation).map((field) => ({ field, accumulator: new KpiAccumulator() }));
      let validator: RowValidator | null = null;
      let width = 0;
      let headerSeen = false;
      const scratch: DeliveryRowError[] = [];
      const keyFields = target.fields.filter((f) => f.isKey).map((f) => f.name);
      const keyFilter = keyFields.length ? new KeyFilter(input.file.size) : null;

      const onRecord = (cells: Cell[], line: number) => {
        if (!headerSeen) {
          headerSeen = true;
          const header = matchHeader(cells.map((c) => (c === null || c === undefined ? "" : String(c))), target.fields);
          if (!header.ok) {
            header.errors.forEach((e) => errors.add(e));
            throw new StopReading();
          }
          validator = compileRowValidator(header.columns, target.fields);
          width = header.columns.length;
          return;
        }
        rowCount++;
        if (input.format === "xlsx") while (cells.length < width) cells.push(null);
        const row = validator!(cells, line, scratch);
        if (!row) {
          for (const e of scratch) errors.add(e);
          scratch.length = 0;
          return;
        }
        copier.add(line, row);
        keyFilter?.add(keyOf(row, keyFields));
        for (const k of kpiFields) k.accumulator.add(row[k.field.name] ?? null);
      };
      const handlers = { record: onRecord, error: (e: DeliveryRowError) => errors.add(e), afterChunk: () => copier.drain() };

      let readable = true;
      try {
        if (input.format === "xlsx") {
          const read = await readXlsxRecords(input.file.path, handlers);
          if (!read.ok) errors.add(read.error);
          readable = read.ok;
        } else {
          const read = await readCsvRecords(createReadStream(input.file.path, { highWaterMark: 256 * 1024 }), handlers, input.file.size);
          detected.encoding = read.encoding ?? null;
          if (read.ok) detected.separator = read.separator;
          else errors.add(read.error);
          readable = read.ok;
        }
      } catch (err) {
        if (!(err instanceof StopReading)) {
          await copier.abort().catch(() => undefined);
          throw err;
        }
        readable = false;
      }
      if (readable && !headerSeen) errors.add({ line: 0, code: "emptyFile" });
      else if (readable && rowCount === 0) errors.add({ line: 1, code: "headerOnly" });
      if (!readable || !headerSeen || rowCount === 0) {
        await copier.abort();
        throw new DeliveryRefused();
      }
      const stored = await copier.finish();
      if (keyFilter && keyFilter.maybeDuplicates > 0) await reportDuplicates(tx, deliveryId, keyFields, errors);
      if (errors.count > 0) throw new DeliveryRefused();

      const kpiValues = kpiValuesOf(kpiFields, target.frequency);
      kpiValues.errors.forEach((e) => errors.add(e));
      if (errors.count > 0) throw new DeliveryRefused();

      const [previous] = await tx
        .select({ id: delivery.id })
        .from(delivery)
        .where(and(eq(delivery.agreementId, target.agreementId), eq(delivery.datasetKey, target.dataset.key), eq(delivery.periodStart, period.start), eq(delivery.status, "accepted")));
      if (previous) {
        await tx.update(delivery).set({ status: "superseded" }).where(eq(delivery.id, previous.id));
        await recordAudit(tx, { ...auditBase, objectId: previous.id, action: "delivery.superseded", details: { ...summary, replacedBy: deliveryId } });
      }
      const measurements = await writeMeasurementsFromDelivery(
        tx,
        { municipalityId: actor.municipalityId, deliveryId, fileName: input.file.name, rowCount: stored, period, actor: actor.audit, origin: actor.origin, userId: actor.userId },
        kpiValues.values,
        now,
      );
      await tx
        .update(delivery)
        .set({ status: "accepted", rowCount: stored, errorCount: 0, errors: [], encoding: detected.encoding, separator: detected.separator, replacesDeliveryId: previous?.id ?? null, processedAt: new Date() })
        .where(eq(delivery.id, deliveryId));
      // The first accepted delivery of a period fulfils what the agreement expected (timeliness).
      await tx
        .update(deliveryExpectation)
        .set({ fulfilledByDeliveryId: deliveryId, fulfilledAt: now })
        .where(
          and(
            eq(deliveryExpectation.agreementId, target.agreementId),
            eq(deliveryExpectation.datasetKey, target.dataset.key),
            eq(deliveryExpectation.periodStart, period.start),
            isNull(deliveryExpectation.fulfilledByDeliveryId),
          ),
        );
      await recordAudit(tx, {
        ...auditBase,
        action: "delivery.accepted",
        details: {
          ...summary,
          rows: stored,
          replaces: previous?.id ?? null,
          measurements: measurements.map((m) => ({ kpi: m.kpiName, oldValue: m.previous, newValue: m.value })),
        },
      });
      return { ok: true, deliveryId, rowCount: stored, measurements, replacedDeliveryId: previous?.id ?? null } as const;
    });
  } catch (err) {
    if (!(err instanceof DeliveryRefused)) throw err;
  }

  const kept = errors.sorted();
  await db().transaction(async (tx) => {
    await tx.insert(delivery).values({
      ...base,
      status: "rejected",
      rowCount,
      errorCount: errors.count,
      errors: kept,
      encoding: detected.encoding,
      separator: detected.separator,
      processedAt: new Date(),
    });
    await recordAudit(tx, { ...auditBase, action: "delivery.rejected", result: "failure", details: { ...summary, rows: rowCount, errorCount: errors.count } });
  });
  return { ok: false, error: "rejected", deliveryId, rowCount, errorCount: errors.count, errors: kept };
}

/** Rows with the same key values: every later one is reported with the line of the first. */
async function reportDuplicates(tx: Tx, deliveryId: string, keys: readonly string[], errors: ErrorStore): Promise<void> {
  const partition = sql.join(
    keys.map((k) => sql`data -> ${k}`),
    sql`, `,
  );
  const result = await tx.execute<{ line: number; first_line: number; total: string | number }>(sql`
    select line, first_line, count(*) over () as total from (
      select line, min(line) over (partition by ${partition}) as first_line
      from delivery_row where delivery_id = ${deliveryId}
    ) d where line <> first_line order by line limit ${MAX_STORED_ERRORS}`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { line: number; first_line: number; total: string | number }[];
  if (!rows.length) return;
  const label = keys.join(", ");
  const total = Number(rows[0]!.total);
  for (const r of rows) errors.add({ line: Number(r.line), column: label, code: "duplicateKey", values: { firstLine: Number(r.first_line), columns: label } });
  // Count the ones past the limit too, so error_count is the full number.
  errors.count += total - rows.length;
}
