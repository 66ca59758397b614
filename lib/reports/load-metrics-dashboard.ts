import { pgPool } from "@/lib/db/client";

import { computeIncidentMetrics } from "./compute-incident-metrics";
import type { IncidentMetrics } from "./incident-metrics";
import { resolveRange, type MetricRange, type ResolvedRange } from "./metrics-range";
import { summarizeMetricTrends, type MetricTrends } from "./summarize-metric-trends";

/** Principals and addresses listed in the top charts. */
const TOP_LIMIT = 10;

export interface SourceBucketRow {
  source: string;
  bucket: string;
  count: number;
}

export interface PhaseSeverityRow {
  phase: string;
  severity: string;
  count: number;
}

export interface IncidentBucketRow {
  bucket: string;
  severity: string;
  count: number;
}

export interface TopRow {
  key: string;
  label: string;
  signals: number;
  incidents: number;
}

/** Everything the metrics dashboard shows, for one range. Rows are sparse: empty buckets are absent. */
export interface MetricsDashboard {
  range: ResolvedRange;
  eventsPerSource: SourceBucketRow[];
  /** Sources that have any record at all, so that a source silent in the range still gets its series. */
  sources: string[];
  signalsByPhase: PhaseSeverityRow[];
  incidentsOverTime: IncidentBucketRow[];
  topPrincipals: TopRow[];
  topAddresses: TopRow[];
  incidents: IncidentMetrics[];
  trends: MetricTrends;
}

/** Loads the metrics dashboard for a range ending at the latest stored record. */
export async function loadMetricsDashboard(options: { range: MetricRange; now?: Date }): Promise<MetricsDashboard> {
  const bounds = await pgPool().query<{ earliest: Date | null; latest: Date | null; sources: string[] | null }>(
    `SELECT least((SELECT min(event_time) FROM events), (SELECT min(start) FROM flow_records)) AS earliest,
            greatest((SELECT max(event_time) FROM events), (SELECT max("end") FROM flow_records)) AS latest,
            array(SELECT DISTINCT source FROM events UNION SELECT 'vpcflow' WHERE EXISTS (SELECT 1 FROM flow_records)) AS sources`,
  );
  const row = bounds.rows[0];
  const range = resolveRange({ range: options.range, earliest: row?.earliest ?? null, latest: row?.latest ?? null, now: options.now ?? new Date() });
  const params = [range.start, range.end];
  const [eventsPerSource, signalsByPhase, incidentsOverTime, topPrincipals, topAddresses, incidents] = await Promise.all([
    loadEventsPerSource(range),
    loadSignalsByPhase(params),
    loadIncidentsOverTime(range),
    loadTopPrincipals(params),
    loadTopAddresses(params),
    loadIncidentMetrics(params),
  ]);
  return {
    range,
    eventsPerSource,
    sources: [...(row?.sources ?? [])].sort(),
    signalsByPhase,
    incidentsOverTime,
    topPrincipals,
    topAddresses,
    incidents,
    trends: summarizeMetricTrends(incidents),
  };
}

async function loadEventsPerSource(range: ResolvedRange): Promise<SourceBucketRow[]> {
  const result = await pgPool().query<{ source: string; bucket: Date; count: string }>(
    `SELECT source, date_trunc($3, event_time, 'UTC') AS bucket, count(*) AS count FROM events
      WHERE event_time >= $1 AND event_time < $2 GROUP BY 1, 2
     UNION ALL
     SELECT 'vpcflow', date_trunc($3, start, 'UTC'), count(*) FROM flow_records
      WHERE start >= $1 AND start < $2 GROUP BY 1, 2
     ORDER BY 2, 1`,
    [range.start, range.end, range.bucket],
  );
  return result.rows.map((r) => ({ source: r.source, bucket: r.bucket.toISOString(), count: Number(r.count) }));
}

async function loadSignalsByPhase(params: string[]): Promise<PhaseSeverityRow[]> {
  const result = await pgPool().query<{ phase: string; severity: string; count: string }>(
    `SELECT phase, severity, count(*) AS count FROM signals
      WHERE event_time >= $1 AND event_time < $2 GROUP BY 1, 2 ORDER BY 1, 2`,
    params,
  );
  return result.rows.map((r) => ({ phase: r.phase, severity: r.severity, count: Number(r.count) }));
}

async function loadIncidentsOverTime(range: ResolvedRange): Promise<IncidentBucketRow[]> {
  // Incidents are few, so hours would leave most buckets empty: they are counted per day at least.
  const bucket = range.bucket === "hour" ? "day" : range.bucket;
  const result = await pgPool().query<{ bucket: Date; severity: string; count: string }>(
    `SELECT date_trunc($3, threshold_crossed_at, 'UTC') AS bucket, severity, count(*) AS count FROM incidents
      WHERE threshold_crossed_at >= $1 AND threshold_crossed_at < $2 GROUP BY 1, 2 ORDER BY 1, 2`,
    [range.start, range.end, bucket],
  );
  return result.rows.map((r) => ({ bucket: r.bucket.toISOString(), severity: r.severity, count: Number(r.count) }));
}

async function loadTopPrincipals(params: string[]): Promise<TopRow[]> {
  const result = await pgPool().query<{ key: string; label: string | null; signals: string; incidents: string }>(
    `SELECT s.principal_key AS key, p.name AS label, count(*) AS signals, count(DISTINCT s.incident_id) AS incidents
       FROM signals s LEFT JOIN principals p ON p.key = s.principal_key
      WHERE s.event_time >= $1 AND s.event_time < $2 AND s.phase <> 'containment'
      GROUP BY 1, 2 ORDER BY count(*) DESC, 1 LIMIT ${TOP_LIMIT}`,
    params,
  );
  return result.rows.map((r) => ({ key: r.key, label: r.label ?? r.key, signals: Number(r.signals), incidents: Number(r.incidents) }));
}

async function loadTopAddresses(params: string[]): Promise<TopRow[]> {
  const result = await pgPool().query<{ key: string; signals: string; incidents: string }>(
    `SELECT host(source_ip) AS key, count(*) AS signals, count(DISTINCT incident_id) AS incidents
       FROM signals WHERE event_time >= $1 AND event_time < $2 AND phase <> 'containment' AND source_ip IS NOT NULL
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ${TOP_LIMIT}`,
    params,
  );
  return result.rows.map((r) => ({ key: r.key, label: r.key, signals: Number(r.signals), incidents: Number(r.incidents) }));
}

async function loadIncidentMetrics(params: string[]): Promise<IncidentMetrics[]> {
  const result = await pgPool().query<{ id: string }>(
    `SELECT id FROM incidents WHERE threshold_crossed_at IS NOT NULL AND first_seen >= $1 AND first_seen < $2`,
    params,
  );
  return result.rows.length === 0 ? [] : computeIncidentMetrics({ incidentIds: result.rows.map((r) => r.id) });
}
