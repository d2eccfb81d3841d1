// Whether a year's target and thresholds fit a KPI's unit kind and direction. Pure, so the target
// form, the definition form (changing direction or unit kind) and the unit tests share one rule.
import type { KpiDirection, UnitKind } from "../../../db/schema/kpis";
import { thresholdProblem, trafficLight } from "./traffic-light";
import { inUnitRange } from "./units";

export interface TargetValues {
  target: number;
  greenFrom: number | null;
  amberFrom: number | null;
}

export type TargetField = "target" | "greenFrom" | "amberFrom";

const E = (key: string) => `kpiDefinitions.errors.${key}`;

/**
 * The problems of a target row, per field (messages are i18n keys); empty when it fits. A value
 * outside the unit's range; thresholds without a direction, on a neutral KPI, only one of the two,
 * or in the wrong order for the direction; and a target that would itself not be green.
 */
export function targetProblems(unitKind: UnitKind, direction: KpiDirection | null, values: TargetValues): Partial<Record<TargetField, string[]>> {
  const out: Partial<Record<TargetField, string[]>> = {};
  const add = (field: TargetField, key: string) => (out[field] ??= []).push(E(key));
  const range = E(`range.${unitKind}`);
  if (!inUnitRange(unitKind, values.target)) (out.target ??= []).push(range);
  if (values.greenFrom !== null && !inUnitRange(unitKind, values.greenFrom)) (out.greenFrom ??= []).push(range);
  if (values.amberFrom !== null && !inUnitRange(unitKind, values.amberFrom)) (out.amberFrom ??= []).push(range);
  const thresholds = { greenFrom: values.greenFrom, amberFrom: values.amberFrom };
  const anyThreshold = thresholds.greenFrom !== null || thresholds.amberFrom !== null;
  if (anyThreshold && direction === null) {
    add("greenFrom", "directionFirst");
    return out;
  }
  if (direction === null) return out;
  const problem = thresholdProblem(direction, thresholds);
  if (problem === "neutralHasThresholds") add("greenFrom", "thresholdsOnNeutral");
  else if (problem === "bothOrNeither") add(thresholds.greenFrom === null ? "greenFrom" : "amberFrom", "thresholdsBoth");
  else if (problem === "wrongOrderHigher") add("greenFrom", "wrongOrderHigher");
  else if (problem === "wrongOrderLower") add("greenFrom", "wrongOrderLower");
  else if (anyThreshold && Object.keys(out).length === 0 && trafficLight(direction, thresholds, values.target) !== "green") add("target", "targetNotGreen");
  return out;
}

export function fitsTarget(unitKind: UnitKind, direction: KpiDirection | null, values: TargetValues): boolean {
  return Object.keys(targetProblems(unitKind, direction, values)).length === 0;
}
