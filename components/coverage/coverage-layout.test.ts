import { describe, expect, it } from "vitest";

import type { CoverageCell, CoverageRow } from "@/lib/ingest/coverage/coverage-grid";

import { countStates, dataIntensity, describeCell, groupByDay } from "./coverage-layout";

function cell(hour: string, overrides: Partial<CoverageCell> = {}): CoverageCell {
  return { hour, state: "data", records: 1, missingFiles: 0, alteredFiles: 0, rejected: 0, nodata: 0, skipdata: 0, ...overrides };
}

const row: CoverageRow = {
  source: "cloudtrail",
  accountId: "111122223333",
  region: "us-east-1",
  cells: [
    cell("2024-03-05T22:00:00.000Z"),
    cell("2024-03-05T23:00:00.000Z", { state: "missing", records: 0, missingFiles: 2 }),
    cell("2024-03-06T00:00:00.000Z", { state: "no-data", records: 0 }),
  ],
};

describe("groupByDay", () => {
  it("places cells at their UTC hour", () => {
    const days = groupByDay(row);
    expect(days.map((day) => day.day)).toEqual(["2024-03-05", "2024-03-06"]);
    expect(days[0].hours.filter(Boolean).map((c) => c?.hour.slice(11, 13))).toEqual(["22", "23"]);
    expect(days[0].hours[0]).toBeNull();
    expect(days[1].hours[0]?.state).toBe("no-data");
  });
});

describe("describeCell", () => {
  it("names the hour, state and counts", () => {
    expect(describeCell(row.cells[1])).toBe("2024-03-05 23:00 UTC · log file missing (digest) · 2 log files missing");
  });
});

describe("dataIntensity", () => {
  it("rises with the count", () => {
    expect(dataIntensity(0, 100)).toBe(0);
    expect(dataIntensity(100, 100)).toBe(1);
    expect(dataIntensity(1, 100)).toBeGreaterThan(0.35);
    expect(dataIntensity(1, 100)).toBeLessThan(dataIntensity(10, 100));
  });
});

describe("countStates", () => {
  it("counts cells by state", () => {
    expect(countStates(row)).toEqual({ data: 1, missing: 1, "no-data": 1 });
  });
});
