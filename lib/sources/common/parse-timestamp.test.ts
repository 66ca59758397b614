import { describe, expect, it } from "vitest";

import { parseTimestamp } from "./parse-timestamp";

const iso = (value: unknown) => {
  const result = parseTimestamp(value);
  return result.ok ? (result.date?.toISOString() ?? null) : `error: ${result.reason}`;
};

describe("parseTimestamp", () => {
  it.each([
    ["2024-06-11T07:00:00Z", "2024-06-11T07:00:00.000Z"],
    ["2024-06-11T07:00:00.123Z", "2024-06-11T07:00:00.123Z"],
    ["2025-02-25 20:40:06.721", "2025-02-25T20:40:06.721Z"],
    ["2025-02-25 20:40:06.000000000", "2025-02-25T20:40:06.000Z"],
    ["2019-09-30 23:02:00+00:00", "2019-09-30T23:02:00.000Z"],
    ["2024-06-11T09:00:00+02:00", "2024-06-11T07:00:00.000Z"],
    ["2024-06-11", "2024-06-11T00:00:00.000Z"],
    [1700000000, "2023-11-14T22:13:20.000Z"],
    [1700000000123, "2023-11-14T22:13:20.123Z"],
  ])("%s → %s", (value, expected) => {
    expect(iso(value)).toBe(expected);
  });

  it("gives null for absent values and a reason for unreadable ones", () => {
    expect(iso(undefined)).toBeNull();
    expect(iso("")).toBeNull();
    expect(iso("2024-02-30T00:00:00Z")).toBe(
      "error: impossible date or time in '2024-02-30T00:00:00Z'",
    );
    expect(iso("2024-13-01T00:00:00Z")).toBe(
      "error: impossible date or time in '2024-13-01T00:00:00Z'",
    );
    expect(iso("last tuesday")).toBe("error: unreadable timestamp 'last tuesday'");
    expect(iso(true)).toBe("error: expected a timestamp, got boolean");
  });
});
