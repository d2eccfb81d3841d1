// Data health per KPI from the database: which agreement versions have a field that feeds each KPI,
// and how the latest due delivery of each fed dataset went. The dashboard, the KPI page and the
// programme overview read it here; every query is scoped to one municipality.
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { agreementDataset, agreementField, agreementVersion, delivery, deliveryAgreement, deliveryExpectation, department, externalSource, kpi } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import { countHealth, kpiDataHealth, type DataHealthCounts, type DataHealthState, type KpiFeed } from "./data-health";
import { loadExpectations, type ExpectationRow } from "./expectations.server";
import { expectationStatus, type ExpectationStatus } from "./timeliness";
import { amsterdamDay } from "./working-days";

export interface FeedRow {
  kpiId: string;
  agreementId: string;
  versionId: string;
  datasetKey: string;
  versionStatus: KpiFeed["versionStatus"];
  endDate: string | null;
}

/** Agreement fields feeding the given KPIs (all the municipality's when `kpiIds` is undefined). */
export async function loadFeeds(database: DbOrTx, municipalityId: string, kpiIds?: readonly string[]): Promise<FeedRow[]> {
  if (kpiIds && kpiIds.length === 0) return [];
  return database
    .selectDistinct({
      kpiId: sql<string>`${agreementField.kpiId}`,
      agreementId: agreementVersion.agreementId,
      versionId: agreementVersion.id,
      datasetKey: agreementDataset.key,
      versionStatus: agreementVersion.status,
      endDate: agreementVersion.endDate,
    })
    .from(agreementField)
    .innerJoin(agreementDataset, eq(agreementDataset.id, agreementField.datasetId))
    .innerJoin(agreementVersion, eq(agreementVersion.id, agreementDataset.versionId))
    .where(
      and(
        eq(agreementField.municipalityId, municipalityId),
        eq(agreementVersion.municipalityId, municipalityId),
        kpiIds ? inArray(agreementField.kpiId, [...kpiIds]) : sql`${agreementField.kpiId} is not null`,
      ),
    );
}

/** An expectation's status on `today`, from a loaded row. */
export function statusOf(row: Pick<ExpectationRow, "dueOn" | "fulfilledAt" | "rejectedAttempts">, today: string): ExpectationStatus {
  return expectationStatus({ dueOn: row.dueOn, fulfilledOn: row.fulfilledAt ? amsterdamDay(row.fulfilledAt) : null, rejectedAttempts: row.rejectedAttempts }, today);
}

/** Per agreement and dataset key: the status of the latest expectation that is due or delivered. */
export function latestDueStatus(rows: readonly ExpectationRow[], today: string): Map<string, ExpectationStatus> {
  const latest = new Map<string, ExpectationRow>();
  for (const r of rows) {
    if (!(r.dueOn < today || r.fulfilledAt !== null)) continue;
    const key = `${r.agreementId}:${r.datasetKey}`;
    const seen = latest.get(key);
    if (!seen || r.periodStart > seen.periodStart) latest.set(key, r);
  }
  return new Map([...latest].map(([key, r]) => [key, statusOf(r, today)]));
}

/** The data health of each given KPI (every KPI id gets a state; no feed is "no_agreement"). */
export async function loadKpiDataHealth(database: DbOrTx, municipalityId: string, kpiIds: readonly string[], now: Date = new Date()): Promise<Map<string, DataHealthState>> {
  const today = amsterdamDay(now);
  const feeds = await loadFeeds(database, municipalityId, kpiIds);
  const agreementIds = [...new Set(feeds.map((f) => f.agreementId))];
  const expectations = agreementIds.length
    ? await loadExpectations(database, and(eq(deliveryExpectation.municipalityId, municipalityId), inArray(deliveryExpectation.agreementId, agreementIds)))
    : [];
  const latest = latestDueStatus(expectations, today);
  const feedsOf = new Map<string, KpiFeed[]>();
  for (const f of feeds) {
    const list = feedsOf.get(f.kpiId) ?? feedsOf.set(f.kpiId, []).get(f.kpiId)!;
    list.push({ versionStatus: f.versionStatus, endDate: f.endDate, latest: latest.get(`${f.agreementId}:${f.datasetKey}`) ?? null });
  }
  return new Map(kpiIds.map((id) => [id, kpiDataHealth(feedsOf.get(id) ?? [], today)]));
}

/** Counts per data-health state over the municipality's current KPIs (the programme overview). */
export async function loadDataHealthRollup(actor: Pick<Member, "municipalityId">, now: Date = new Date()): Promise<{ total: number; counts: DataHealthCounts }> {
  const ids = (await db().select({ id: kpi.id }).from(kpi).where(and(eq(kpi.municipalityId, actor.municipalityId), isNull(kpi.retiredAt)))).map((r) => r.id);
  const health = await loadKpiDataHealth(db(), actor.municipalityId, ids, now);
  return { total: ids.length, counts: countHealth([...health.values()]) };
}

export interface KpiDeliveryInfo {
  health: DataHealthState;
  /** The latest accepted delivery of a dataset that feeds the KPI. */
  lastDelivery: { receivedAt: string; period: string; agreementId: string; reference: string; party: string } | null;
  /** Agreements with a field feeding the KPI, with the status of that version. */
  agreements: { agreementId: string; reference: string; title: string; version: number; status: KpiFeed["versionStatus"]; party: string }[];
}

/** The KPI page's data-health section: state, last delivery (when, by whom, under which agreement). */
export async function loadKpiDeliveryInfo(actor: Pick<Member, "municipalityId">, kpiId: string, now: Date = new Date()): Promise<KpiDeliveryInfo> {
  const m = actor.municipalityId;
  const health = (await loadKpiDataHealth(db(), m, [kpiId], now)).get(kpiId)!;
  const party = sql<string>`coalesce(${department.name}, ${externalSource.name}, '')`;
  const versionIds = (
    await db()
      .selectDistinct({ id: agreementDataset.versionId })
      .from(agreementField)
      .innerJoin(agreementDataset, eq(agreementDataset.id, agreementField.datasetId))
      .where(and(eq(agreementField.municipalityId, m), eq(agreementField.kpiId, kpiId)))
  ).map((r) => r.id);
  const [[last], agreements] = await Promise.all([
    db()
      .select({ receivedAt: delivery.receivedAt, period: delivery.period, agreementId: delivery.agreementId, reference: deliveryAgreement.reference, party })
      .from(delivery)
      .innerJoin(deliveryAgreement, eq(deliveryAgreement.id, delivery.agreementId))
      .leftJoin(department, eq(department.id, deliveryAgreement.departmentId))
      .leftJoin(externalSource, eq(externalSource.id, deliveryAgreement.externalSourceId))
      .where(
        and(
          eq(delivery.municipalityId, m),
          eq(delivery.status, "accepted"),
          sql`exists (select 1 from ${agreementField} f join ${agreementDataset} d on d.id = f.dataset_id where f.kpi_id = ${kpiId} and f.municipality_id = ${m} and d.version_id = ${delivery.versionId} and d.key = ${delivery.datasetKey})`,
        ),
      )
      .orderBy(desc(delivery.receivedAt))
      .limit(1),
    db()
      .selectDistinct({
        agreementId: deliveryAgreement.id,
        reference: deliveryAgreement.reference,
        title: agreementVersion.title,
        version: agreementVersion.version,
        status: agreementVersion.status,
        party,
      })
      .from(agreementVersion)
      .innerJoin(deliveryAgreement, eq(deliveryAgreement.id, agreementVersion.agreementId))
      .leftJoin(department, eq(department.id, deliveryAgreement.departmentId))
      .leftJoin(externalSource, eq(externalSource.id, deliveryAgreement.externalSourceId))
      .where(and(eq(agreementVersion.municipalityId, m), inArray(agreementVersion.id, versionIds.length ? versionIds : [""]))),
  ]);
  return {
    health,
    lastDelivery: last ? { ...last, receivedAt: last.receivedAt.toISOString() } : null,
    agreements: agreements.sort((a, b) => a.reference.localeCompare(b.reference) || b.version - a.version),
  };
}
