/**
 * The incident lifecycle. An analyst triages a new incident; escalation to an
 * incident commander confirms it; containment, resolution and closing follow.
 * A triaged incident that turns out not to be a compromise may be closed
 * directly.
 */
export const INCIDENT_STATUSES = ["new", "triage", "confirmed", "contained", "resolved", "closed"] as const;

export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

const NEXT_STATUSES: Record<IncidentStatus, readonly IncidentStatus[]> = {
  new: ["triage"],
  triage: ["confirmed", "closed"],
  confirmed: ["contained"],
  contained: ["resolved"],
  resolved: ["closed"],
  closed: [],
};

/** Incident columns that record when the incident entered a status. */
export const STATUS_TIME_COLUMNS = {
  triage: "triagedAt",
  confirmed: "escalatedAt",
  contained: "containedAt",
  resolved: "resolvedAt",
  closed: "closedAt",
} as const satisfies Partial<Record<IncidentStatus, string>>;

export function isIncidentStatus(value: string): value is IncidentStatus {
  return (INCIDENT_STATUSES as readonly string[]).includes(value);
}

/**
 * Returns the statuses an incident may move to next. A status written by
 * an older version of Watchfloor, or by hand, is treated like `new`.
 */
export function allowedNextStatuses(current: string): IncidentStatus[] {
  return [...(isIncidentStatus(current) ? NEXT_STATUSES[current] : NEXT_STATUSES.new)];
}
