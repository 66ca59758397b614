import { describe, expect, it } from "vitest";

import { addCase, addRuleCase, emptyTally, precision, recall, sumTallies, type Tally } from "./tally-results";

describe("tally", () => {
  it("counts each outcome", () => {
    const tally = emptyTally();
    addCase(tally, true, true);
    addCase(tally, true, false);
    addCase(tally, false, true);
    addCase(tally, false, false);
    addCase(tally, false, false);
    expect(tally).toEqual({ truePositives: 1, falseNegatives: 1, falsePositives: 1, trueNegatives: 2 });
  });

  it("computes precision and recall", () => {
    const tally: Tally = { truePositives: 3, falsePositives: 1, falseNegatives: 2, trueNegatives: 9 };
    expect(precision(tally)).toBe(0.75);
    expect(recall(tally)).toBe(0.6);
  });

  it("leaves undefined ratios null", () => {
    expect(precision(emptyTally())).toBeNull();
    expect(recall(emptyTally())).toBeNull();
  });

  it("sums tallies per rule", () => {
    const tallies = new Map<string, Tally>();
    addRuleCase(tallies, "a", true, true);
    addRuleCase(tallies, "b", false, true);
    expect(sumTallies(tallies.values())).toEqual({ truePositives: 1, falsePositives: 1, falseNegatives: 0, trueNegatives: 0 });
  });
});
