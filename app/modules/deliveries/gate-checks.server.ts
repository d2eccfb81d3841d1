// The two computed criteria of the phase-3 gate: every current KPI is fed by a field of an agreement
// version in force, and every agreement in force delivered the first expected delivery of each of
// its datasets on time. One counts function feeds both the gate and the phase-3 page.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { agreementDataset, agreementVersion, deliveryExpectation, kpi } from "../../../db/schema/index";
import { inForce } from "./data-health";
import { loadFeeds, statusOf } from "./data-health.server";
import { loadExpectations } from "./expectations.server";
import { amsterdamDay } from "./working-days";

export const AGREEMENTS_ALL_KPIS_FED = "agreements.all_kpis_fed";
export const DELIVERIES_FIRST_ON_TIME = "deliveries.first_on_time";

export interface PhaseThreeGateCounts {
  /** Current (not retired) KPIs, and those fed by an agreement version in force. */
  kpis: number;
  fedKpis: number;
  /** Datasets of agreement versions in force, and those whose first expected delivery came in on time. */
  datasets: number;
  firstOnTime: number;
}

export async function phaseThreeGateCounts(database: DbOrTx, municipalityId: string, now: Date = new Date()): Promise<PhaseThreeGateCounts> {
  const today = amsterdamDay(now);
  const current = await database.select({ id: kpi.id }).from(kpi).where(and(eq(kpi.municipalityId, municipalityId), isNull(kpi.retiredAt)));
  const feeds = await loadFeeds(
    database,
    municipalityId,
    current.map((k) => k.id),
  );
  const fed = new Set(feeds.filter((f) => inForce(f, today)).map((f) => f.kpiId));

  const live = await database
    .select({ agreementId: agreementVersion.agreementId, key: agreementDataset.key, endDate: agreementVersion.endDate })
    .from(agreementVersion)
    .innerJoin(agreementDataset, eq(agreementDataset.versionId, agreementVersion.id))
    .where(and(eq(agreementVersion.municipalityId, municipalityId), eq(agreementVersion.status, "active")));
  const datasets = live.filter((d) => inForce({ versionStatus: "active", endDate: d.endDate }, today));
  const agreementIds = [...new Set(datasets.map((d) => d.agreementId))];
  const expectations = agreementIds.length
    ? await loadExpectations(database, and(eq(deliveryExpectation.municipalityId, municipalityId), inArray(deliveryExpectation.agreementId, agreementIds)))
    : [];
  // loadExpectations is ordered by period: the first row per agreement and dataset is the first expected delivery.
  const first = new Map<string, (typeof expectations)[number]>();
  for (const e of expectations) if (!first.has(`${e.agreementId}:${e.datasetKey}`)) first.set(`${e.agreementId}:${e.datasetKey}`, e);
  const firstOnTime = datasets.filter((d) => {
    const e = first.get(`${d.agreementId}:${d.key}`);
    return e !== undefined && statusOf(e, today) === "on_time";
  }).length;
  return { kpis: current.length, fedKpis: fed.size, datasets: datasets.length, firstOnTime };
}

export const deliveryGateChecks: Record<string, (municipalityId: string, database: DbOrTx) => Promise<boolean>> = {
  [AGREEMENTS_ALL_KPIS_FED]: async (municipalityId, database) => {
    const c = await phaseThreeGateCounts(database, municipalityId);
    return c.kpis > 0 && c.fedKpis === c.kpis;
  },
  [DELIVERIES_FIRST_ON_TIME]: async (municipalityId, database) => {
    const c = await phaseThreeGateCounts(database, municipalityId);
    return c.datasets > 0 && c.firstOnTime === c.datasets;
  },
};

