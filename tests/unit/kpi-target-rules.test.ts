// The rule a year's target and thresholds must follow (target-rules.ts) and the strict form numbers.
import { describe, expect, it } from "vitest";
import { parseDecimal } from "../../app/modules/kpis/schema";
import { fitsTarget, targetProblems } from "../../app/modules/kpis/target-rules";

const E = (key: string) => `kpiDefinitions.errors.${key}`;

describe("targetProblems", () => {
  it("accepts a target inside the unit's range with thresholds in the right order", () => {
    expect(targetProblems("percent", "higher_is_better", { target: 75, greenFrom: 72, amberFrom: 65 })).toEqual({});
    expect(targetProblems("rate", "lower_is_better", { target: 4, greenFrom: 5, amberFrom: 8 })).toEqual({});
    expect(targetProblems("grade", "neutral", { target: 7, greenFrom: null, amberFrom: null })).toEqual({});
    expect(targetProblems("money", null, { target: -250, greenFrom: null, amberFrom: null })).toEqual({});
  });

  it("names each value outside the unit's range", () => {
    expect(targetProblems("percent", "higher_is_better", { target: 101, greenFrom: 100, amberFrom: -1 })).toEqual({
      target: [E("range.percent")],
      amberFrom: [E("range.percent")],
    });
    expect(targetProblems("grade", "higher_is_better", { target: 0.5, greenFrom: null, amberFrom: null })).toEqual({ target: [E("range.grade")] });
    expect(targetProblems("count", "lower_is_better", { target: -1, greenFrom: null, amberFrom: null })).toEqual({ target: [E("range.count")] });
  });

  it("refuses thresholds in the wrong order, one of two, on a neutral KPI or without a direction", () => {
    expect(targetProblems("percent", "higher_is_better", { target: 75, greenFrom: 60, amberFrom: 70 })).toEqual({ greenFrom: [E("wrongOrderHigher")] });
    expect(targetProblems("percent", "lower_is_better", { target: 5, greenFrom: 10, amberFrom: 8 })).toEqual({ greenFrom: [E("wrongOrderLower")] });
    expect(targetProblems("percent", "higher_is_better", { target: 75, greenFrom: null, amberFrom: 60 })).toEqual({ greenFrom: [E("thresholdsBoth")] });
    expect(targetProblems("percent", "neutral", { target: 75, greenFrom: 70, amberFrom: 60 })).toEqual({ greenFrom: [E("thresholdsOnNeutral")] });
    expect(targetProblems("percent", null, { target: 75, greenFrom: 70, amberFrom: 60 })).toEqual({ greenFrom: [E("directionFirst")] });
  });

  it("wants the target itself green", () => {
    expect(targetProblems("percent", "higher_is_better", { target: 65, greenFrom: 70, amberFrom: 60 })).toEqual({ target: [E("targetNotGreen")] });
    expect(targetProblems("count", "lower_is_better", { target: 9, greenFrom: 6, amberFrom: 9 })).toEqual({ target: [E("targetNotGreen")] });
    // On the green threshold is green.
    expect(fitsTarget("count", "lower_is_better", { target: 6, greenFrom: 6, amberFrom: 9 })).toBe(true);
  });
});

describe("parseDecimal", () => {
  it("reads a comma or a dot as the decimal separator and refuses everything else", () => {
    expect(parseDecimal("72,5")).toBe(72.5);
    expect(parseDecimal(" 72.5 ")).toBe(72.5);
    expect(parseDecimal("-3")).toBe(-3);
    expect(parseDecimal("1.234,5")).toBeNull();
    expect(parseDecimal("12abc")).toBeNull();
    expect(parseDecimal("")).toBeNull();
    expect(parseDecimal("1e3")).toBeNull();
  });
});
