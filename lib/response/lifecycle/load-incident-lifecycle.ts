import { db } from "@/lib/db/client";

import type { Commander } from "./find-commander";
import { allowedNextStatuses, type IncidentStatus, STATUS_TIME_COLUMNS } from "./incident-statuses";

/** An audit entry about an incident, shown on its timeline beside the log events. */
export interface TimelineAction {
  kind: "action";
  /** audit_entries.seq, as text because it is a bigint. */
  seq: string;
  at: string;
  actor: string;
  /** Dotted verb, for example `incident.escalated` or `checklist.answered`. */
  action: string;
  details: Record<string, unknown>;
}

/** When the incident entered one status, and who moved it there. */
export interface LifecycleStep {
  status: IncidentStatus;
  at: string | null;
  /** Null for a step not reached, or for a containment time read from the logs. */
  actor: string | null;
}

export interface IncidentLifecycle {
  status: string;
  allowedNext: IncidentStatus[];
  statusChangedAt: string | null;
  commander: Commander | null;
  steps: LifecycleStep[];
}

const STEP_STATUSES = Object.keys(STATUS_TIME_COLUMNS) as Array<keyof typeof STATUS_TIME_COLUMNS>;

/**
 * Reads an incident's lifecycle (status, commander, each step's time and
 * actor) and its audit entries as timeline actions, oldest first. Returns
 * null when no incident has this id.
 */
export async function loadIncidentLifecycle(
  incidentId: string,
): Promise<{ lifecycle: IncidentLifecycle; actions: TimelineAction[] } | null> {
  const [incident, entries] = await Promise.all([
    db().incident.findUnique({
      where: { id: incidentId },
      include: { commander: { select: { id: true, email: true, name: true } } },
    }),
    db().auditEntry.findMany({ where: { incidentId }, orderBy: { seq: "asc" } }),
  ]);
  if (!incident) {
    return null;
  }
  const actions: TimelineAction[] = entries.map((entry) => ({
    kind: "action",
    seq: entry.seq.toString(),
    at: entry.at.toISOString(),
    actor: entry.actorLabel,
    action: entry.action,
    details: (entry.details ?? {}) as Record<string, unknown>,
  }));
  const steps = STEP_STATUSES.map((status): LifecycleStep => {
    const at = incident[STATUS_TIME_COLUMNS[status]];
    const entry = actions.findLast((action) => action.details.to === status);
    return { status, at: at?.toISOString() ?? null, actor: at ? (entry?.actor ?? null) : null };
  });
  return {
    lifecycle: {
      status: incident.status,
      allowedNext: allowedNextStatuses(incident.status),
      statusChangedAt: incident.statusChangedAt?.toISOString() ?? null,
      commander: incident.commander,
      steps,
    },
    actions,
  };
}
