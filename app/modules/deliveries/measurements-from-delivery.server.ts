// An accepted delivery's KPI fields become the KPIs' values for the delivery's period, with
// provenance (source "delivery", the delivery's id, file name and rows). A value already there —
// from an earlier delivery or entered by hand — is replaced, audited with the old and new value.
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import { measurement, type DeliveryRowError } from "../../../db/schema/index";
import { recordAudit, type AuditActor } from "../audit/audit.server";
import { inUnitRange } from "../kpis/units";
import type { Period } from "../kpis/periods";
import type { KpiAccumulator } from "./ingest/aggregate";
import type { TargetField } from "./delivery-target.server";

export interface MeasurementMade {
  kpiId: string;
  kpiName: string;
  field: string;
  value: number;
  previous: number | null;
}

export interface KpiFieldTotal {
  field: TargetField;
  accumulator: KpiAccumulator;
}

/** The KPI values a delivery makes, or the reasons it cannot make them (errors on line 0: the file). */
export function kpiValuesOf(totals: readonly KpiFieldTotal[], frequency: string): { values: { field: TargetField; value: number }[]; errors: DeliveryRowError[] } {
  const values: { field: TargetField; value: number }[] = [];
  const errors: DeliveryRowError[] = [];
  for (const { field, accumulator } of totals) {
    const kpi = field.kpi!;
    const base = { line: 0, column: field.name };
    if (kpi.retired) {
      errors.push({ ...base, code: "kpiRetired", values: { kpi: kpi.name } });
      continue;
    }
    if (kpi.frequency !== frequency) {
      errors.push({ ...base, code: "kpiFrequency", values: { kpi: kpi.name } });
      continue;
    }
    const result = accumulator.result(field.aggregation!);
    if (!result.ok) {
      errors.push({ ...base, code: result.code, values: { kpi: kpi.name, ...(result.values ?? {}) } });
      continue;
    }
    if (!inUnitRange(kpi.unitKind, result.value)) {
      errors.push({ ...base, code: "kpiOutOfRange", values: { kpi: kpi.name, value: String(result.value).replace(".", ",") } });
      continue;
    }
    values.push({ field, value: result.value });
  }
  return { values, errors };
}

export async function writeMeasurementsFromDelivery(
  tx: Tx,
  ctx: { municipalityId: string; deliveryId: string; fileName: string | null; rowCount: number; period: Period; actor: AuditActor; origin: string | null; userId: string | null },
  values: readonly { field: TargetField; value: number }[],
  now: Date,
): Promise<MeasurementMade[]> {
  const made: MeasurementMade[] = [];
  for (const { field, value } of values) {
    const kpi = field.kpi!;
    const details = { fileName: ctx.fileName, rows: ctx.rowCount, field: field.name, aggregation: field.aggregation };
    const [existing] = await tx
      .select({ id: measurement.id, value: measurement.value, source: measurement.source, deliveryId: measurement.deliveryId })
      .from(measurement)
      .where(and(eq(measurement.kpiId, kpi.id), eq(measurement.periodStart, ctx.period.start), eq(measurement.municipalityId, ctx.municipalityId)))
      .for("update");
    const audit = { municipalityId: ctx.municipalityId, actor: ctx.actor, objectType: "measurement", origin: ctx.origin };
    const auditDetails = { kpiId: kpi.id, kpiName: kpi.name, period: ctx.period.label, deliveryId: ctx.deliveryId };
    if (existing) {
      await tx
        .update(measurement)
        .set({ value, source: "delivery", deliveryId: ctx.deliveryId, reason: null, details, enteredByUserId: ctx.userId, recordedAt: now, period: ctx.period.label })
        .where(eq(measurement.id, existing.id));
      await recordAudit(tx, {
        ...audit,
        objectId: existing.id,
        action: "measurement.replaced",
        details: { ...auditDetails, oldValue: existing.value, newValue: value, oldSource: existing.source, oldDeliveryId: existing.deliveryId },
      });
      made.push({ kpiId: kpi.id, kpiName: kpi.name, field: field.name, value, previous: existing.value });
    } else {
      const id = crypto.randomUUID();
      await tx.insert(measurement).values({
        id,
        municipalityId: ctx.municipalityId,
        kpiId: kpi.id,
        period: ctx.period.label,
        periodStart: ctx.period.start,
        value,
        source: "delivery",
        deliveryId: ctx.deliveryId,
        details,
        enteredByUserId: ctx.userId,
        recordedAt: now,
      });
      await recordAudit(tx, { ...audit, objectId: id, action: "measurement.recorded", details: { ...auditDetails, value } });
      made.push({ kpiId: kpi.id, kpiName: kpi.name, field: field.name, value, previous: null });
    }
  }
  return made;
}
