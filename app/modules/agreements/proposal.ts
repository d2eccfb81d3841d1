// A first draft of an agreement, proposed from the KPIs it will feed: one dataset with a period
// field (the key) and a value field per KPI, typed and ranged by the KPI's unit kind; the finest of
// the KPIs' frequencies; a deadline of 10 working days; and the KPIs' source as the supplying
// party. The author adjusts it afterwards; nothing here touches the database.
import type { FieldType, KpiAggregation } from "../../../db/schema/agreements";
import type { KpiFrequency, UnitKind } from "../../../db/schema/kpis";

export const DEFAULT_DEADLINE_WORKING_DAYS = 10;

export interface ProposalKpi {
  id: string;
  name: string;
  unit: string | null;
  unitKind: UnitKind;
  frequency: KpiFrequency | null;
  definition?: string | null;
  sourceDepartmentId: string | null;
  sourceExternalSourceId: string | null;
}

export interface ProposedField {
  name: string;
  description: string | null;
  type: FieldType;
  unit: string | null;
  required: boolean;
  isKey: boolean;
  allowedValues: string[] | null;
  min: number | null;
  max: number | null;
  kpiId: string | null;
  aggregation: KpiAggregation | null;
}

export interface ProposedDataset {
  key: string;
  name: string;
  description: string | null;
  fields: ProposedField[];
}

export interface AgreementProposal {
  frequency: KpiFrequency;
  deadlineWorkingDays: number;
  /** The party most of the KPIs name as their source; null when none names one. */
  source: { kind: "department" | "external_source"; id: string } | null;
  datasets: ProposedDataset[];
}

const FINENESS: Record<KpiFrequency, number> = { month: 0, quarter: 1, year: 2 };
export const PERIOD_FIELD = "periode";
export const KPI_DATASET_KEY = "kpi-waarden";

/** The value type and range a KPI's unit kind asks of delivered values. */
export function valueRule(kind: UnitKind): { type: FieldType; min: number | null; max: number | null } {
  switch (kind) {
    case "percent":
      return { type: "decimal", min: 0, max: 100 };
    case "grade":
      return { type: "decimal", min: 1, max: 10 };
    case "count":
      return { type: "integer", min: 0, max: null };
    case "money":
    case "rate":
      return { type: "decimal", min: 0, max: null };
    case "other":
      return { type: "decimal", min: null, max: null };
  }
}

/** A column header from a KPI name: lower case, ASCII, words joined by "_" ("Tevredenheid (%)" → "tevredenheid"). */
export function columnName(name: string, maxLength = 48): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, maxLength)
    .replace(/_+$/g, "");
  return base || "waarde";
}

/** The finest frequency among the KPIs (month before quarter before year); quarter when none has one. */
export function finestFrequency(frequencies: readonly (KpiFrequency | null)[]): KpiFrequency {
  const known = frequencies.filter((f): f is KpiFrequency => f !== null);
  if (known.length === 0) return "quarter";
  return known.reduce((a, b) => (FINENESS[b] < FINENESS[a] ? b : a));
}

function commonSource(kpis: readonly ProposalKpi[]): AgreementProposal["source"] {
  const counts = new Map<string, { kind: "department" | "external_source"; id: string; n: number; first: number }>();
  kpis.forEach((k, i) => {
    const source = k.sourceDepartmentId ? { kind: "department" as const, id: k.sourceDepartmentId } : k.sourceExternalSourceId ? { kind: "external_source" as const, id: k.sourceExternalSourceId } : null;
    if (!source) return;
    const key = `${source.kind}:${source.id}`;
    const entry = counts.get(key) ?? { ...source, n: 0, first: i };
    entry.n++;
    counts.set(key, entry);
  });
  const best = [...counts.values()].sort((a, b) => b.n - a.n || a.first - b.first)[0];
  return best ? { kind: best.kind, id: best.id } : null;
}

export function proposeFromKpis(kpis: readonly ProposalKpi[]): AgreementProposal {
  const frequency = finestFrequency(kpis.map((k) => k.frequency));
  const used = new Set([PERIOD_FIELD]);
  const fields: ProposedField[] = [
    {
      name: PERIOD_FIELD,
      description: frequency === "month" ? "Maand, bijvoorbeeld 2026-03" : frequency === "quarter" ? "Kwartaal, bijvoorbeeld 2026-Q1" : "Jaar, bijvoorbeeld 2026",
      type: "period",
      unit: null,
      required: true,
      isKey: true,
      allowedValues: null,
      min: null,
      max: null,
      kpiId: null,
      aggregation: null,
    },
  ];
  for (const k of kpis) {
    let name = columnName(k.name);
    for (let n = 2; used.has(name); n++) name = `${columnName(k.name, 44)}_${n}`;
    used.add(name);
    const rule = valueRule(k.unitKind);
    fields.push({
      name,
      description: k.definition?.trim() ? k.definition.trim() : null,
      type: rule.type,
      unit: k.unit,
      required: true,
      isKey: false,
      allowedValues: null,
      min: rule.min,
      max: rule.max,
      kpiId: k.id,
      aggregation: "single",
    });
  }
  const datasets: ProposedDataset[] =
    kpis.length === 0 ? [] : [{ key: KPI_DATASET_KEY, name: "KPI-waarden", description: "Eén rij per periode met de waarde van elke KPI die deze overeenkomst voedt.", fields }];
  return { frequency, deadlineWorkingDays: DEFAULT_DEADLINE_WORKING_DAYS, source: commonSource(kpis), datasets };
}
