import { describe, expect, it } from "vitest";

import { resolveRange } from "./metrics-range";

const now = new Date("2026-12-04T12:00:00Z");

describe("resolveRange", () => {
  it("ends at the latest record", () => {
    const range = resolveRange({ range: "7d", earliest: null, latest: new Date("2026-11-20T23:41:18Z"), now });
    expect(range).toEqual({ range: "7d", start: "2026-11-14T00:00:00.000Z", end: "2026-11-21T00:00:00.000Z", bucket: "hour" });
  });

  it("uses days beyond two weeks", () => {
    const range = resolveRange({ range: "30d", earliest: null, latest: null, now });
    expect(range.bucket).toBe("day");
    expect(range.end).toBe("2026-12-04T13:00:00.000Z");
  });

  it("spans all data", () => {
    const range = resolveRange({
      range: "all",
      earliest: new Date("2024-01-01T05:30:00Z"),
      latest: new Date("2026-11-20T23:00:00Z"),
      now,
    });
    expect(range.start).toBe("2024-01-01T05:00:00.000Z");
    expect(range.bucket).toBe("month");
  });
});
