// Whether a KPI is fully defined, and what is still missing. The dashboard marks incomplete KPIs,
// the definition page lists the gaps, and the phase-2 gate "every chosen KPI fully defined" reads it.
import type { KpiDirection, KpiFrequency } from "../../../db/schema/kpis";

export const DEFINITION_PARTS = [
  "definition",
  "formula",
  "unit",
  "direction",
  "frequency",
  "target",
  "thresholds",
  "owner",
  "dataNeeded",
  "source",
  "successFactor",
] as const;
export type DefinitionPart = (typeof DEFINITION_PARTS)[number];

export interface DefinitionFacts {
  definition: string | null;
  formula: string | null;
  unit: string | null;
  direction: KpiDirection | null;
  frequency: KpiFrequency | null;
  ownerUserId: string | null;
  dataNeeded: string | null;
  sourceDepartmentId: string | null;
  sourceExternalSourceId: string | null;
  /** The target of the year in question (normally the current year), if any. */
  target: { greenFrom: number | null; amberFrom: number | null } | null;
  /** How many success factors (not retired) the KPI is linked to. */
  successFactorCount: number;
}

const filled = (text: string | null) => text !== null && text.trim() !== "";

/** The parts still missing, in the order of the form; empty when the KPI is fully defined. */
export function missingParts(kpi: DefinitionFacts): DefinitionPart[] {
  const missing: DefinitionPart[] = [];
  if (!filled(kpi.definition)) missing.push("definition");
  if (!filled(kpi.formula)) missing.push("formula");
  if (!filled(kpi.unit)) missing.push("unit");
  if (kpi.direction === null) missing.push("direction");
  if (kpi.frequency === null) missing.push("frequency");
  if (kpi.target === null) missing.push("target");
  // A neutral KPI has no traffic light, so it needs no thresholds.
  else if (kpi.direction !== "neutral" && (kpi.target.greenFrom === null || kpi.target.amberFrom === null)) missing.push("thresholds");
  if (kpi.ownerUserId === null) missing.push("owner");
  if (!filled(kpi.dataNeeded)) missing.push("dataNeeded");
  if (kpi.sourceDepartmentId === null && kpi.sourceExternalSourceId === null) missing.push("source");
  if (kpi.successFactorCount === 0) missing.push("successFactor");
  return missing;
}
