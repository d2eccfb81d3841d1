// Traffic light (stoplicht) of a value against a year's thresholds, and the rule that thresholds
// must be in the right order for the KPI's direction.
import type { KpiDirection } from "../../../db/schema/kpis";

export type TrafficLight = "green" | "amber" | "red";

export interface Thresholds {
  greenFrom: number | null;
  amberFrom: number | null;
}

/**
 * Higher is better: green at or above `greenFrom`, amber at or above `amberFrom`, otherwise red.
 * Lower is better: green at or below `greenFrom`, amber at or below `amberFrom`, otherwise red.
 * A neutral KPI, or one without both thresholds, has no traffic light (null).
 */
export function trafficLight(direction: KpiDirection | null, thresholds: Thresholds | null, value: number | null): TrafficLight | null {
  if (value === null || !Number.isFinite(value) || !thresholds || direction === null || direction === "neutral") return null;
  const { greenFrom, amberFrom } = thresholds;
  if (greenFrom === null || amberFrom === null) return null;
  if (direction === "higher_is_better") {
    if (value >= greenFrom) return "green";
    return value >= amberFrom ? "amber" : "red";
  }
  if (value <= greenFrom) return "green";
  return value <= amberFrom ? "amber" : "red";
}

export type ThresholdProblem = "neutralHasThresholds" | "bothOrNeither" | "wrongOrderHigher" | "wrongOrderLower";

/**
 * Why thresholds do not fit the direction, or null when they do. Both thresholds are given or
 * neither; higher is better needs green ≥ amber, lower is better green ≤ amber; a neutral KPI
 * has no traffic light and so no thresholds.
 */
export function thresholdProblem(direction: KpiDirection, thresholds: Thresholds): ThresholdProblem | null {
  const { greenFrom, amberFrom } = thresholds;
  if (greenFrom === null && amberFrom === null) return null;
  if (direction === "neutral") return "neutralHasThresholds";
  if (greenFrom === null || amberFrom === null) return "bothOrNeither";
  if (direction === "higher_is_better" && greenFrom < amberFrom) return "wrongOrderHigher";
  if (direction === "lower_is_better" && greenFrom > amberFrom) return "wrongOrderLower";
  return null;
}
