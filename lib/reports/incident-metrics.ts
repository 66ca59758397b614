/** The response times measured for each incident. */
export const METRIC_NAMES = ["timeToDetect", "timeToEscalate", "timeToContain", "timeToResolve"] as const;

export type MetricName = (typeof METRIC_NAMES)[number];

export const METRIC_LABELS: Record<MetricName, string> = {
  timeToDetect: "Time to detect",
  timeToEscalate: "Time to escalate",
  timeToContain: "Time to contain",
  timeToResolve: "Time to resolve",
};

/** One response time; `seconds` is null when the incident has not reached that point, and `reason` says why. */
export interface MetricValue {
  seconds: number | null;
  reason: string | null;
  /** ISO time the interval starts and ends at; null when unknown. */
  from: string | null;
  to: string | null;
}

/** How the first malicious event was found. */
export type FirstMaliciousBasis = "attacker-activity" | "first-signal";

export interface FirstMaliciousEvent {
  at: string;
  basis: FirstMaliciousBasis;
  source: string;
  naturalId: string;
  eventName: string | null;
}

export interface IncidentMetrics {
  incidentId: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  /** The earliest attack event; null for an incident without signals. */
  firstMalicious: FirstMaliciousEvent | null;
  /** The first signal's time: when Watchfloor or GuardDuty first raised the alarm. */
  firstAlertAt: string | null;
  escalatedAt: string | null;
  containedAt: string | null;
  resolvedAt: string | null;
  timeToDetect: MetricValue;
  timeToEscalate: MetricValue;
  timeToContain: MetricValue;
  timeToResolve: MetricValue;
}

export interface MetricTimes {
  firstMaliciousAt: Date | null;
  firstAlertAt: Date | null;
  escalatedAt: Date | null;
  containedAt: Date | null;
  resolvedAt: Date | null;
}

/**
 * Computes the four response times from an incident's milestones. Times are
 * cut to whole seconds before subtracting: CloudTrail records seconds and
 * GuardDuty milliseconds, so a sub-second difference would be an artefact of
 * the sources rather than of the response.
 */
export function measureResponseTimes(times: MetricTimes): Pick<IncidentMetrics, MetricName> {
  const alert = times.firstAlertAt;
  return {
    timeToDetect: interval(times.firstMaliciousAt, alert, {
      missingStart: "no attack event or signal is stored for this incident",
      missingEnd: "the incident has no signal",
      negative: "the first alert is earlier than the first attack event",
    }),
    timeToEscalate: interval(alert, times.escalatedAt, {
      missingStart: "the incident has no signal",
      missingEnd: "not escalated",
      negative: "escalated before the first alert",
    }),
    timeToContain: interval(alert, times.containedAt, {
      missingStart: "the incident has no signal",
      missingEnd: "not contained",
      negative: "contained before the first alert",
    }),
    timeToResolve: interval(alert, times.resolvedAt, {
      missingStart: "the incident has no signal",
      missingEnd: "not resolved",
      negative: "resolved before the first alert",
    }),
  };
}

interface IntervalReasons {
  missingStart: string;
  missingEnd: string;
  negative: string;
}

function interval(start: Date | null, end: Date | null, reasons: IntervalReasons): MetricValue {
  const from = start?.toISOString() ?? null;
  const to = end?.toISOString() ?? null;
  if (start === null) {
    return { seconds: null, reason: reasons.missingStart, from, to };
  }
  if (end === null) {
    return { seconds: null, reason: reasons.missingEnd, from, to };
  }
  const seconds = wholeSeconds(end) - wholeSeconds(start);
  if (seconds < 0) {
    return { seconds: null, reason: reasons.negative, from, to };
  }
  return { seconds, reason: null, from, to };
}

function wholeSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
