// Data health of a KPI, apart from its traffic light: is its data coming in as agreed? Pure rules
// over the agreements whose fields feed the KPI and the latest due delivery of each fed dataset.
// The KPI card, the KPI page and the programme overview all read it through this one function.
import type { AgreementStatus } from "../../../db/schema/agreements";
import type { ExpectationStatus } from "./timeliness";

/**
 * Worst first within the fed states. `awaiting_first`: an agreement is in force but no delivery is
 * due yet, so there is nothing to be on time or late with.
 */
export const DATA_HEALTH_STATES = ["missing", "late", "on_time", "awaiting_first", "unsigned", "ended", "no_agreement"] as const;
export type DataHealthState = (typeof DATA_HEALTH_STATES)[number];

/** One agreement version with a field that feeds the KPI, and how its dataset is doing. */
export interface KpiFeed {
  versionStatus: AgreementStatus;
  /** "YYYY-MM-DD" or null (until terminated). */
  endDate: string | null;
  /**
   * The status of the fed dataset's latest expected delivery that is due or delivered (by period);
   * null when none is due yet.
   */
  latest: ExpectationStatus | null;
}

const UNSIGNED: readonly AgreementStatus[] = ["draft", "in_review", "awaiting_signatures"];

/** Whether a version is in force on `today`: active and not past its end date. */
export function inForce(feed: Pick<KpiFeed, "versionStatus" | "endDate">, today: string): boolean {
  return feed.versionStatus === "active" && (feed.endDate === null || feed.endDate >= today);
}

function fedState(latest: ExpectationStatus | null): DataHealthState {
  switch (latest) {
    case null:
    case "open":
      return "awaiting_first";
    case "on_time":
      return "on_time";
    case "late":
      return "late";
    case "missing":
    case "rejected":
      // Past due and no accepted delivery: the data is missing, whatever was tried.
      return "missing";
  }
}

const rank = (state: DataHealthState) => DATA_HEALTH_STATES.indexOf(state);

/**
 * The KPI's data health on `today`. Fed by an agreement in force: the worst of its datasets (missing,
 * late, on time, awaiting the first). Otherwise: unsigned when an agreement is on its way (draft,
 * in review, awaiting signatures), ended when its agreements expired, were superseded without it or
 * terminated, and no agreement when no agreement field feeds it at all.
 */
export function kpiDataHealth(feeds: readonly KpiFeed[], today: string): DataHealthState {
  const live = feeds.filter((f) => inForce(f, today));
  if (live.length > 0) return live.map((f) => fedState(f.latest)).reduce((worst, s) => (rank(s) < rank(worst) ? s : worst));
  if (feeds.some((f) => UNSIGNED.includes(f.versionStatus))) return "unsigned";
  if (feeds.length > 0) return "ended";
  return "no_agreement";
}

export type DataHealthCounts = Record<DataHealthState, number>;

export function countHealth(states: readonly DataHealthState[]): DataHealthCounts {
  const counts = Object.fromEntries(DATA_HEALTH_STATES.map((s) => [s, 0])) as DataHealthCounts;
  for (const s of states) counts[s]++;
  return counts;
}
