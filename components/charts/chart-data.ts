import { PHASE_ORDER, SEVERITY_ORDER, phaseColor, phaseLabel, severityColor } from "@/components/theme/palette";

import { bucketLabel, listBuckets, type TimeBucket } from "./time-buckets";

/** One line, bar stack or bar of a chart. */
export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

/** A row of chart data: the x value and one number (or null for a gap) per series key. */
export type ChartRow = { x: string | number; label: string } & Record<string, number | string | null>;

export interface ChartData {
  series: ChartSeries[];
  rows: ChartRow[];
}

const SOURCE_COLORS: Record<string, string> = {
  cloudtrail: "#4ea1ff",
  guardduty: "#ff8a3d",
  vpcflow: "#3fb950",
  accessAdvisor: "#b083f0",
};

const SOURCE_LABELS: Record<string, string> = {
  cloudtrail: "CloudTrail",
  guardduty: "GuardDuty",
  vpcflow: "VPC Flow Logs",
  accessAdvisor: "Access Advisor",
};

export function sourceSeries(source: string): ChartSeries {
  return { key: source, label: SOURCE_LABELS[source] ?? source, color: SOURCE_COLORS[source] ?? "#8593a3" };
}

/**
 * Events per source and time bucket. A bucket inside the range where a source
 * has no event is null, so its line breaks there: a gap in the logs shows as
 * a gap, not as a drop to zero.
 */
export function buildEventsPerSource(input: {
  rows: Array<{ source: string; bucket: string; count: number }>;
  sources: string[];
  start: string;
  end: string;
  bucket: TimeBucket;
}): ChartData {
  const counts = new Map(input.rows.map((row) => [`${row.source}\u0000${Date.parse(row.bucket)}`, row.count]));
  const sources = [...new Set([...input.sources, ...input.rows.map((row) => row.source)])].sort();
  const rows = listBuckets(input.start, input.end, input.bucket).map((time) => {
    const row: ChartRow = { x: time, label: bucketLabel(time, input.bucket) };
    for (const source of sources) {
      row[source] = counts.get(`${source}\u0000${time}`) ?? null;
    }
    return row;
  });
  return { series: sources.map(sourceSeries), rows };
}

/** Signals per attack phase, stacked by severity, in phase and severity order. */
export function buildSignalsByPhase(rows: Array<{ phase: string; severity: string; count: number }>): ChartData {
  const phases = orderBy([...new Set(rows.map((row) => row.phase))], PHASE_ORDER);
  const severities = orderBy([...new Set(rows.map((row) => row.severity))], SEVERITY_ORDER);
  return {
    series: severities.map((severity) => ({ key: severity, label: severity, color: severityColor(severity) })),
    rows: phases.map((phase) => {
      const row: ChartRow = { x: phase, label: phaseLabel(phase) };
      for (const severity of severities) {
        row[severity] = rows.find((item) => item.phase === phase && item.severity === severity)?.count ?? 0;
      }
      return row;
    }),
  };
}

/** Incidents per time bucket, stacked by severity; a bucket without incidents is zero. */
export function buildIncidentsOverTime(input: {
  rows: Array<{ bucket: string; severity: string; count: number }>;
  start: string;
  end: string;
  bucket: TimeBucket;
}): ChartData {
  const severities = orderBy([...new Set(input.rows.map((row) => row.severity))], SEVERITY_ORDER);
  const rows = listBuckets(input.start, input.end, input.bucket).map((time) => {
    const row: ChartRow = { x: time, label: bucketLabel(time, input.bucket) };
    for (const severity of severities) {
      row[severity] =
        input.rows.find((item) => item.severity === severity && Date.parse(item.bucket) === time)?.count ?? 0;
    }
    return row;
  });
  return { series: severities.map((severity) => ({ key: severity, label: severity, color: severityColor(severity) })), rows };
}

/** Phase colours for a legend of phases. */
export function phaseSeries(phase: string): ChartSeries {
  return { key: phase, label: phaseLabel(phase), color: phaseColor(phase) };
}

/** Known values in the given order first, then unknown ones by name. */
export function orderBy(values: string[], order: readonly string[]): string[] {
  const known = order.filter((value) => values.includes(value));
  const unknown = values.filter((value) => !order.includes(value)).sort();
  return [...known, ...unknown];
}

/** Shapes a top-N list as bars of signals per entry, with their incidents as a second table column. */
export function buildTopRows(rows: Array<{ key: string; label: string; signals: number; incidents: number }>): ChartData {
  return {
    series: [
      { key: "signals", label: "Signals", color: "#4ea1ff" },
      { key: "incidents", label: "Incidents", color: "#8593a3" },
    ],
    rows: rows.map((row) => ({ x: row.key, label: row.label, signals: row.signals, incidents: row.incidents })),
  };
}
