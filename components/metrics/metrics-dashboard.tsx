"use client";

import Link from "next/link";
import { useState } from "react";

import { SeverityBadge } from "@/components/badges/badge";
import {
  buildEventsPerSource,
  buildIncidentsOverTime,
  buildSignalsByPhase,
  buildTopRows,
} from "@/components/charts/chart-data";
import { RankedBarChart } from "@/components/charts/ranked-bar-chart";
import { buildResponseTrend } from "@/components/charts/response-trend-data";
import { SeriesLineChart } from "@/components/charts/series-line-chart";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { formatUtc } from "@/components/format/format-utc";
import type { InitialData } from "@/components/incidents/use-incidents";
import { LiveStatus } from "@/components/layout/live-status";
import { formatDurationText } from "@/lib/reports/duration-text";
import { METRIC_LABELS, METRIC_NAMES, type MetricValue } from "@/lib/reports/incident-metrics";
import { METRIC_RANGES, type MetricRange } from "@/lib/reports/metrics-range";

import styles from "./metrics-dashboard.module.css";
import { useMetricsDashboard, type MetricsDashboardData } from "./use-metrics";

const RANGE_LABELS: Record<MetricRange, string> = { "7d": "7 days", "30d": "30 days", "90d": "90 days", all: "All" };

export function MetricsDashboard({ initial }: { initial: InitialData<MetricsDashboardData> }) {
  const [range, setRange] = useState<MetricRange>(initial.data.range.range);
  const query = useMetricsDashboard(range, initial);
  const data = query.data;
  return (
    <section className={styles.page}>
      <div className={styles.heading}>
        <h1>Metrics</h1>
        <div className={styles.ranges} role="group" aria-label="Range">
          {METRIC_RANGES.map((option) => (
            <button key={option} type="button" aria-pressed={option === range} onClick={() => setRange(option)}>
              {RANGE_LABELS[option]}
            </button>
          ))}
        </div>
        <LiveStatus query={query} />
      </div>
      {data ? <DashboardBody data={data} /> : <p className={styles.muted}>Loading…</p>}
    </section>
  );
}

function DashboardBody({ data }: { data: MetricsDashboardData }) {
  const { range } = data;
  const span = `${formatUtc(range.start).slice(0, 16)} – ${formatUtc(range.end).slice(0, 16)} UTC`;
  const events = buildEventsPerSource({ rows: data.eventsPerSource, sources: data.sources, ...range });
  const incidents = buildIncidentsOverTime({ rows: data.incidentsOverTime, ...range, bucket: range.bucket === "hour" ? "day" : range.bucket });
  const minutes = (value: number) => `${value.toLocaleString("en-US")} min`;
  return (
    <>
      <p className={styles.muted}>
        {span}, ending at the latest stored record. {data.incidents.length}{" "}
        {data.incidents.length === 1 ? "incident" : "incidents"} above the alert threshold.
      </p>
      <SummaryTiles data={data} />
      <div className={styles.grid}>
        <SeriesLineChart
          title="Events per source"
          description={`Stored records per ${range.bucket}; a break in a line is a ${range.bucket} without records of that source.`}
          data={events}
          xLabel={`${capitalize(range.bucket)} (UTC)`}
          empty={data.eventsPerSource.length === 0 ? "No records in this range." : null}
        />
        <StackedBarChart
          title="Signals by phase and severity"
          description="Detection hits per attack phase, stacked by severity."
          data={buildSignalsByPhase(data.signalsByPhase)}
          xLabel="Phase"
          everyLabel
          empty={data.signalsByPhase.length === 0 ? "No signals in this range." : null}
        />
        <StackedBarChart
          title="Incidents over time"
          description="Incidents by the time they crossed the alert threshold, by severity."
          data={incidents}
          xLabel="Period (UTC)"
          empty={data.incidentsOverTime.length === 0 ? "No incidents in this range." : null}
        />
        <SeriesLineChart
          title="Detection and containment times"
          description="Median and 90th percentile per month of the first alert, in minutes."
          data={buildResponseTrend(data.trends.byMonth)}
          xLabel="Month"
          yLabel="minutes"
          formatValue={minutes}
          empty={data.trends.byMonth.length === 0 ? "No incidents to measure in this range." : null}
        />
        <RankedBarChart
          title="Top principals"
          description="Principals with the most signals, containment left out."
          data={buildTopRows(data.topPrincipals)}
          xLabel="Principal"
          empty={data.topPrincipals.length === 0 ? "No signals in this range." : null}
        />
        <RankedBarChart
          title="Top source addresses"
          description="Addresses with the most signals, containment left out."
          data={buildTopRows(data.topAddresses)}
          xLabel="Address"
          empty={data.topAddresses.length === 0 ? "No signals with an address in this range." : null}
        />
      </div>
      <IncidentMetricsTable data={data} />
    </>
  );
}

function SummaryTiles({ data }: { data: MetricsDashboardData }) {
  const overall = data.trends.overall.metrics;
  return (
    <dl className={styles.tiles}>
      {METRIC_NAMES.map((name) => (
        <div key={name} className={styles.tile}>
          <dt>{METRIC_LABELS[name]}</dt>
          <dd>{overall[name].median === null ? "—" : formatDurationText(overall[name].median)}</dd>
          <dd className={styles.muted}>
            median of {overall[name].count}
            {overall[name].p90 === null ? "" : ` · p90 ${formatDurationText(overall[name].p90)}`}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function IncidentMetricsTable({ data }: { data: MetricsDashboardData }) {
  if (data.incidents.length === 0) {
    return null;
  }
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} aria-label="Response times per incident">
        <thead>
          <tr>
            <th>#</th>
            <th>Incident</th>
            <th>Severity</th>
            <th>First alert (UTC)</th>
            {METRIC_NAMES.map((name) => (
              <th key={name}>{METRIC_LABELS[name]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.incidents.map((incident) => (
            <tr key={incident.incidentId}>
              <td className={styles.mono}>{incident.number}</td>
              <td>
                <Link href={`/incidents/${incident.incidentId}`}>{incident.title}</Link>
              </td>
              <td>
                <SeverityBadge severity={incident.severity} />
              </td>
              <td className={styles.mono}>{formatUtc(incident.firstAlertAt)}</td>
              {METRIC_NAMES.map((name) => (
                <td key={name} className={styles.mono}>
                  <MetricCell value={incident[name]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MetricCell({ value }: { value: MetricValue }) {
  if (value.seconds === null) {
    return <span className={styles.muted}>{value.reason}</span>;
  }
  return <>{formatDurationText(value.seconds)}</>;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
