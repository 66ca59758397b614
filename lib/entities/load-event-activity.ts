import { pgPool } from "@/lib/db/client";

import { chooseBucketMs, type EventActivity, fillActivityBuckets } from "./bucket-event-activity";

/** Whose events to count: one principal, one access key or one source address. */
export type ActivitySubject =
  | { kind: "principal"; principalKey: string }
  | { kind: "accessKey"; accessKeyId: string }
  | { kind: "address"; address: string };

const EVENT_COLUMN = { principal: "principal_key", accessKey: "access_key_id", address: "source_ip" } as const;
const SIGNAL_COLUMN = { principal: "principal_key", accessKey: "access_key_id", address: "source_ip" } as const;

function subjectValue(subject: ActivitySubject): string {
  if (subject.kind === "principal") {
    return subject.principalKey;
  }
  return subject.kind === "accessKey" ? subject.accessKeyId : subject.address;
}

function cast(subject: ActivitySubject): string {
  return subject.kind === "address" ? "::inet" : "";
}

/** Returns the first and last event time of the subject, or null when it has no events. */
async function loadRange(subject: ActivitySubject): Promise<{ first: Date; last: Date } | null> {
  const column = EVENT_COLUMN[subject.kind];
  const result = await pgPool().query<{ first: Date | null; last: Date | null }>(
    `SELECT min(event_time) AS first, max(event_time) AS last FROM events WHERE ${column} = $1${cast(subject)}`,
    [subjectValue(subject)],
  );
  const row = result.rows[0];
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}

// Buckets are aligned to the Unix epoch, as bucketStart() aligns them.
const COUNTS_SQL = (eventColumn: string, signalColumn: string, cast: string) => `
WITH e AS (
  SELECT date_bin($2::double precision * interval '1 millisecond', event_time, TIMESTAMPTZ '1970-01-01') AS start,
    count(*)::int AS events, (count(*) FILTER (WHERE error_code IS NOT NULL))::int AS errors
  FROM events WHERE ${eventColumn} = $1${cast} AND event_time BETWEEN $3 AND $4 GROUP BY 1
), s AS (
  SELECT date_bin($2::double precision * interval '1 millisecond', event_time, TIMESTAMPTZ '1970-01-01') AS start,
    count(*)::int AS signals
  FROM signals WHERE ${signalColumn} = $1${cast} AND event_time BETWEEN $3 AND $4 GROUP BY 1
)
SELECT coalesce(e.start, s.start) AS start, coalesce(e.events, 0) AS events,
  coalesce(e.errors, 0) AS errors, coalesce(s.signals, 0) AS signals
FROM e FULL JOIN s ON s.start = e.start ORDER BY 1`;

/**
 * Counts the subject's events, failed events and signals per time bucket
 * over its whole history, with a bucket size that keeps the chart readable.
 */
export async function loadEventActivity(subject: ActivitySubject): Promise<EventActivity> {
  const range = await loadRange(subject);
  if (range === null) {
    return { bucketMs: 0, from: null, to: null, buckets: [] };
  }
  const bucketMs = chooseBucketMs(range.first, range.last);
  const sql = COUNTS_SQL(EVENT_COLUMN[subject.kind], SIGNAL_COLUMN[subject.kind], cast(subject));
  const result = await pgPool().query<{ start: Date; events: number; errors: number; signals: number }>(sql, [
    subjectValue(subject),
    bucketMs,
    range.first,
    range.last,
  ]);
  return {
    bucketMs,
    from: range.first.toISOString(),
    to: range.last.toISOString(),
    buckets: fillActivityBuckets({ from: range.first, to: range.last, bucketMs, counts: result.rows }),
  };
}
