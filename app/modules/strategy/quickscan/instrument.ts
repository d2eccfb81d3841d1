// The maturity quickscan's instrument (db/seed/reference/maturity-quickscan.json): 7 dimensions of
// statements on a 1–5 scale with "weet niet", and the development phases a mean score falls in.
// A round keeps a snapshot of it (scan_round.instrument), so later rounds stay comparable even if
// the reference changes. Pure: used by server code and by the answer form in the browser.
import type { ScanInstrument } from "../../../../db/schema/strategy";
import reference from "../../../../db/seed/reference/maturity-quickscan.json" with { type: "json" };

export interface DevelopmentPhase {
  /** Lowest mean (inclusive) of the phase. */
  from: number;
  name: string;
}

/**
 * What a round stores: the statements, plus the scale labels and development phases as they were
 * when the round was created. Older snapshots without labels or phases fall back to the reference.
 */
export interface QuickscanInstrument extends ScanInstrument {
  scaleLabels?: Record<string, string>;
  dontKnowLabel?: string;
  phases?: DevelopmentPhase[];
}

/** The value a "weet niet" answer is posted as; stored as null. */
export const DONT_KNOW = "dk";

/** The reference instrument, as a fresh snapshot for a new round. */
export function referenceInstrument(): QuickscanInstrument {
  return {
    scale: { min: reference.scale.min, max: reference.scale.max },
    dimensions: reference.dimensions.map((d) => ({ key: d.key, name: d.name_nl, statements: [...d.statements_nl] })),
    scaleLabels: { ...reference.scale.labels_nl },
    dontKnowLabel: reference.scale.dont_know_nl,
    phases: reference.phases_nl.map((p) => ({ from: p.from, name: p.name })),
  };
}

export function phasesOf(instrument: QuickscanInstrument): DevelopmentPhase[] {
  const phases = instrument.phases?.length ? instrument.phases : referenceInstrument().phases!;
  return [...phases].sort((a, b) => a.from - b.from);
}

/** The development phase a mean score falls in (the last phase whose lower bound it reaches). */
export function phaseFor(mean: number, phases: DevelopmentPhase[]): DevelopmentPhase | null {
  let found: DevelopmentPhase | null = null;
  for (const phase of phases) if (mean >= phase.from) found = phase;
  return found ?? phases[0] ?? null;
}

/** The scale values in order, e.g. [1, 2, 3, 4, 5]. */
export function scaleValues(instrument: ScanInstrument): number[] {
  const values: number[] = [];
  for (let v = instrument.scale.min; v <= instrument.scale.max; v++) values.push(v);
  return values;
}

/** The form field name of one statement: "<dimension>-<index>". */
export function statementKey(dimensionKey: string, statementIndex: number): string {
  return `${dimensionKey}-${statementIndex}`;
}

export interface StatementRef {
  dimensionKey: string;
  statementIndex: number;
  key: string;
  text: string;
}

export function statementsOf(instrument: ScanInstrument): StatementRef[] {
  return instrument.dimensions.flatMap((d) => d.statements.map((text, statementIndex) => ({ dimensionKey: d.key, statementIndex, key: statementKey(d.key, statementIndex), text })));
}

export function statementCount(instrument: ScanInstrument): number {
  return instrument.dimensions.reduce((n, d) => n + d.statements.length, 0);
}
