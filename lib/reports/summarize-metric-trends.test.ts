import { describe, expect, it } from "vitest";

import { measureResponseTimes, type IncidentMetrics } from "./incident-metrics";
import { summarizeMetricTrends } from "./summarize-metric-trends";

function incident(number: number, severity: string, alert: string, containSeconds: number | null): IncidentMetrics {
  const alertAt = new Date(alert);
  return {
    incidentId: `id-${number}`,
    number,
    title: `incident ${number}`,
    severity,
    status: "contained",
    firstMalicious: null,
    firstAlertAt: alert,
    escalatedAt: null,
    containedAt: null,
    resolvedAt: null,
    ...measureResponseTimes({
      firstMaliciousAt: new Date(alertAt.getTime() - 30_000),
      firstAlertAt: alertAt,
      escalatedAt: null,
      containedAt: containSeconds === null ? null : new Date(alertAt.getTime() + containSeconds * 1000),
      resolvedAt: null,
    }),
  };
}

describe("summarizeMetricTrends", () => {
  const incidents = [
    incident(1, "high", "2026-10-03T10:00:00Z", 600),
    incident(2, "critical", "2026-11-17T02:14:40Z", 795),
    incident(3, "high", "2026-11-20T08:00:00Z", 1200),
    incident(4, "high", "2026-11-21T08:00:00Z", null),
  ];
  const trends = summarizeMetricTrends(incidents);

  it("groups by month", () => {
    expect(trends.byMonth.map((group) => [group.key, group.incidents])).toEqual([
      ["2026-10", 1],
      ["2026-11", 3],
    ]);
    expect(trends.byMonth[1]?.metrics.timeToContain).toEqual({ count: 2, median: 997.5, p90: 1200 });
  });

  it("orders severities", () => {
    expect(trends.bySeverity.map((group) => group.key)).toEqual(["critical", "high"]);
    expect(trends.bySeverity[1]?.metrics.timeToContain).toEqual({ count: 2, median: 900, p90: 1200 });
    expect(trends.bySeverity[1]?.metrics.timeToDetect).toEqual({ count: 3, median: 30, p90: 30 });
  });

  it("handles no incidents", () => {
    const empty = summarizeMetricTrends([]);
    expect(empty.byMonth).toEqual([]);
    expect(empty.overall.metrics.timeToDetect).toEqual({ count: 0, median: null, p90: null });
  });
});
