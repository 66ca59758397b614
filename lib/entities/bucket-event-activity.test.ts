import { describe, expect, it } from "vitest";

import { chooseBucketMs, fillActivityBuckets, MAX_BUCKETS } from "./bucket-event-activity";

const HOUR = 3_600_000;

describe("chooseBucketMs", () => {
  it("uses minutes for a short burst", () => {
    expect(chooseBucketMs(new Date("2026-11-17T02:00:00Z"), new Date("2026-11-17T02:30:00Z"))).toBe(60_000);
  });

  it("uses hours for a few days", () => {
    expect(chooseBucketMs(new Date("2026-11-10T00:00:00Z"), new Date("2026-11-14T00:00:00Z"))).toBe(HOUR);
  });

  it("uses six hours for ten days", () => {
    expect(chooseBucketMs(new Date("2026-11-10T00:00:00Z"), new Date("2026-11-20T00:00:00Z"))).toBe(6 * HOUR);
  });

  it("keeps a year under the cap", () => {
    const size = chooseBucketMs(new Date("2025-01-01T00:00:00Z"), new Date("2026-01-01T00:00:00Z"));
    expect((365 * 24 * HOUR) / size).toBeLessThan(MAX_BUCKETS);
  });
});

describe("fillActivityBuckets", () => {
  it("fills quiet buckets with zero", () => {
    const buckets = fillActivityBuckets({
      from: new Date("2026-11-17T00:10:00Z"),
      to: new Date("2026-11-17T03:05:00Z"),
      bucketMs: HOUR,
      counts: [{ start: new Date("2026-11-17T02:00:00Z"), events: 5, errors: 1, signals: 2 }],
    });
    expect(buckets).toEqual([
      { start: "2026-11-17T00:00:00.000Z", events: 0, errors: 0, signals: 0 },
      { start: "2026-11-17T01:00:00.000Z", events: 0, errors: 0, signals: 0 },
      { start: "2026-11-17T02:00:00.000Z", events: 5, errors: 1, signals: 2 },
      { start: "2026-11-17T03:00:00.000Z", events: 0, errors: 0, signals: 0 },
    ]);
  });
});
