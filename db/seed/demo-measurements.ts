// Demo history for the demo municipality's KPIs, so the dashboard, the trend charts and the
// forecasts have something to show from the first login: two years of monthly values, three years
// of quarterly values or six years of yearly values, each up to the last finished period, moving
// from around the amber threshold towards this year's target with a small, fixed wobble
// (deterministic: the demo looks the same on every machine). Entered by hand by the lead, with the
// reason saying where they came from, and audited once per KPI.
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { kpi, kpiTarget, measurement } from "../schema/index";
import { recordAudit, type AuditActor } from "../../app/modules/audit/audit.server";
import { periodOf, shiftPeriod, type Period } from "../../app/modules/kpis/periods";
import { UNIT_RANGES } from "../../app/modules/kpis/units";

const HISTORY = { month: 24, quarter: 12, year: 6 } as const;
export const DEMO_MEASUREMENT_REASON = "Historische cijfers overgenomen bij de start met Koers";

function clamp(value: number, min?: number, max?: number): number {
  return Math.min(max ?? Number.POSITIVE_INFINITY, Math.max(min ?? Number.NEGATIVE_INFINITY, value));
}

export async function seedDemoMeasurements(tx: DbOrTx, municipalityId: string, actor: AuditActor, leadUserId: string, now = new Date()): Promise<number> {
  const kpis = await tx.select().from(kpi).where(and(eq(kpi.municipalityId, municipalityId), isNull(kpi.retiredAt)));
  let total = 0;
  for (const k of kpis) {
    if (!k.frequency) continue;
    const targets = await tx.select().from(kpiTarget).where(eq(kpiTarget.kpiId, k.id));
    const latest = targets.sort((a, b) => b.year - a.year)[0];
    if (!latest) continue;
    const count = HISTORY[k.frequency];
    const last = shiftPeriod(periodOf(k.frequency, now), -1);
    const periods: Period[] = Array.from({ length: count }, (_, i) => shiftPeriod(last, i - count + 1));
    const start = latest.amberFrom ?? latest.target * 0.9;
    const range = UNIT_RANGES[k.unitKind];
    const rows = periods.map((period, i) => {
      const progress = i / (count - 1);
      // Towards the target, ending a little short of it, with a fixed wobble of ±3 % of the span.
      const span = Math.abs(latest.target - start) || Math.abs(latest.target) * 0.1 || 1;
      const wobble = Math.sin(i * 1.7) * 0.03 * span * 4;
      const raw = start + (latest.target - start) * progress * 0.92 + wobble;
      const factor = 10 ** k.decimals;
      const value = clamp(Math.round(raw * factor) / factor, range.min, range.max);
      return { id: crypto.randomUUID(), municipalityId, kpiId: k.id, period: period.label, periodStart: period.start, value, source: "manual" as const, reason: DEMO_MEASUREMENT_REASON, enteredByUserId: leadUserId };
    });
    await tx.insert(measurement).values(rows).onConflictDoNothing();
    await recordAudit(tx, {
      municipalityId,
      actor,
      action: "measurement.recorded",
      objectType: "kpi",
      objectId: k.id,
      details: { kpi: k.name, periods: rows.map((r) => r.period), reason: DEMO_MEASUREMENT_REASON },
    });
    total += rows.length;
  }
  return total;
}
