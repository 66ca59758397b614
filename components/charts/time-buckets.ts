export type TimeBucket = "hour" | "day" | "month";

/** Starts of every UTC bucket from `start` (rounded down to its bucket) up to, not including, `end`, as epoch milliseconds. */
export function listBuckets(startIso: string, endIso: string, bucket: TimeBucket): number[] {
  const end = Date.parse(endIso);
  const buckets: number[] = [];
  let current = floorBucket(Date.parse(startIso), bucket);
  while (current < end) {
    buckets.push(current);
    current = nextBucket(current, bucket);
  }
  return buckets;
}

export function floorBucket(time: number, bucket: TimeBucket): number {
  const date = new Date(time);
  switch (bucket) {
    case "hour":
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours());
    case "day":
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    default:
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  }
}

function nextBucket(time: number, bucket: TimeBucket): number {
  const date = new Date(time);
  switch (bucket) {
    case "hour":
      return time + 3_600_000;
    case "day":
      return time + 86_400_000;
    default:
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  }
}

/** Axis and table label of a bucket: `11-17 02:00`, `2026-11-17` or `2026-11`, in UTC. */
export function bucketLabel(time: number, bucket: TimeBucket): string {
  const iso = new Date(time).toISOString();
  switch (bucket) {
    case "hour":
      return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
    case "day":
      return iso.slice(0, 10);
    default:
      return iso.slice(0, 7);
  }
}
