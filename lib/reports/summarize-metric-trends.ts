import { METRIC_NAMES, type IncidentMetrics, type MetricName } from "./incident-metrics";
import { median, nearestRankPercentile } from "./percentile";

/** Median and 90th percentile of one response time over a group of incidents, in seconds. */
export interface MetricStatistics {
  /** Incidents of the group that reached this point. */
  count: number;
  median: number | null;
  p90: number | null;
}

export interface MetricGroup {
  /** `2026-11` for a month, the severity name for a severity. */
  key: string;
  incidents: number;
  metrics: Record<MetricName, MetricStatistics>;
}

export interface MetricTrends {
  /** One group per UTC month of the first alert, oldest first; months without incidents are left out. */
  byMonth: MetricGroup[];
  /** One group per severity, most severe first. */
  bySeverity: MetricGroup[];
  overall: MetricGroup;
}

const SEVERITY_ORDER = ["critical", "high", "medium", "low", "info"];

/** Summarises incident response times per month of the first alert and per severity. */
export function summarizeMetricTrends(incidents: readonly IncidentMetrics[]): MetricTrends {
  const alerted = incidents.filter((incident) => incident.firstAlertAt !== null);
  const byMonth = groupBy(alerted, (incident) => (incident.firstAlertAt ?? "").slice(0, 7));
  const bySeverity = groupBy(incidents, (incident) => incident.severity.toLowerCase());
  return {
    byMonth: [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, group]) => summarize(key, group)),
    bySeverity: [...bySeverity.entries()]
      .sort(([a], [b]) => severityRank(a) - severityRank(b) || a.localeCompare(b))
      .map(([key, group]) => summarize(key, group)),
    overall: summarize("all", incidents),
  };
}

function summarize(key: string, group: readonly IncidentMetrics[]): MetricGroup {
  const metrics = Object.fromEntries(
    METRIC_NAMES.map((name) => {
      const values = group.flatMap((incident) => {
        const { seconds } = incident[name];
        return seconds === null ? [] : [seconds];
      });
      return [name, { count: values.length, median: median(values), p90: nearestRankPercentile(values, 90) }];
    }),
  ) as Record<MetricName, MetricStatistics>;
  return { key, incidents: group.length, metrics };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

function severityRank(severity: string): number {
  const rank = SEVERITY_ORDER.indexOf(severity);
  return rank === -1 ? SEVERITY_ORDER.length : rank;
}
