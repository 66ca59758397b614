import type { Phase } from "@/lib/detect/rules/rule-types";

/** An incident in memory while correlation assigns signals to it. */
export interface CorrelationIncident {
  id: string;
  principalKey: string;
  firstSeen: Date;
  lastSeen: Date;
  /** Closed incidents take late signals within their span only. */
  closed: boolean;
  /** Access keys of the incident's lineage (see load-correlation-lineage.ts). */
  keys: Set<string>;
  isNew: boolean;
}

/** The fields of an unassigned signal that decide where it goes. */
export interface CorrelationSignal {
  id: string;
  eventTime: Date;
  phase: Phase;
  principalKey: string;
  subjectKey: string | null;
  accessKeyId: string | null;
  relatedKeyId: string | null;
}

function hasKey(incident: CorrelationIncident, key: string | null): boolean {
  return key !== null && incident.keys.has(key);
}

/** Milliseconds from the incident's span to `time`; zero inside it. */
function distance(incident: CorrelationIncident, time: number): number {
  if (time < incident.firstSeen.getTime()) {
    return incident.firstSeen.getTime() - time;
  }
  return Math.max(0, time - incident.lastSeen.getTime());
}

/**
 * Tells whether an incident's time span can take a signal. A closed
 * incident accepts late signals inside its span, so that new
 * activity after a review opens a new incident. An open one accepts signals
 * within the window on either side. It also accepts containment later than
 * that, because responders may act long after the last attack signal.
 */
function inWindow(incident: CorrelationIncident, signal: CorrelationSignal, windowMs: number): boolean {
  const time = signal.eventTime.getTime();
  if (incident.closed) {
    return distance(incident, time) === 0;
  }
  if (signal.phase === "containment" && time >= incident.firstSeen.getTime()) {
    return true;
  }
  return distance(incident, time) <= windowMs;
}

/**
 * Returns the incident a signal belongs to, or null. Attack signals match by
 * their principal or by an access key of the incident's lineage. Containment
 * signals match by the principal they acted on (subjectKey) or the key they
 * disabled. A principal match wins over a key match, then the nearest incident.
 */
export function matchCorrelatedIncident(
  signal: CorrelationSignal,
  incidents: readonly CorrelationIncident[],
  windowMs: number,
): CorrelationIncident | null {
  const containment = signal.phase === "containment";
  let best: { incident: CorrelationIncident; rank: number; gap: number } | null = null;
  for (const incident of incidents) {
    const byPrincipal = incident.principalKey === (containment ? signal.subjectKey : signal.principalKey);
    const byKey = containment
      ? hasKey(incident, signal.relatedKeyId)
      : hasKey(incident, signal.accessKeyId) || hasKey(incident, signal.relatedKeyId);
    if ((!byPrincipal && !byKey) || !inWindow(incident, signal, windowMs)) {
      continue;
    }
    const rank = byPrincipal ? 0 : 1;
    const gap = distance(incident, signal.eventTime.getTime());
    if (best === null || rank < best.rank || (rank === best.rank && gap < best.gap)) {
      best = { incident, rank, gap };
    }
  }
  return best?.incident ?? null;
}
