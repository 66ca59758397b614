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
  /** Source addresses of its signals that were unfamiliar to the principal that used them. */
  addresses: Set<string>;
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
  /**
   * Source address of the signal when its principal had not used it before
   * the novelty window, else null. Administration from a principal's usual
   * place therefore never joins an attacker's incident by address.
   */
  unfamiliarAddress: string | null;
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
 * their principal, by an access key of the incident's lineage, or by an
 * unfamiliar source address the incident's signals also came from.
 * Containment signals match by the principal they acted on (subjectKey) or
 * the key they disabled. A principal match wins over a key match, a key
 * match over an address match, then the nearest incident wins.
 */
export function matchCorrelatedIncident(
  signal: CorrelationSignal,
  incidents: readonly CorrelationIncident[],
  windowMs: number,
): CorrelationIncident | null {
  let best: { incident: CorrelationIncident; rank: number; gap: number } | null = null;
  for (const incident of incidents) {
    const rank = matchRank(signal, incident);
    if (rank === null || !inWindow(incident, signal, windowMs)) {
      continue;
    }
    const gap = distance(incident, signal.eventTime.getTime());
    if (best === null || rank < best.rank || (rank === best.rank && gap < best.gap)) {
      best = { incident, rank, gap };
    }
  }
  return best?.incident ?? null;
}

/** 0 for a principal match, 1 for a key match, 2 for an address match, null for none. */
function matchRank(signal: CorrelationSignal, incident: CorrelationIncident): number | null {
  if (signal.phase === "containment") {
    if (incident.principalKey === signal.subjectKey) {
      return 0;
    }
    return hasKey(incident, signal.relatedKeyId) ? 1 : null;
  }
  if (incident.principalKey === signal.principalKey) {
    return 0;
  }
  if (hasKey(incident, signal.accessKeyId) || hasKey(incident, signal.relatedKeyId)) {
    return 1;
  }
  return signal.unfamiliarAddress !== null && incident.addresses.has(signal.unfamiliarAddress) ? 2 : null;
}
