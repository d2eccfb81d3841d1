import { describe, expect, it } from "vitest";
import {
  aggregateRound,
  compareRounds,
  departmentSpread,
  dimensionMeans,
  MIN_GROUP_SIZE,
  missingStatements,
  type AnswerValue,
  type SubmittedResponse,
} from "../../app/modules/strategy/quickscan/aggregate";
import { phaseFor, phasesOf, referenceInstrument, statementCount, type QuickscanInstrument } from "../../app/modules/strategy/quickscan/instrument";

/** A small instrument: two dimensions of two statements, the reference phases. */
const instrument: QuickscanInstrument = {
  scale: { min: 1, max: 5 },
  dimensions: [
    { key: "a", name: "Dimensie A", statements: ["A1", "A2"] },
    { key: "b", name: "Dimensie B", statements: ["B1", "B2"] },
  ],
  phases: referenceInstrument().phases!,
};

function response(values: { a: (number | null)[]; b: (number | null)[] }, departmentId: string | null = null): SubmittedResponse {
  const answers: AnswerValue[] = [];
  for (const key of ["a", "b"] as const) values[key].forEach((value, statementIndex) => answers.push({ dimensionKey: key, statementIndex, value }));
  return { departmentId, answers };
}

describe("the reference instrument", () => {
  it("has 7 dimensions of 4 statements, a 1–5 scale with labels and 4 phases", () => {
    const reference = referenceInstrument();
    expect(reference.dimensions).toHaveLength(7);
    expect(reference.dimensions.every((d) => d.statements.length === 4)).toBe(true);
    expect(statementCount(reference)).toBe(28);
    expect(reference.scale).toEqual({ min: 1, max: 5 });
    expect(reference.scaleLabels?.["1"]).toBe("Helemaal niet van toepassing");
    expect(reference.dontKnowLabel).toBe("Weet niet");
    expect(phasesOf(reference).map((p) => p.from)).toEqual([1, 2, 3, 4]);
  });

  it("maps a mean to its development phase at the boundaries", () => {
    const phases = phasesOf(referenceInstrument());
    expect(phaseFor(1, phases)?.name).toBe("Agendering en coalitievorming");
    expect(phaseFor(1.99, phases)?.name).toBe("Agendering en coalitievorming");
    expect(phaseFor(1.995, phases)?.name).toBe("Agendering en coalitievorming");
    expect(phaseFor(2, phases)?.name).toBe("Experimenteren");
    expect(phaseFor(3.5, phases)?.name).toBe("Verbreden door leren");
    expect(phaseFor(4, phases)?.name).toBe("Verankering in de organisatie");
    expect(phaseFor(5, phases)?.name).toBe("Verankering in de organisatie");
  });

  it("falls back to the reference phases for a snapshot without them", () => {
    const { phases: _phases, ...withoutPhases } = instrument;
    expect(dimensionMeans(withoutPhases, [response({ a: [3, 3], b: [1, 1] })]).map((d) => d.phase)).toEqual(["Verbreden door leren", "Agendering en coalitievorming"]);
  });
});

describe("dimension means", () => {
  it("averages the answered statements and leaves 'weet niet' out", () => {
    const results = dimensionMeans(instrument, [response({ a: [4, null], b: [2, 3] }), response({ a: [5, 3], b: [null, null] })]);
    // A: 4, 5, 3 → 4; one "weet niet". B: 2, 3 → 2.5; two "weet niet".
    expect(results).toEqual([
      { key: "a", name: "Dimensie A", mean: 4, answered: 3, dontKnow: 1, phase: "Verankering in de organisatie" },
      { key: "b", name: "Dimensie B", mean: 2.5, answered: 2, dontKnow: 2, phase: "Experimenteren" },
    ]);
  });

  it("has no mean for a dimension answered only with 'weet niet'", () => {
    const [, b] = dimensionMeans(instrument, [response({ a: [1, 2], b: [null, null] })]);
    expect(b).toMatchObject({ mean: null, answered: 0, dontKnow: 2, phase: null });
  });

  it("ignores answers to statements the instrument does not have, and values off the scale", () => {
    const stray: SubmittedResponse = {
      departmentId: null,
      answers: [
        { dimensionKey: "a", statementIndex: 0, value: 2 },
        { dimensionKey: "a", statementIndex: 7, value: 5 },
        { dimensionKey: "zz", statementIndex: 0, value: 5 },
        { dimensionKey: "a", statementIndex: 1, value: 9 },
      ],
    };
    expect(dimensionMeans(instrument, [stray])[0]).toMatchObject({ mean: 2, answered: 1 });
  });
});

describe("the aggregation threshold", () => {
  it("gives no means below three submitted responses, and the response rate always", () => {
    const two = aggregateRound(instrument, [response({ a: [5, 5], b: [5, 5] }), response({ a: [1, 1], b: [1, 1] })], 4);
    expect(MIN_GROUP_SIZE).toBe(3);
    expect(two).toMatchObject({ invited: 4, submitted: 2, responseRate: 0.5, threshold: 3, visible: false, dimensions: null, overallMean: null });

    const three = aggregateRound(instrument, [response({ a: [5, 5], b: [5, 5] }), response({ a: [1, 1], b: [1, 1] }), response({ a: [3, 3], b: [3, null] })], 4);
    expect(three).toMatchObject({ submitted: 3, responseRate: 0.75, visible: true });
    expect(three.dimensions?.map((d) => d.mean)).toEqual([3, 3]);
    // Overall: 11 answered values summing to 33.
    expect(three.overallMean).toBe(3);
  });

  it("has no response rate when nobody is invited", () => {
    expect(aggregateRound(instrument, [], 0)).toMatchObject({ responseRate: null, visible: false });
  });
});

describe("the spread between departments", () => {
  const names = new Map([
    ["fin", "Financiën"],
    ["soc", "Sociaal domein"],
    ["bz", "Burgerzaken"],
  ]);

  it("shows departments with three or more responses and groups the rest as 'overige'", () => {
    const responses = [
      ...[4, 4, 4].map((v) => response({ a: [v, v], b: [v, v] }, "fin")),
      ...[2, 2, 2, 2].map((v) => response({ a: [v, v], b: [v, v] }, "soc")),
      response({ a: [1, 1], b: [1, 1] }, "bz"),
      response({ a: [5, 5], b: [5, 5] }, null),
      response({ a: [3, 3], b: [3, 3] }, "bz"),
    ];
    const spread = departmentSpread(instrument, responses, names);
    expect(spread.groups.map((g) => [g.name, g.respondents, g.dimensions.map((d) => d.mean)])).toEqual([
      ["Financiën", 3, [4, 4]],
      ["Sociaal domein", 4, [2, 2]],
    ]);
    // Burgerzaken (2) and the one without a department: three together, so their mean is shown.
    expect(spread.other).toMatchObject({ respondents: 3, departments: 1 });
    expect(spread.other?.dimensions?.map((d) => d.mean)).toEqual([3, 3]);
  });

  it("never leaves one or two responses apart: the smallest shown department joins them", () => {
    const responses = [
      ...[4, 4, 4].map((v) => response({ a: [v, v], b: [v, v] }, "fin")),
      ...[2, 2, 2, 2].map((v) => response({ a: [v, v], b: [v, v] }, "soc")),
      response({ a: [1, 1], b: [1, 1] }, "bz"),
    ];
    const spread = departmentSpread(instrument, responses, names);
    expect(spread.groups.map((g) => g.name)).toEqual(["Sociaal domein"]);
    expect(spread.other).toMatchObject({ respondents: 4, departments: 2 });
    expect(spread.other?.dimensions?.map((d) => d.mean)).toEqual([3.25, 3.25]);
  });

  it("shows nothing per department below three responses in all, and treats unknown departments as none", () => {
    expect(departmentSpread(instrument, [response({ a: [1, 1], b: [1, 1] }, "fin"), response({ a: [1, 1], b: [1, 1] }, "fin")], names)).toEqual({ groups: [], other: null });
    const spread = departmentSpread(instrument, [1, 2, 3].map((v) => response({ a: [v, v], b: [v, v] }, "gone")), names);
    expect(spread.groups).toEqual([]);
    expect(spread.other).toMatchObject({ respondents: 3, departments: 0 });
  });

  it("reports 'te weinig' for a small rest when no department is shown", () => {
    const spread = departmentSpread(instrument, [response({ a: [1, 1], b: [1, 1] }, "fin"), response({ a: [2, 2], b: [2, 2] }, "soc"), response({ a: [3, 3], b: [3, 3] }, "bz")], names);
    expect(spread.groups).toEqual([]);
    expect(spread.other).toMatchObject({ respondents: 3, departments: 3 });
  });
});

describe("comparison with the previous round", () => {
  it("gives the change per dimension, matched by key", () => {
    const current = dimensionMeans(instrument, [response({ a: [4, 4], b: [2, 3] })]);
    const previous = dimensionMeans(instrument, [response({ a: [3, 2], b: [null, null] })]);
    expect(compareRounds(current, previous)).toEqual([
      { key: "a", name: "Dimensie A", current: 4, previous: 2.5, delta: 1.5 },
      { key: "b", name: "Dimensie B", current: 2.5, previous: null, delta: null },
    ]);
  });

  it("leaves out what the rounds do not share, and is null when either round has no results", () => {
    const current = dimensionMeans(instrument, [response({ a: [4, 4], b: [2, 2] })]);
    const other: QuickscanInstrument = { scale: { min: 1, max: 5 }, dimensions: [{ key: "b", name: "Dimensie B", statements: ["B1"] }, { key: "c", name: "C", statements: ["C1"] }] };
    const previous = dimensionMeans(other, [{ departmentId: null, answers: [{ dimensionKey: "b", statementIndex: 0, value: 3 }, { dimensionKey: "c", statementIndex: 0, value: 3 }] }]);
    expect(compareRounds(current, previous)).toEqual([
      { key: "a", name: "Dimensie A", current: 4, previous: null, delta: null },
      { key: "b", name: "Dimensie B", current: 2, previous: 3, delta: -1 },
    ]);
    expect(compareRounds(current, null)).toBeNull();
    expect(compareRounds(null, current)).toBeNull();
  });
});

describe("missing statements", () => {
  it("lists every statement without an answer; 'weet niet' counts as answered", () => {
    expect(missingStatements(instrument, [{ dimensionKey: "a", statementIndex: 0, value: null }, { dimensionKey: "b", statementIndex: 1, value: 5 }])).toEqual([
      { dimensionKey: "a", statementIndex: 1 },
      { dimensionKey: "b", statementIndex: 0 },
    ]);
    expect(missingStatements(instrument, response({ a: [1, null], b: [null, 2] }).answers)).toEqual([]);
  });
});
