/** Incident statuses after containment, as the incident lifecycle names them. */
const CONTAINED_STATUSES = new Set(["contained", "resolved", "closed"]);

export interface PostmortemEligibility {
  eligible: boolean;
  /** Reason a postmortem cannot be generated yet; null when it can. */
  reason: string | null;
}

/** Decides whether a postmortem can be drafted: once the incident is contained by status or by a recorded containment time. */
export function postmortemEligibility(incident: {
  status: string;
  containedAt: Date | string | null;
  resolvedAt: Date | string | null;
}): PostmortemEligibility {
  if (incident.containedAt !== null || incident.resolvedAt !== null || CONTAINED_STATUSES.has(incident.status)) {
    return { eligible: true, reason: null };
  }
  return {
    eligible: false,
    reason: `The incident is ${incident.status} and not contained; a postmortem can be drafted once it is contained or resolved.`,
  };
}
