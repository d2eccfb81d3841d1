// Pure aggregation of a quickscan round: response rate, the mean per dimension ("weet niet"
// excluded) with its development phase, the spread between departments and the change since an
// earlier round. Individual answers never leave this file: every figure shown is over at least
// MIN_GROUP_SIZE submitted responses.
import type { ScanInstrument } from "../../../../db/schema/strategy";
import { phaseFor, phasesOf, type QuickscanInstrument } from "./instrument";

/** Aggregates are shown only over at least this many submitted responses. */
export const MIN_GROUP_SIZE = 3;

export interface AnswerValue {
  dimensionKey: string;
  statementIndex: number;
  /** 1–5, or null for "weet niet". */
  value: number | null;
}

export interface SubmittedResponse {
  departmentId: string | null;
  answers: AnswerValue[];
}

export interface DimensionResult {
  key: string;
  name: string;
  /** Mean of the answered statements; null when every answer was "weet niet". */
  mean: number | null;
  /** Answers on the scale (not "weet niet") that make up the mean. */
  answered: number;
  dontKnow: number;
  /** The development phase of the mean, from the round's instrument. */
  phase: string | null;
}

/** The mean per dimension over the given responses, without any threshold. */
export function dimensionMeans(instrument: QuickscanInstrument, responses: SubmittedResponse[]): DimensionResult[] {
  const phases = phasesOf(instrument);
  return instrument.dimensions.map((dimension) => {
    let sum = 0;
    let answered = 0;
    let dontKnow = 0;
    for (const response of responses) {
      for (const answer of response.answers) {
        if (answer.dimensionKey !== dimension.key) continue;
        if (answer.statementIndex < 0 || answer.statementIndex >= dimension.statements.length) continue;
        if (answer.value === null) dontKnow++;
        else if (Number.isInteger(answer.value) && answer.value >= instrument.scale.min && answer.value <= instrument.scale.max) {
          sum += answer.value;
          answered++;
        }
      }
    }
    const mean = answered > 0 ? sum / answered : null;
    return { key: dimension.key, name: dimension.name, mean, answered, dontKnow, phase: mean === null ? null : (phaseFor(mean, phases)?.name ?? null) };
  });
}

export interface RoundAggregate {
  invited: number;
  submitted: number;
  /** submitted / invited (0–1); null when nobody is invited. */
  responseRate: number | null;
  threshold: number;
  /** True when the round is closed and at least `threshold` responses are submitted; only then are the means given. */
  visible: boolean;
  /** The round is still open: means stay hidden, or comparing them before and after one more response would reveal that response. */
  hiddenUntilClosed: boolean;
  dimensions: DimensionResult[] | null;
  /** The mean over all dimensions' answered statements. */
  overallMean: number | null;
}

export function aggregateRound(instrument: QuickscanInstrument, responses: SubmittedResponse[], invited: number, options: { closed: boolean } = { closed: true }): RoundAggregate {
  const submitted = responses.length;
  const hiddenUntilClosed = !options.closed;
  const visible = submitted >= MIN_GROUP_SIZE && !hiddenUntilClosed;
  const dimensions = visible ? dimensionMeans(instrument, responses) : null;
  let overallMean: number | null = null;
  if (dimensions) {
    const answered = dimensions.reduce((n, d) => n + d.answered, 0);
    overallMean = answered > 0 ? dimensions.reduce((s, d) => s + (d.mean ?? 0) * d.answered, 0) / answered : null;
  }
  return {
    invited,
    submitted,
    responseRate: invited > 0 ? submitted / invited : null,
    threshold: MIN_GROUP_SIZE,
    visible,
    hiddenUntilClosed,
    dimensions,
    overallMean,
  };
}

export interface DepartmentGroup {
  departmentId: string;
  name: string;
  respondents: number;
  dimensions: DimensionResult[];
}

export interface DepartmentSpread {
  /** Departments with at least MIN_GROUP_SIZE submitted responses, by name. */
  groups: DepartmentGroup[];
  /**
   * Everyone else ("overige / te weinig"): departments with too few responses and respondents
   * without a department. Its means are given only when it has at least MIN_GROUP_SIZE responses.
   */
  other: { respondents: number; departments: number; dimensions: DimensionResult[] | null } | null;
}

/**
 * The per-department means. A department with fewer than MIN_GROUP_SIZE responses is grouped under
 * "overige". That group is never left with 1 or 2 responses while departments are shown: the
 * round's overall means minus the shown departments would give those few people's answers away,
 * so the smallest shown department joins it instead.
 */
export function departmentSpread(instrument: QuickscanInstrument, responses: SubmittedResponse[], departmentNames: ReadonlyMap<string, string>): DepartmentSpread {
  if (responses.length < MIN_GROUP_SIZE) return { groups: [], other: null };
  const byDepartment = new Map<string, SubmittedResponse[]>();
  const rest: SubmittedResponse[] = [];
  for (const response of responses) {
    const name = response.departmentId ? departmentNames.get(response.departmentId) : undefined;
    if (!response.departmentId || name === undefined) {
      rest.push(response);
      continue;
    }
    const list = byDepartment.get(response.departmentId) ?? [];
    list.push(response);
    byDepartment.set(response.departmentId, list);
  }
  const shown: { departmentId: string; name: string; responses: SubmittedResponse[] }[] = [];
  const restDepartments = new Set<string>();
  for (const [departmentId, list] of byDepartment) {
    if (list.length >= MIN_GROUP_SIZE) shown.push({ departmentId, name: departmentNames.get(departmentId)!, responses: list });
    else {
      rest.push(...list);
      restDepartments.add(departmentId);
    }
  }
  if (rest.length > 0 && rest.length < MIN_GROUP_SIZE && shown.length > 0) {
    shown.sort((a, b) => a.responses.length - b.responses.length || a.name.localeCompare(b.name, "nl"));
    const smallest = shown.shift()!;
    rest.push(...smallest.responses);
    restDepartments.add(smallest.departmentId);
  }
  shown.sort((a, b) => a.name.localeCompare(b.name, "nl"));
  return {
    groups: shown.map((g) => ({ departmentId: g.departmentId, name: g.name, respondents: g.responses.length, dimensions: dimensionMeans(instrument, g.responses) })),
    other:
      rest.length === 0
        ? null
        : { respondents: rest.length, departments: restDepartments.size, dimensions: rest.length >= MIN_GROUP_SIZE ? dimensionMeans(instrument, rest) : null },
  };
}

export interface DimensionComparison {
  key: string;
  name: string;
  current: number | null;
  previous: number | null;
  /** current − previous; null when either is missing. */
  delta: number | null;
}

/**
 * Compares two rounds' visible means per dimension (matched by key, in the current round's order;
 * a dimension only the previous round had is left out). Null when either round has no visible results.
 */
export function compareRounds(current: DimensionResult[] | null, previous: DimensionResult[] | null): DimensionComparison[] | null {
  if (!current || !previous) return null;
  const earlier = new Map(previous.map((d) => [d.key, d]));
  return current.map((d) => {
    const before = earlier.get(d.key)?.mean ?? null;
    return { key: d.key, name: d.name, current: d.mean, previous: before, delta: d.mean !== null && before !== null ? d.mean - before : null };
  });
}

/** The statements an answer set leaves open (an answer is 1–5 or "weet niet"). */
export function missingStatements(instrument: ScanInstrument, answers: AnswerValue[]): { dimensionKey: string; statementIndex: number }[] {
  const given = new Set(answers.map((a) => `${a.dimensionKey}-${a.statementIndex}`));
  const missing: { dimensionKey: string; statementIndex: number }[] = [];
  for (const d of instrument.dimensions) {
    for (let i = 0; i < d.statements.length; i++) if (!given.has(`${d.key}-${i}`)) missing.push({ dimensionKey: d.key, statementIndex: i });
  }
  return missing;
}
