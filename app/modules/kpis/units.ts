// The kind of number a KPI's unit is, and the range its targets and measurements may take.
import type { UnitKind } from "../../../db/schema/kpis";

export interface UnitRange {
  min?: number;
  max?: number;
}

/** Ranges per unit kind: a percentage is 0–100, a report mark 1–10, counts and rates not negative. */
export const UNIT_RANGES: Readonly<Record<UnitKind, UnitRange>> = {
  percent: { min: 0, max: 100 },
  grade: { min: 1, max: 10 },
  count: { min: 0 },
  rate: { min: 0 },
  money: {},
  other: {},
};

export function inUnitRange(kind: UnitKind, value: number): boolean {
  const { min, max } = UNIT_RANGES[kind];
  return Number.isFinite(value) && (min === undefined || value >= min) && (max === undefined || value <= max);
}

/**
 * A first guess of the unit kind from a library unit text ("% inwoners …", "Rapportcijfer 1-10",
 * "Aantal per 1.000 inwoners", "Kosten (EUR) per inwoner"). The author can change it.
 * A percentage difference ("% verschil …") can be negative or above 100, so it is "other".
 */
export function guessUnitKind(unit: string): UnitKind {
  const u = unit.toLowerCase();
  if (u.includes("rapportcijfer")) return "grade";
  if (u.includes("%")) return u.includes("verschil") ? "other" : "percent";
  if (/\beur\b|euro|€/.test(u)) return "money";
  if (u.startsWith("index")) return "other";
  if (/\bper\b/.test(u)) return "rate";
  return "count";
}
