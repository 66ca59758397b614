import { formatUtc } from "@/components/format/format-utc";

/** One bucket as the entity pages receive it. */
export interface ActivityBucketInput {
  start: string;
  events: number;
  errors: number;
  signals: number;
}

export interface ActivityPoint {
  /** Epoch milliseconds of the bucket's start. */
  time: number;
  start: string;
  succeeded: number;
  failed: number;
  signals: number;
}

const DAY_MS = 86_400_000;

/** Splits each bucket's events into succeeded and failed calls for a stacked bar chart. */
export function buildActivityChartData(buckets: readonly ActivityBucketInput[]): ActivityPoint[] {
  return buckets.map((bucket) => ({
    time: Date.parse(bucket.start),
    start: bucket.start,
    succeeded: Math.max(0, bucket.events - bucket.errors),
    failed: bucket.errors,
    signals: bucket.signals,
  }));
}

/** Formats an axis tick: the date for day-sized buckets and wider, else the time of day. */
export function formatActivityTick(time: number, bucketMs: number): string {
  const text = formatUtc(new Date(time).toISOString());
  return bucketMs >= DAY_MS ? text.slice(0, 10) : bucketMs >= 6 * 3_600_000 ? text.slice(5, 16) : text.slice(11, 16);
}

/** Describes a bucket's span for the tooltip, as `2026-11-17 02:00 – 03:00 UTC`. */
export function describeBucket(start: string, bucketMs: number): string {
  const from = formatUtc(start);
  const to = formatUtc(new Date(Date.parse(start) + bucketMs).toISOString());
  if (bucketMs >= DAY_MS) {
    return bucketMs === DAY_MS ? `${from.slice(0, 10)} UTC` : `${from.slice(0, 10)} – ${to.slice(0, 10)} UTC`;
  }
  return `${from.slice(0, 16)} – ${to.slice(11, 16)} UTC`;
}
