import { describe, expect, it } from "vitest";

import { buildActivityChartData, describeBucket, formatActivityTick } from "./activity-chart-data";

const HOUR = 3_600_000;

describe("buildActivityChartData", () => {
  it("splits failed calls out", () => {
    const points = buildActivityChartData([{ start: "2026-11-17T02:00:00.000Z", events: 7, errors: 2, signals: 3 }]);
    expect(points).toEqual([
      { time: Date.parse("2026-11-17T02:00:00Z"), start: "2026-11-17T02:00:00.000Z", succeeded: 5, failed: 2, signals: 3 },
    ]);
  });
});

describe("activity chart labels", () => {
  it("shows the time for hourly buckets", () => {
    expect(formatActivityTick(Date.parse("2026-11-17T02:00:00Z"), HOUR)).toBe("02:00");
  });

  it("shows the date for daily buckets", () => {
    expect(formatActivityTick(Date.parse("2026-11-17T00:00:00Z"), 24 * HOUR)).toBe("2026-11-17");
  });

  it("describes an hourly bucket", () => {
    expect(describeBucket("2026-11-17T02:00:00.000Z", HOUR)).toBe("2026-11-17 02:00 – 03:00 UTC");
  });
});
