import { describe, expect, it } from "vitest";

import { median, nearestRankPercentile } from "./percentile";

describe("nearestRankPercentile", () => {
  it("returns an observed value", () => {
    expect(nearestRankPercentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90)).toBe(90);
    expect(nearestRankPercentile([15, 20, 35, 40, 50], 90)).toBe(50);
  });

  it("handles one and none", () => {
    expect(nearestRankPercentile([7], 90)).toBe(7);
    expect(nearestRankPercentile([], 90)).toBeNull();
  });
});

describe("median", () => {
  it("averages the middle pair", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeNull();
  });
});
