import { pgPool } from "@/lib/db/client";

import { addCount, buildRow, emptyFacts, floorHour, hoursBetween, HOUR_MS, type CoverageRow, type CoverageSource, type StreamFacts } from "./coverage-grid";
import { findDigestMismatches, type DigestMismatches } from "./find-digest-mismatches";

/** Longest range the grid covers, in hours (31 days). */
export const MAX_GRID_HOURS = 31 * 24;
/** Range shown when none is given: up to 14 days ending with the last hour that has data. */
export const DEFAULT_GRID_HOURS = 14 * 24;

export interface CoverageGrid {
  from: string;
  to: string;
  rows: CoverageRow[];
  mismatches: DigestMismatches;
  /** Rejected records, of any time, whose file has no delivery time in its name, so no hour to show them in. */
  rejectedWithoutHour: number;
}

type Streams = Map<string, StreamFacts>;

function stream(streams: Streams, source: CoverageSource, accountId: string | null, region: string | null): StreamFacts {
  const key = `${source}|${accountId ?? ""}|${region ?? ""}`;
  let facts = streams.get(key);
  if (!facts) {
    facts = emptyFacts(source, accountId, region);
    streams.set(key, facts);
  }
  return facts;
}

/**
 * Returns, for each account, region and source, what is known about each
 * hour of [from, to): records stored, log files missing or altered per the
 * CloudTrail digests, records rejected, NODATA and SKIPDATA flow windows.
 */
export async function buildCoverageGrid(range: { from?: Date; to?: Date } = {}): Promise<CoverageGrid> {
  const { from, to } = await resolveRange(range);
  const streams: Streams = new Map();
  const [mismatches, rejectedWithoutHour] = await Promise.all([
    findDigestMismatches({ from, to }),
    addRejections(streams, from, to),
    addCloudTrailHours(streams, from, to),
    addFlowHours(streams, from, to),
    addDigestWindows(streams, from, to),
  ]);
  addMismatches(streams, mismatches);
  const rows = [...streams.values()]
    .map((facts) => buildRow(facts, from.getTime(), to.getTime()))
    .sort((a, b) => `${a.accountId}|${a.region}|${a.source}`.localeCompare(`${b.accountId}|${b.region}|${b.source}`));
  return { from: from.toISOString(), to: to.toISOString(), rows, mismatches, rejectedWithoutHour };
}

async function resolveRange(range: { from?: Date; to?: Date }): Promise<{ from: Date; to: Date }> {
  let to = range.to;
  if (!to) {
    const last = await pgPool().query<{ last: Date | null }>(
      `SELECT greatest((SELECT max(event_time) FROM events WHERE source = 'cloudtrail'), (SELECT max(start) FROM flow_records)) AS last`,
    );
    to = new Date(floorHour((last.rows[0].last ?? new Date()).getTime()) + HOUR_MS);
  }
  let from = range.from ?? new Date(to.getTime() - DEFAULT_GRID_HOURS * HOUR_MS);
  if (!range.from) {
    const first = await pgPool().query<{ first: Date | null }>(
      `SELECT least((SELECT min(event_time) FROM events WHERE source = 'cloudtrail' AND event_time >= $1),
                    (SELECT min(start) FROM flow_records WHERE start >= $1)) AS first`,
      [from],
    );
    from = new Date(floorHour((first.rows[0].first ?? from).getTime()));
  }
  if (to.getTime() - from.getTime() > MAX_GRID_HOURS * HOUR_MS) {
    from = new Date(to.getTime() - MAX_GRID_HOURS * HOUR_MS);
  }
  return { from: new Date(floorHour(from.getTime())), to };
}

async function addCloudTrailHours(streams: Streams, from: Date, to: Date): Promise<void> {
  const rows = await pgPool().query<{ account_id: string | null; region: string | null; hour: Date; count: number }>(
    `SELECT account_id, region, date_trunc('hour', event_time) AS hour, count(*)::int AS count
     FROM events WHERE source = 'cloudtrail' AND event_time >= $1 AND event_time < $2 GROUP BY 1, 2, 3`,
    [from, to],
  );
  for (const row of rows.rows) {
    addCount(stream(streams, "cloudtrail", row.account_id, row.region).records, row.hour.getTime(), row.count);
  }
}

async function addFlowHours(streams: Streams, from: Date, to: Date): Promise<void> {
  // A NODATA or SKIPDATA record covers its whole capture window, which can span an hour boundary.
  const rows = await pgPool().query<{ account_id: string | null; region: string | null; hour: Date; records: number; nodata: number; skipdata: number }>(
    `SELECT r.account_id, coalesce(f.region, r.fields->>'region') AS region, h.hour,
            count(*) FILTER (WHERE h.hour = date_trunc('hour', r.start))::int AS records,
            count(*) FILTER (WHERE r.log_status = 'NODATA')::int AS nodata,
            count(*) FILTER (WHERE r.log_status = 'SKIPDATA')::int AS skipdata
     FROM flow_records r
     LEFT JOIN ingest_files f ON f.id = r.file_id
     CROSS JOIN LATERAL generate_series(date_trunc('hour', r.start),
       CASE WHEN r.log_status IN ('NODATA', 'SKIPDATA') THEN date_trunc('hour', r."end") ELSE date_trunc('hour', r.start) END,
       interval '1 hour') AS h(hour)
     WHERE r.start < $2 AND r."end" >= $1 AND h.hour >= $1 AND h.hour < $2
     GROUP BY 1, 2, 3`,
    [from, to],
  );
  for (const row of rows.rows) {
    const facts = stream(streams, "vpcflow", row.account_id, row.region);
    const hour = row.hour.getTime();
    addCount(facts.records, hour, row.records);
    addCount(facts.nodata, hour, row.nodata);
    addCount(facts.skipdata, hour, row.skipdata);
  }
}

async function addRejections(streams: Streams, from: Date, to: Date): Promise<number> {
  const rows = await pgPool().query<{ account_id: string | null; region: string | null; kind: string; hour: Date | null; count: number }>(
    `SELECT f.account_id, f.region, f.kind, date_trunc('hour', f.slot) AS hour, count(*)::int AS count
     FROM rejected_records r JOIN ingest_files f ON f.id = r.file_id
     WHERE f.slot IS NULL OR (f.slot >= $1 AND f.slot < $2)
     GROUP BY 1, 2, 3, 4`,
    [from, to],
  );
  let withoutHour = 0;
  for (const row of rows.rows) {
    const source: CoverageSource | null = row.kind.startsWith("cloudtrail") ? "cloudtrail" : row.kind.startsWith("vpcflow") ? "vpcflow" : null;
    if (row.hour === null || source === null) {
      withoutHour += row.count;
      continue;
    }
    addCount(stream(streams, source, row.account_id, row.region).rejected, row.hour.getTime(), row.count);
  }
  return withoutHour;
}

async function addDigestWindows(streams: Streams, from: Date, to: Date): Promise<void> {
  const rows = await pgPool().query<{ account_id: string | null; region: string | null; digest_start: Date; digest_end: Date }>(
    `SELECT account_id, region, digest_start, digest_end FROM digest_files
     WHERE digest_end > $1 AND digest_start < $2 ORDER BY account_id, region, digest_start`,
    [from, to],
  );
  for (const interval of mergeWindows(rows.rows)) {
    const facts = stream(streams, "cloudtrail", interval.accountId, interval.region);
    for (let hour = Math.ceil(interval.start / HOUR_MS) * HOUR_MS; hour + HOUR_MS <= interval.end; hour += HOUR_MS) {
      facts.digestCovered.add(hour);
    }
  }
}

/** Joins each stream's consecutive digest windows (each ends where the next starts) into intervals. */
function mergeWindows(
  rows: Array<{ account_id: string | null; region: string | null; digest_start: Date; digest_end: Date }>,
): Array<{ accountId: string | null; region: string | null; start: number; end: number }> {
  const merged: Array<{ accountId: string | null; region: string | null; start: number; end: number }> = [];
  for (const row of rows) {
    const last = merged.at(-1);
    const start = row.digest_start.getTime();
    if (last && last.accountId === row.account_id && last.region === row.region && start <= last.end) {
      last.end = Math.max(last.end, row.digest_end.getTime());
    } else {
      merged.push({ accountId: row.account_id, region: row.region, start, end: row.digest_end.getTime() });
    }
  }
  return merged;
}

function addMismatches(streams: Streams, mismatches: DigestMismatches): void {
  for (const gap of mismatches.missing) {
    const facts = stream(streams, "cloudtrail", gap.accountId, gap.region);
    for (const hour of hoursBetween(Date.parse(gap.fromHour), Date.parse(gap.toHour))) {
      addCount(facts.missingFiles, hour, 1);
    }
  }
  for (const file of mismatches.altered) {
    const facts = stream(streams, "cloudtrail", file.accountId, file.region);
    for (const hour of hoursBetween(Date.parse(file.fromHour), Date.parse(file.toHour))) {
      addCount(facts.alteredFiles, hour, 1);
    }
  }
}
