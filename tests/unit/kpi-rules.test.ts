import { describe, expect, it } from "vitest";
import { trafficLight, thresholdProblem } from "../../app/modules/kpis/traffic-light";
import { guessUnitKind, inUnitRange } from "../../app/modules/kpis/units";
import { missingParts } from "../../app/modules/kpis/completeness";
import { hasBegun, parsePeriod, periodOf, periodOrdinal, shiftPeriod } from "../../app/modules/kpis/periods";

describe("trafficLight", () => {
  const t = { greenFrom: 80, amberFrom: 70 };
  it("higher is better: green at or above green, amber at or above amber, red below", () => {
    expect(trafficLight("higher_is_better", t, 80)).toBe("green");
    expect(trafficLight("higher_is_better", t, 95)).toBe("green");
    expect(trafficLight("higher_is_better", t, 79.9)).toBe("amber");
    expect(trafficLight("higher_is_better", t, 70)).toBe("amber");
    expect(trafficLight("higher_is_better", t, 69.99)).toBe("red");
  });
  it("lower is better: the mirror image", () => {
    const low = { greenFrom: 5, amberFrom: 8 };
    expect(trafficLight("lower_is_better", low, 5)).toBe("green");
    expect(trafficLight("lower_is_better", low, 0)).toBe("green");
    expect(trafficLight("lower_is_better", low, 8)).toBe("amber");
    expect(trafficLight("lower_is_better", low, 8.1)).toBe("red");
  });
  it("has no colour without a value, thresholds or a direction, or for a neutral KPI", () => {
    expect(trafficLight("higher_is_better", t, null)).toBeNull();
    expect(trafficLight("higher_is_better", null, 90)).toBeNull();
    expect(trafficLight("higher_is_better", { greenFrom: 80, amberFrom: null }, 90)).toBeNull();
    expect(trafficLight("neutral", t, 90)).toBeNull();
    expect(trafficLight(null, t, 90)).toBeNull();
  });
});

describe("thresholdProblem", () => {
  it("accepts thresholds in the order of the direction, or none", () => {
    expect(thresholdProblem("higher_is_better", { greenFrom: 80, amberFrom: 70 })).toBeNull();
    expect(thresholdProblem("higher_is_better", { greenFrom: 80, amberFrom: 80 })).toBeNull();
    expect(thresholdProblem("lower_is_better", { greenFrom: 5, amberFrom: 8 })).toBeNull();
    expect(thresholdProblem("neutral", { greenFrom: null, amberFrom: null })).toBeNull();
  });
  it("names what is wrong", () => {
    expect(thresholdProblem("higher_is_better", { greenFrom: 70, amberFrom: 80 })).toBe("wrongOrderHigher");
    expect(thresholdProblem("lower_is_better", { greenFrom: 8, amberFrom: 5 })).toBe("wrongOrderLower");
    expect(thresholdProblem("higher_is_better", { greenFrom: 70, amberFrom: null })).toBe("bothOrNeither");
    expect(thresholdProblem("neutral", { greenFrom: 1, amberFrom: 2 })).toBe("neutralHasThresholds");
  });
});

describe("unit kinds", () => {
  it("guesses the kind from the library's unit text", () => {
    expect(guessUnitKind("% inwoners dat wekelijks sport")).toBe("percent");
    expect(guessUnitKind("Kosten als % van totale loonsom + totale kosten inhuur externen")).toBe("percent");
    expect(guessUnitKind("% verschil realisatie t.o.v. begroting")).toBe("other");
    expect(guessUnitKind("Rapportcijfer 1-10")).toBe("grade");
    expect(guessUnitKind("Kosten (EUR) per inwoner")).toBe("money");
    expect(guessUnitKind("Duizend euro")).toBe("money");
    expect(guessUnitKind("Aantal per 1.000 inwoners")).toBe("rate");
    expect(guessUnitKind("Index verwacht/gemeten BGP")).toBe("other");
    expect(guessUnitKind("Aantal lopende trajecten")).toBe("count");
  });
  it("checks the unit's range", () => {
    expect(inUnitRange("percent", 100)).toBe(true);
    expect(inUnitRange("percent", 100.1)).toBe(false);
    expect(inUnitRange("percent", -1)).toBe(false);
    expect(inUnitRange("grade", 0.5)).toBe(false);
    expect(inUnitRange("count", -3)).toBe(false);
    expect(inUnitRange("money", -3)).toBe(true);
    expect(inUnitRange("other", Number.NaN)).toBe(false);
  });
});

describe("periods", () => {
  it("reads labels that fit the frequency and refuses others", () => {
    expect(parsePeriod("month", "2026-03")).toMatchObject({ label: "2026-03", start: "2026-03-01", year: 2026, index: 3 });
    expect(parsePeriod("quarter", "2026-q2")).toMatchObject({ label: "2026-Q2", start: "2026-04-01" });
    expect(parsePeriod("year", "2025")).toMatchObject({ label: "2025", start: "2025-01-01" });
    expect(parsePeriod("quarter", "2026-03")).toBeNull();
    expect(parsePeriod("month", "2026-13")).toBeNull();
    expect(parsePeriod("month", "2026-Q1")).toBeNull();
    expect(parsePeriod("year", "2026-01")).toBeNull();
  });
  it("finds, shifts and orders periods", () => {
    expect(periodOf("quarter", new Date("2026-11-23T10:00:00Z")).label).toBe("2026-Q4");
    expect(shiftPeriod(parsePeriod("month", "2026-11")!, 3).label).toBe("2027-02");
    expect(shiftPeriod(parsePeriod("quarter", "2026-Q1")!, -1).label).toBe("2025-Q4");
    expect(periodOrdinal(parsePeriod("month", "2027-01")!) - periodOrdinal(parsePeriod("month", "2026-12")!)).toBe(1);
    expect(hasBegun(parsePeriod("month", "2026-11")!, new Date("2026-11-23T00:00:00Z"))).toBe(true);
    expect(hasBegun(parsePeriod("month", "2026-12")!, new Date("2026-11-23T00:00:00Z"))).toBe(false);
  });
});

describe("missingParts", () => {
  const complete = {
    definition: "Aandeel inwoners dat zich veilig voelt",
    formula: "veilig / respondenten × 100",
    unit: "%",
    direction: "higher_is_better" as const,
    frequency: "year" as const,
    ownerUserId: "u1",
    dataNeeded: "Veiligheidsmonitor",
    sourceDepartmentId: null,
    sourceExternalSourceId: "s1",
    target: { greenFrom: 80, amberFrom: 70 },
    successFactorCount: 1,
  };
  it("finds nothing missing in a full definition", () => {
    expect(missingParts(complete)).toEqual([]);
  });
  it("lists every gap in form order", () => {
    expect(missingParts({ ...complete, definition: "  ", ownerUserId: null, sourceExternalSourceId: null, successFactorCount: 0 })).toEqual([
      "definition",
      "owner",
      "source",
      "successFactor",
    ]);
    expect(missingParts({ ...complete, target: null })).toEqual(["target"]);
    expect(missingParts({ ...complete, target: { greenFrom: null, amberFrom: null } })).toEqual(["thresholds"]);
  });
  it("asks no thresholds of a neutral KPI", () => {
    expect(missingParts({ ...complete, direction: "neutral", target: { greenFrom: null, amberFrom: null } })).toEqual([]);
  });
});
