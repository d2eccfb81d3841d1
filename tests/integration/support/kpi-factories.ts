// KPI rows for tests, inserted directly (the commands that define KPIs are part A's, tested there):
// a fully defined KPI by default, with its targets, links to success factors and measurements.
import { db } from "../../../app/db.server";
import type { Member } from "../../../app/modules/auth/guards.server";
import type { Role } from "../../../app/modules/auth/roles";
import { makePeriod, parsePeriod } from "../../../app/modules/kpis/periods";
import { department, kpi, kpiSuccessFactor, kpiTarget, measurement, member as memberTable, type KpiFrequency } from "../../../db/schema/index";
import { createVerifiedUser, memberOf } from "./factories";
import { addFocusArea } from "./strategy";

export interface TestTarget {
  year: number;
  target: number;
  greenFrom?: number | null;
  amberFrom?: number | null;
}

export interface TestMeasurement {
  period: string;
  value: number;
  source?: "manual" | "delivery";
  deliveryId?: string | null;
  reason?: string | null;
  enteredByUserId?: string | null;
}

export type TestKpiOverrides = Partial<typeof kpi.$inferInsert> & {
  /** Yearly targets; default: the current year, target 7.5, green from 7, amber from 6. */
  targets?: TestTarget[];
  /** Success factors to link; default: a new chosen focus area with one goal and factor. */
  successFactorIds?: string[];
  measurements?: TestMeasurement[];
};

export interface TestKpi {
  id: string;
  name: string;
  successFactorIds: string[];
  areaId: string | null;
}

const thisYear = () => new Date().getUTCFullYear();

/** A fully defined quarterly KPI (grade 1–10, higher is better) unless overridden. */
export async function createTestKpi(m: Member, overrides: TestKpiOverrides = {}): Promise<TestKpi> {
  const { targets, successFactorIds, measurements, ...fields } = overrides;
  const id = fields.id ?? crypto.randomUUID();
  let areaId: string | null = null;
  let factors = successFactorIds;
  if (!factors) {
    const area = await addFocusArea(m);
    areaId = area.areaId;
    factors = [area.factorId!];
  }
  let sourceDepartmentId = fields.sourceDepartmentId;
  if (sourceDepartmentId === undefined && fields.sourceExternalSourceId === undefined) {
    sourceDepartmentId = crypto.randomUUID();
    await db().insert(department).values({ id: sourceDepartmentId, municipalityId: m.municipalityId, name: `Afdeling ${sourceDepartmentId.slice(0, 8)}` });
  }
  const name = fields.name ?? `Tevredenheid ${id.slice(0, 8)}`;
  const frequency: KpiFrequency | null = fields.frequency === undefined ? "quarter" : fields.frequency;
  await db()
    .insert(kpi)
    .values({
      definition: "Gemiddeld rapportcijfer van inwoners.",
      formula: "Som van de cijfers gedeeld door het aantal antwoorden.",
      unit: "Rapportcijfer 1-10",
      unitKind: "grade",
      direction: "higher_is_better",
      decimals: 1,
      ownerUserId: m.userId,
      dataNeeded: "Antwoorden van het inwonerspanel.",
      createdByUserId: m.userId,
      ...fields,
      frequency,
      sourceDepartmentId: sourceDepartmentId ?? null,
      id,
      name,
      municipalityId: m.municipalityId,
    });
  for (const t of targets ?? [{ year: thisYear(), target: 7.5, greenFrom: 7, amberFrom: 6 }]) {
    await db()
      .insert(kpiTarget)
      .values({ id: crypto.randomUUID(), municipalityId: m.municipalityId, kpiId: id, year: t.year, target: t.target, greenFrom: t.greenFrom ?? null, amberFrom: t.amberFrom ?? null });
  }
  for (const factorId of factors) await db().insert(kpiSuccessFactor).values({ kpiId: id, successFactorId: factorId, municipalityId: m.municipalityId });
  if (measurements?.length) await addMeasurements(m, id, frequency ?? "quarter", measurements);
  return { id, name, successFactorIds: factors, areaId };
}

export async function addMeasurements(m: Member, kpiId: string, frequency: KpiFrequency, list: TestMeasurement[]): Promise<void> {
  await db()
    .insert(measurement)
    .values(
      list.map((x) => {
        const period = parsePeriod(frequency, x.period);
        if (!period) throw new Error(`${x.period} is not a ${frequency}`);
        const source = x.source ?? "manual";
        return {
          id: crypto.randomUUID(),
          municipalityId: m.municipalityId,
          kpiId,
          period: period.label,
          periodStart: period.start,
          value: x.value,
          source,
          deliveryId: source === "delivery" ? (x.deliveryId ?? crypto.randomUUID()) : null,
          reason: source === "manual" ? (x.reason ?? "Test") : null,
          enteredByUserId: source === "manual" ? (x.enteredByUserId ?? m.userId) : null,
        };
      }),
    );
}

/** `count` consecutive periods ending with `last`, with values from `valueOf(i)` (i = 0 oldest). */
export function series(frequency: KpiFrequency, last: { year: number; index: number }, count: number, valueOf: (i: number) => number): TestMeasurement[] {
  const lastPeriod = makePeriod(frequency, last.year, last.index);
  const perYear = frequency === "month" ? 12 : frequency === "quarter" ? 4 : 1;
  const lastOrdinal = lastPeriod.year * perYear + lastPeriod.index - 1;
  return Array.from({ length: count }, (_, i) => {
    const ordinal = lastOrdinal - (count - 1 - i);
    return { period: makePeriod(frequency, Math.floor(ordinal / perYear), (ordinal % perYear) + 1).label, value: valueOf(i) };
  });
}

/** A new member of the municipality with the given role. */
export async function addTestMember(lead: Member, role: Role, email = `${role}-${crypto.randomUUID().slice(0, 8)}@koers.test`): Promise<Member> {
  const u = await createVerifiedUser(email);
  await db().insert(memberTable).values({ id: crypto.randomUUID(), organizationId: lead.municipalityId, userId: u.id, role });
  return memberOf(u.id, lead.cbsCode);
}
