/** A gap longer than this between calls starts a new burst. */
const BURST_GAP_MS = 60_000;
/** An interval within 20 % of the median counts as regular. */
const TOLERANCE = 0.2;
const MIN_BURSTS = 10;
const REGULAR_SHARE = 0.8;

export interface CallCadence {
  calls: number;
  bursts: number;
  /** Median time between the starts of consecutive bursts, in seconds. */
  medianIntervalSeconds: number | null;
  /** Share of burst intervals within 20 % of the median. */
  regularShare: number;
  /** At least ten bursts, 80 % of them at the median interval: a scheduled job. */
  steady: boolean;
}

/**
 * Measures how regular a principal's calls are. Calls closer than a minute
 * form one burst, because one job run makes several calls. A steady machine
 * cadence shows as most intervals between burst starts lying close to their
 * median. Overnight and weekend pauses remain the exception.
 */
export function measureCallCadence(times: readonly number[]): CallCadence {
  const sorted = [...times].sort((a, b) => a - b);
  const starts: number[] = [];
  sorted.forEach((time, index) => {
    if (index === 0 || time - sorted[index - 1] > BURST_GAP_MS) {
      starts.push(time);
    }
  });
  const intervals = starts.slice(1).map((start, index) => start - starts[index]);
  if (intervals.length === 0) {
    return { calls: sorted.length, bursts: starts.length, medianIntervalSeconds: null, regularShare: 0, steady: false };
  }
  const ordered = [...intervals].sort((a, b) => a - b);
  const median = ordered[Math.floor(ordered.length / 2)];
  const regular = intervals.filter((interval) => Math.abs(interval - median) <= TOLERANCE * median).length;
  const regularShare = regular / intervals.length;
  return {
    calls: sorted.length,
    bursts: starts.length,
    medianIntervalSeconds: Math.round(median / 1000),
    regularShare: Math.round(regularShare * 100) / 100,
    steady: starts.length >= MIN_BURSTS && regularShare >= REGULAR_SHARE,
  };
}
