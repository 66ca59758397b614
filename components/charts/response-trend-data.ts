import type { MetricGroup } from "@/lib/reports/summarize-metric-trends";

import type { ChartData, ChartRow } from "./chart-data";

const SERIES = [
  { key: "detectMedian", label: "Time to detect, median", color: "#b083f0", metric: "timeToDetect", stat: "median" },
  { key: "detectP90", label: "Time to detect, p90", color: "#7d5bb5", metric: "timeToDetect", stat: "p90" },
  { key: "containMedian", label: "Time to contain, median", color: "#3fb950", metric: "timeToContain", stat: "median" },
  { key: "containP90", label: "Time to contain, p90", color: "#2a7d37", metric: "timeToContain", stat: "p90" },
] as const;

/**
 * Detection and containment times per month, in minutes, median and 90th
 * percentile. A month where no incident reached a point has null there.
 */
export function buildResponseTrend(byMonth: MetricGroup[]): ChartData {
  return {
    series: SERIES.map(({ key, label, color }) => ({ key, label, color })),
    rows: byMonth.map((group) => {
      const row: ChartRow = { x: group.key, label: group.key };
      for (const series of SERIES) {
        const seconds = group.metrics[series.metric][series.stat];
        row[series.key] = seconds === null ? null : Math.round((seconds / 60) * 10) / 10;
      }
      return row;
    }),
  };
}
