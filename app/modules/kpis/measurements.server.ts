// Measurements (metingen) entered by hand, until deliveries (phase 3) feed them. One command per
// intent: record (new value, or a replacement the user confirmed) and delete; each is one
// transaction with its audit event, and refuses without writing anything.
//
// Rules: the actor needs kpi:measure; the KPI is the actor's municipality's (otherwise notFound,
// exactly like a KPI that does not exist), not retired and has a frequency; the period fits that
// frequency and has begun (Europe/Amsterdam); the value is in the unit's range; a reason is
// required (it is the provenance). A value from a delivery is neither replaced nor deleted by hand:
// a delivery is corrected by a new delivery, so its provenance stays true.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { kpi, measurement, user, type KpiFrequency, type UnitKind } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { can } from "../auth/roles";
import { deleteMeasurementSchema, fieldErrorsOf, recordMeasurementSchema, todayInAmsterdam, PERIOD_CHOICE_YEARS, type DeleteMeasurementInput, type RecordMeasurementInput } from "./measurement-schema";
import { makePeriod, parsePeriod, PERIODS_PER_YEAR, shiftPeriod, type Period } from "./periods";
import { inUnitRange } from "./units";

export interface ExistingValue {
  id: string;
  period: string;
  value: number;
  source: "manual" | "delivery";
  deliveryId: string | null;
  reason: string | null;
  enteredByName: string | null;
  recordedAt: Date;
}

export type MeasurementOutcome =
  | { ok: true; id: string; period: string; value: number; replaced: boolean; previous: number | null }
  /** The KPI (or measurement) is not the actor's municipality's, or does not exist. */
  | { ok: false; error: "notFound" }
  /** The actor's role may not enter measurements. */
  | { ok: false; error: "forbidden" }
  | { ok: false; error: "retired" }
  /** The KPI has no frequency yet: its definition comes first. */
  | { ok: false; error: "noFrequency" }
  | { ok: false; error: "invalid"; fieldErrors: Record<string, string[]> }
  /** The period has a value; replacing it needs `confirmReplace`. */
  | { ok: false; error: "needsConfirmation"; existing: ExistingValue }
  /** The value came from a delivery and cannot be changed by hand. */
  | { ok: false; error: "fromDelivery"; existing: ExistingValue };

/** The current period of a frequency, in Dutch time. */
export function currentPeriod(frequency: KpiFrequency, now = new Date()): Period {
  const [y, m] = todayInAmsterdam(now).split("-").map(Number) as [number, number];
  const perYear = PERIODS_PER_YEAR[frequency];
  return makePeriod(frequency, y, Math.floor(((m - 1) * perYear) / 12) + 1);
}

/** The periods the form offers, newest first: the current one back to ten years ago. */
export function periodChoices(frequency: KpiFrequency, now = new Date()): Period[] {
  const current = currentPeriod(frequency, now);
  const count = PERIOD_CHOICE_YEARS * PERIODS_PER_YEAR[frequency] + 1;
  return Array.from({ length: count }, (_, i) => shiftPeriod(current, -i));
}

const PERIOD_ERROR: Record<KpiFrequency, string> = {
  month: "kpiDashboard.errors.periodNotMonth",
  quarter: "kpiDashboard.errors.periodNotQuarter",
  year: "kpiDashboard.errors.periodNotYear",
};

export const RANGE_ERROR: Partial<Record<UnitKind, string>> = {
  percent: "kpiDashboard.errors.rangePercent",
  grade: "kpiDashboard.errors.rangeGrade",
  count: "kpiDashboard.errors.rangeNotNegative",
  rate: "kpiDashboard.errors.rangeNotNegative",
};

async function lockKpi(tx: DbOrTx, actor: Member, kpiId: string) {
  const [row] = await tx
    .select({ id: kpi.id, name: kpi.name, frequency: kpi.frequency, unitKind: kpi.unitKind, retiredAt: kpi.retiredAt })
    .from(kpi)
    .where(and(eq(kpi.id, kpiId), eq(kpi.municipalityId, actor.municipalityId)))
    .for("update");
  return row;
}

async function existingAt(tx: DbOrTx, actor: Member, where: ReturnType<typeof eq>): Promise<ExistingValue | undefined> {
  const [row] = await tx
    .select({
      id: measurement.id,
      period: measurement.period,
      value: measurement.value,
      source: measurement.source,
      deliveryId: measurement.deliveryId,
      reason: measurement.reason,
      enteredByName: user.name,
      recordedAt: measurement.recordedAt,
    })
    .from(measurement)
    .leftJoin(user, eq(user.id, measurement.enteredByUserId))
    .where(and(where, eq(measurement.municipalityId, actor.municipalityId)));
  return row;
}

function audit(actor: Member, objectId: string) {
  return { municipalityId: actor.municipalityId, actor: actorOf(actor), objectType: "measurement", objectId, origin: actor.origin };
}

/**
 * Records a value for a period, by hand. A period that already has a hand-entered value is only
 * replaced with `confirmReplace`; the replacement is audited with the old and the new value.
 */
export async function recordMeasurement(actor: Member, kpiId: string, input: RecordMeasurementInput, options: { now?: Date } = {}): Promise<MeasurementOutcome> {
  if (!can(actor.role, { kpi: ["measure"] })) return { ok: false, error: "forbidden" };
  const parsed = recordMeasurementSchema.safeParse(input);
  const now = options.now ?? new Date();
  return db().transaction(async (tx) => {
    const target = await lockKpi(tx, actor, kpiId);
    if (!target) return { ok: false, error: "notFound" } as const;
    if (target.retiredAt) return { ok: false, error: "retired" } as const;
    if (!target.frequency) return { ok: false, error: "noFrequency" } as const;
    if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) } as const;
    const { value, reason, confirmReplace } = parsed.data;
    const period = parsePeriod(target.frequency, parsed.data.period);
    const fieldErrors: Record<string, string[]> = {};
    if (!period) fieldErrors.period = [PERIOD_ERROR[target.frequency]];
    else if (period.start > todayInAmsterdam(now)) fieldErrors.period = ["kpiDashboard.errors.periodNotBegun"];
    if (!inUnitRange(target.unitKind, value)) fieldErrors.value = [RANGE_ERROR[target.unitKind] ?? "kpiDashboard.errors.valueInvalid"];
    if (!period || Object.keys(fieldErrors).length) return { ok: false, error: "invalid", fieldErrors } as const;

    const existing = await existingAt(tx, actor, and(eq(measurement.kpiId, target.id), eq(measurement.periodStart, period.start))!);
    if (existing?.source === "delivery") return { ok: false, error: "fromDelivery", existing } as const;
    if (existing && !confirmReplace) return { ok: false, error: "needsConfirmation", existing } as const;

    const details = { kpiId: target.id, kpiName: target.name, period: period.label };
    if (existing) {
      await tx
        .update(measurement)
        .set({ value, reason, source: "manual", deliveryId: null, enteredByUserId: actor.userId, recordedAt: now, period: period.label })
        .where(eq(measurement.id, existing.id));
      await recordAudit(tx, {
        ...audit(actor, existing.id),
        action: "measurement.replaced",
        details: { ...details, oldValue: existing.value, newValue: value, reason, oldReason: existing.reason, oldEnteredBy: existing.enteredByName },
      });
      return { ok: true, id: existing.id, period: period.label, value, replaced: true, previous: existing.value } as const;
    }
    const id = crypto.randomUUID();
    await tx.insert(measurement).values({
      id,
      municipalityId: actor.municipalityId,
      kpiId: target.id,
      period: period.label,
      periodStart: period.start,
      value,
      source: "manual",
      reason,
      enteredByUserId: actor.userId,
      recordedAt: now,
    });
    await recordAudit(tx, { ...audit(actor, id), action: "measurement.recorded", details: { ...details, value, reason } });
    return { ok: true, id, period: period.label, value, replaced: false, previous: null } as const;
  });
}

export type DeleteOutcome =
  | { ok: true; id: string; period: string; value: number }
  | { ok: false; error: "notFound" | "forbidden" }
  | { ok: false; error: "invalid"; fieldErrors: Record<string, string[]> }
  | { ok: false; error: "fromDelivery"; existing: ExistingValue };

/** Deletes a hand-entered value, with a reason (audited with the value it had). */
export async function deleteMeasurement(actor: Member, kpiId: string, input: DeleteMeasurementInput): Promise<DeleteOutcome> {
  if (!can(actor.role, { kpi: ["measure"] })) return { ok: false, error: "forbidden" };
  const parsed = deleteMeasurementSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const { measurementId, reason } = parsed.data;
  return db().transaction(async (tx) => {
    const target = await lockKpi(tx, actor, kpiId);
    if (!target) return { ok: false, error: "notFound" } as const;
    const existing = await existingAt(tx, actor, and(eq(measurement.id, measurementId), eq(measurement.kpiId, target.id))!);
    if (!existing) return { ok: false, error: "notFound" } as const;
    if (existing.source === "delivery") return { ok: false, error: "fromDelivery", existing } as const;
    await tx.delete(measurement).where(eq(measurement.id, existing.id));
    await recordAudit(tx, {
      ...audit(actor, existing.id),
      action: "measurement.deleted",
      details: { kpiId: target.id, kpiName: target.name, period: existing.period, value: existing.value, reason, oldReason: existing.reason, oldEnteredBy: existing.enteredByName },
    });
    return { ok: true, id: existing.id, period: existing.period, value: existing.value } as const;
  });
}
