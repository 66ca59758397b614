import { ApiError } from "@/lib/api/api-error";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import type { Transaction } from "@/lib/response/audit/append-audit-entry";

import { applyStatusChange, type StatusChange } from "./apply-status-change";
import type { IncidentStatus } from "./incident-statuses";

export interface ChangeIncidentStatusOptions {
  incidentId: string;
  status: IncidentStatus;
  actor: Actor;
  /** Why the status changed, kept in the audit entry. */
  note?: string;
}

/**
 * Moves an incident one step along the lifecycle, with its audit entry in the
 * same transaction. `confirmed` needs an incident commander, so it goes
 * through escalateIncident instead.
 */
export async function changeIncidentStatus(options: ChangeIncidentStatusOptions): Promise<StatusChange> {
  if (options.status === "confirmed") {
    throw new ApiError(
      "validation_failed",
      "Confirming an incident escalates it: name the incident commander in commanderId.",
      { field: "body.commanderId" },
    );
  }
  const change = await db().$transaction((tx) =>
    applyStatusChange(tx, {
      incidentId: options.incidentId,
      to: options.status,
      actor: options.actor,
      at: new Date(),
      auditAction: "incident.status_changed",
      auditDetails: options.note ? { note: options.note } : {},
    }),
  );
  logger.info({ incidentId: options.incidentId, from: change.from, to: change.to, actor: options.actor.label }, "incident status changed");
  return change;
}

// Containment completes from any status before `contained`: the principal is
// contained whether or not the incident was escalated in Watchfloor first.
const BEFORE_CONTAINED = new Set(["new", "triage", "confirmed"]);

/**
 * Marks an incident contained inside the caller's transaction, for the
 * containment flow once its steps have run. Returns null, changing nothing,
 * when the incident is already contained, resolved or closed.
 */
export async function markIncidentContained(
  tx: Transaction,
  input: { incidentId: string; actor: Actor; at?: Date; planId?: string },
): Promise<StatusChange | null> {
  const [row] = await tx.$queryRaw<Array<{ status: string }>>`
    SELECT status FROM incidents WHERE id = ${input.incidentId}::uuid FOR UPDATE`;
  if (row && !BEFORE_CONTAINED.has(row.status)) {
    return null;
  }
  return applyStatusChange(tx, {
    incidentId: input.incidentId,
    to: "contained",
    actor: input.actor,
    at: input.at ?? new Date(),
    allowedFrom: (current) => BEFORE_CONTAINED.has(current),
    auditAction: "incident.status_changed",
    auditDetails: input.planId ? { containmentPlanId: input.planId } : {},
  });
}
