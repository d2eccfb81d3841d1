// Comparing a KPI with other municipalities (benchmark). Only KPIs chosen from the shared library
// compare: the same library code means the same definition. Sharing is opt-in per KPI, by the
// programme lead, and reciprocal: a municipality sees others' values only while it shares its own.
// A sharing municipality is anonymised unless it also agreed to be named; anonymous values are
// shown only when at least MIN_ANONYMOUS_PEERS of them exist for a period, so a single peer's
// value can never be singled out. A municipality that does not share is never read at all — not
// in values, not in counts.
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { kpi, measurement, organization } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { can } from "../auth/roles";

/** Fewer anonymous peers than this for a period: their values and statistics are not shown. */
export const MIN_ANONYMOUS_PEERS = 3;

export interface BenchmarkSettings {
  share: boolean;
  named: boolean;
}

export interface BenchmarkPeer {
  /** The municipality's name when it agreed to be named; null when anonymous. */
  name: string | null;
  value: number;
}

export interface BenchmarkPeriod {
  period: string;
  own: number | null;
  /** Named peers always; anonymous peers only when there are at least MIN_ANONYMOUS_PEERS of them. Sorted by value. */
  peers: BenchmarkPeer[];
  /** How many anonymous peers were left out because there were too few of them. */
  anonymousWithheld: number;
  /** Statistics over the shown peers; null with fewer than MIN_ANONYMOUS_PEERS shown. */
  stats: { count: number; min: number; median: number; max: number } | null;
}

export type BenchmarkView =
  | { status: "notFromLibrary" }
  | { status: "notShared"; settings: BenchmarkSettings }
  | { status: "shared"; settings: BenchmarkSettings; templateCode: string; periods: BenchmarkPeriod[] };

export function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The shown peers and statistics of one period from all sharing peers' values (pure). */
export function summarisePeers(rows: readonly { name: string | null; named: boolean; value: number }[]): Pick<BenchmarkPeriod, "peers" | "anonymousWithheld" | "stats"> {
  const named = rows.filter((r) => r.named).map((r) => ({ name: r.name, value: r.value }));
  const anonymous = rows.filter((r) => !r.named).map((r) => ({ name: null, value: r.value }));
  const showAnonymous = anonymous.length >= MIN_ANONYMOUS_PEERS;
  const peers = [...named, ...(showAnonymous ? anonymous : [])].sort((a, b) => a.value - b.value || (a.name ?? "").localeCompare(b.name ?? ""));
  const values = peers.map((p) => p.value);
  return {
    peers,
    anonymousWithheld: showAnonymous ? 0 : anonymous.length,
    stats: values.length >= MIN_ANONYMOUS_PEERS ? { count: values.length, min: values[0]!, median: median(values), max: values[values.length - 1]! } : null,
  };
}

async function ownKpi(member: Pick<Member, "municipalityId">, kpiId: string) {
  const [row] = await db()
    .select({ id: kpi.id, templateCode: kpi.templateCode, share: kpi.shareBenchmark, named: kpi.benchmarkNamed })
    .from(kpi)
    .where(and(eq(kpi.id, kpiId), eq(kpi.municipalityId, member.municipalityId), isNull(kpi.retiredAt)));
  return row;
}

/**
 * The comparison for the municipality's KPI over its latest `periods` measured periods (newest
 * last); null when the KPI is not the member's. Peers are matched by library code and period label.
 */
export async function loadBenchmark(member: Pick<Member, "municipalityId">, kpiId: string, periods = 8): Promise<BenchmarkView | null> {
  const own = await ownKpi(member, kpiId);
  if (!own) return null;
  if (!own.templateCode) return { status: "notFromLibrary" };
  const settings = { share: own.share, named: own.named };
  if (!own.share) return { status: "notShared", settings };
  const ownRows = await db()
    .select({ period: measurement.period, periodStart: measurement.periodStart, value: measurement.value })
    .from(measurement)
    .where(and(eq(measurement.kpiId, own.id), eq(measurement.municipalityId, member.municipalityId)))
    .orderBy(sql`${measurement.periodStart} desc`)
    .limit(periods);
  ownRows.reverse();
  const labels = ownRows.map((r) => r.period);
  // Matched on the period's first day and label: the first day keeps the lookup on the index
  // measurement(kpi_id, period_start); the label keeps a different frequency out.
  const starts = ownRows.map((r) => r.periodStart);
  // One row per period with its peers' values as JSON: eight rows to decode instead of one per
  // peer and period (a few thousand with every municipality sharing; row decoding is most of the
  // database time on PGlite).
  const peerRows =
    labels.length === 0
      ? []
      : await db()
          .select({
            period: measurement.period,
            // [named, name, value]; the name is read only for municipalities that agreed to be named.
            values: sql<string>`json_agg(json_build_array(${kpi.benchmarkNamed}, case when ${kpi.benchmarkNamed} then ${organization.name} end, ${measurement.value}))::text`,
          })
          .from(kpi)
          .innerJoin(measurement, eq(measurement.kpiId, kpi.id))
          .innerJoin(organization, eq(organization.id, kpi.municipalityId))
          .where(
            and(
              eq(kpi.templateCode, own.templateCode),
              eq(kpi.shareBenchmark, true),
              isNull(kpi.retiredAt),
              ne(kpi.municipalityId, member.municipalityId),
              inArray(measurement.periodStart, starts),
              inArray(measurement.period, labels),
            ),
          )
          .groupBy(measurement.period);
  const byPeriod = new Map<string, { name: string | null; named: boolean; value: number }[]>();
  for (const r of peerRows) {
    const values = JSON.parse(r.values) as [boolean, string | null, number][];
    byPeriod.set(
      r.period,
      values.map(([named, name, value]) => ({ name, named, value })),
    );
  }
  return {
    status: "shared",
    settings,
    templateCode: own.templateCode,
    periods: ownRows.map((r) => ({ period: r.period, own: r.value, ...summarisePeers(byPeriod.get(r.period) ?? []) })),
  };
}

export type BenchmarkSettingsOutcome = { ok: true; changed: boolean } | { ok: false; error: "notAllowed" | "notFound" | "notFromLibrary" };

/**
 * The lead opts a library KPI in or out of the comparison, and chooses whether it is shown under
 * the municipality's name. Naming without sharing means nothing, so it is stored as not named.
 */
export async function setBenchmarkSharing(member: Member, kpiId: string, wanted: BenchmarkSettings): Promise<BenchmarkSettingsOutcome> {
  if (!can(member.role, { kpi: ["manage"] })) return { ok: false, error: "notAllowed" };
  const next = { share: wanted.share, named: wanted.share && wanted.named };
  return db().transaction(async (tx): Promise<BenchmarkSettingsOutcome> => {
    const [row] = await tx
      .select({ id: kpi.id, name: kpi.name, templateCode: kpi.templateCode, share: kpi.shareBenchmark, named: kpi.benchmarkNamed })
      .from(kpi)
      .where(and(eq(kpi.id, kpiId), eq(kpi.municipalityId, member.municipalityId), isNull(kpi.retiredAt)))
      .for("update");
    if (!row) return { ok: false, error: "notFound" };
    if (!row.templateCode) return { ok: false, error: "notFromLibrary" };
    if (row.share === next.share && row.named === next.named) return { ok: true, changed: false };
    await tx.update(kpi).set({ shareBenchmark: next.share, benchmarkNamed: next.named, updatedAt: new Date() }).where(eq(kpi.id, row.id));
    await recordAudit(tx, {
      municipalityId: member.municipalityId,
      actor: actorOf(member),
      action: "kpi.benchmark_changed",
      objectType: "kpi",
      objectId: row.id,
      details: { name: row.name, templateCode: row.templateCode, before: { share: row.share, named: row.named }, after: next },
    });
    return { ok: true, changed: true };
  });
}
