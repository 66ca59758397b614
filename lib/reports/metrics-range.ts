/** Ranges the metrics dashboard offers, counted back from the latest stored record. */
export const METRIC_RANGES = ["7d", "30d", "90d", "all"] as const;

export type MetricRange = (typeof METRIC_RANGES)[number];

export type TimeBucket = "hour" | "day" | "month";

export interface ResolvedRange {
  range: MetricRange;
  start: string;
  end: string;
  /** Size of a bucket on the time axes: hours up to 14 days, days up to 400, else months. */
  bucket: TimeBucket;
}

const DAY_MS = 86_400_000;
const RANGE_DAYS: Record<Exclude<MetricRange, "all">, number> = { "7d": 7, "30d": 30, "90d": 90 };

/**
 * Resolves a range against the stored data. Ranges end at the latest record
 * rather than now, so that an archive loaded for an old incident still shows.
 */
export function resolveRange(input: { range: MetricRange; earliest: Date | null; latest: Date | null; now: Date }): ResolvedRange {
  const end = ceilHour(input.latest ?? input.now);
  const start =
    input.range === "all"
      ? floorHour(input.earliest ?? new Date(end.getTime() - 7 * DAY_MS))
      : new Date(end.getTime() - RANGE_DAYS[input.range] * DAY_MS);
  const days = (end.getTime() - start.getTime()) / DAY_MS;
  let bucket: TimeBucket = "month";
  if (days <= 14) {
    bucket = "hour";
  } else if (days <= 400) {
    bucket = "day";
  }
  return { range: input.range, start: start.toISOString(), end: end.toISOString(), bucket };
}

function floorHour(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 3_600_000) * 3_600_000);
}

function ceilHour(date: Date): Date {
  return new Date(Math.ceil((date.getTime() + 1) / 3_600_000) * 3_600_000);
}
