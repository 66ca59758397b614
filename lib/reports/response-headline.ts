import { formatClockMinute, formatElapsedMinutes, formatUtcSecond } from "./duration-text";
import type { IncidentMetrics } from "./incident-metrics";

/**
 * Writes the headline `Detected 02:14, contained 02:27: 13 minutes`, from the
 * first alert to containment. The day is added when containment fell on another day.
 */
export function responseHeadline(metrics: IncidentMetrics): string {
  if (!metrics.firstAlertAt) {
    return "No alert was raised for this incident.";
  }
  const detected = `Detected ${formatClockMinute(metrics.firstAlertAt)}`;
  const contained = metrics.timeToContain;
  if (!metrics.containedAt || contained.seconds === null) {
    return `${detected}; not contained yet.`;
  }
  const sameDay = metrics.containedAt.slice(0, 10) === metrics.firstAlertAt.slice(0, 10);
  const when = sameDay ? formatClockMinute(metrics.containedAt) : formatUtcSecond(metrics.containedAt).slice(0, 16);
  return `${detected}, contained ${when}: ${formatElapsedMinutes(contained.seconds)}.`;
}
