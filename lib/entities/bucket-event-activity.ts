/** Bucket sizes the activity chart steps through, smallest first. */
const BUCKET_SIZES_MS = [
  60_000,
  5 * 60_000,
  15 * 60_000,
  3_600_000,
  6 * 3_600_000,
  86_400_000,
  7 * 86_400_000,
  30 * 86_400_000,
];

/** Most buckets a chart shows; the bucket size grows until the range fits. */
export const MAX_BUCKETS = 120;

/** Counts of one time bucket. */
export interface ActivityBucket {
  /** Start of the bucket, ISO 8601 in UTC. */
  start: string;
  events: number;
  /** Events whose call failed (an errorCode such as AccessDenied). */
  errors: number;
  signals: number;
}

/** Events of an entity over time, in equal buckets with none missing. */
export interface EventActivity {
  bucketMs: number;
  from: string | null;
  to: string | null;
  buckets: ActivityBucket[];
}

/** Returns the smallest bucket size that splits the range into at most MAX_BUCKETS buckets. */
export function chooseBucketMs(from: Date, to: Date): number {
  const span = Math.max(0, to.getTime() - from.getTime());
  return BUCKET_SIZES_MS.find((size) => span / size < MAX_BUCKETS) ?? BUCKET_SIZES_MS[BUCKET_SIZES_MS.length - 1];
}

/** Returns the start of the bucket containing `time`; buckets are aligned to the Unix epoch. */
export function bucketStart(time: Date, bucketMs: number): number {
  return Math.floor(time.getTime() / bucketMs) * bucketMs;
}

/**
 * Spreads sparse counts over every bucket from `from` to `to`, so that quiet
 * periods show as zero instead of being skipped by the chart.
 */
export function fillActivityBuckets(input: {
  from: Date;
  to: Date;
  bucketMs: number;
  counts: ReadonlyArray<{ start: Date; events: number; errors: number; signals: number }>;
}): ActivityBucket[] {
  const byStart = new Map(input.counts.map((count) => [bucketStart(count.start, input.bucketMs), count]));
  const buckets: ActivityBucket[] = [];
  const last = bucketStart(input.to, input.bucketMs);
  for (let start = bucketStart(input.from, input.bucketMs); start <= last; start += input.bucketMs) {
    const count = byStart.get(start);
    buckets.push({
      start: new Date(start).toISOString(),
      events: count?.events ?? 0,
      errors: count?.errors ?? 0,
      signals: count?.signals ?? 0,
    });
  }
  return buckets;
}
