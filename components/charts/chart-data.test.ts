import { describe, expect, it } from "vitest";

import { buildEventsPerSource, buildIncidentsOverTime, buildSignalsByPhase } from "./chart-data";
import { buildResponseTrend } from "./response-trend-data";
import { listBuckets } from "./time-buckets";

describe("listBuckets", () => {
  it("lists hours", () => {
    expect(listBuckets("2026-11-17T02:30:00Z", "2026-11-17T05:00:00Z", "hour").map((time) => new Date(time).toISOString())).toEqual([
      "2026-11-17T02:00:00.000Z",
      "2026-11-17T03:00:00.000Z",
      "2026-11-17T04:00:00.000Z",
    ]);
  });

  it("lists months", () => {
    expect(listBuckets("2026-11-20T00:00:00Z", "2027-02-01T00:00:00Z", "month").length).toBe(3);
  });
});

describe("buildEventsPerSource", () => {
  const data = buildEventsPerSource({
    rows: [
      { source: "cloudtrail", bucket: "2026-11-17T02:00:00.000Z", count: 5 },
      { source: "cloudtrail", bucket: "2026-11-17T04:00:00.000Z", count: 2 },
      { source: "vpcflow", bucket: "2026-11-17T03:00:00.000Z", count: 7 },
    ],
    sources: ["cloudtrail", "guardduty", "vpcflow"],
    start: "2026-11-17T02:00:00Z",
    end: "2026-11-17T05:00:00Z",
    bucket: "hour",
  });

  it("leaves gaps as null", () => {
    expect(data.rows.map((row) => row.cloudtrail)).toEqual([5, null, 2]);
    expect(data.rows.map((row) => row.vpcflow)).toEqual([null, 7, null]);
  });

  it("keeps silent sources", () => {
    expect(data.series.map((series) => series.label)).toEqual(["CloudTrail", "GuardDuty", "VPC Flow Logs"]);
    expect(data.rows.map((row) => row.guardduty)).toEqual([null, null, null]);
  });

  it("labels buckets in UTC", () => {
    expect(data.rows.map((row) => row.label)).toEqual(["11-17 02:00", "11-17 03:00", "11-17 04:00"]);
  });
});

describe("buildSignalsByPhase", () => {
  it("orders phases and severities", () => {
    const data = buildSignalsByPhase([
      { phase: "containment", severity: "low", count: 3 },
      { phase: "privilege_escalation", severity: "medium", count: 1 },
      { phase: "privilege_escalation", severity: "high", count: 1 },
      { phase: "detection", severity: "medium", count: 1 },
    ]);
    expect(data.rows.map((row) => row.x)).toEqual(["detection", "privilege_escalation", "containment"]);
    expect(data.series.map((series) => series.key)).toEqual(["high", "medium", "low"]);
    expect(data.rows[1]).toMatchObject({ label: "privilege escalation", high: 1, medium: 1, low: 0 });
  });
});

describe("buildIncidentsOverTime", () => {
  it("fills days with zero", () => {
    const data = buildIncidentsOverTime({
      rows: [{ bucket: "2026-11-17T00:00:00.000Z", severity: "critical", count: 1 }],
      start: "2026-11-16T00:00:00Z",
      end: "2026-11-19T00:00:00Z",
      bucket: "day",
    });
    expect(data.rows.map((row) => [row.label, row.critical])).toEqual([
      ["2026-11-16", 0],
      ["2026-11-17", 1],
      ["2026-11-18", 0],
    ]);
  });
});

describe("buildResponseTrend", () => {
  it("converts to minutes", () => {
    const stats = (median: number | null) => ({ count: median === null ? 0 : 1, median, p90: median });
    const data = buildResponseTrend([
      {
        key: "2026-11",
        incidents: 1,
        metrics: { timeToDetect: stats(35), timeToEscalate: stats(null), timeToContain: stats(795), timeToResolve: stats(null) },
      },
    ]);
    expect(data.rows).toEqual([{ x: "2026-11", label: "2026-11", detectMedian: 0.6, detectP90: 0.6, containMedian: 13.3, containP90: 13.3 }]);
  });
});
