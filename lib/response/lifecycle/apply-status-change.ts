import { ApiError } from "@/lib/api/api-error";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAuditEntry, type Transaction } from "@/lib/response/audit/append-audit-entry";

import { allowedNextStatuses, type IncidentStatus, STATUS_TIME_COLUMNS } from "./incident-statuses";

export interface StatusChange {
  incidentId: string;
  number: number;
  from: string;
  to: IncidentStatus;
  at: string;
}

export interface ApplyStatusChangeInput {
  incidentId: string;
  to: IncidentStatus;
  actor: Actor;
  /** When the status took effect. */
  at: Date;
  /** Statuses from which the change is allowed; the lifecycle's next statuses unless set. */
  allowedFrom?: (current: string) => boolean;
  /** Further columns to write, such as the commander at escalation. */
  data?: Prisma.IncidentUpdateInput;
  auditAction: string;
  auditDetails?: Record<string, unknown>;
}

interface LockedIncident {
  status: string;
  number: number;
  contained_at: Date | null;
}

/**
 * Moves an incident to another status inside the caller's transaction: locks
 * the row, checks the transition, writes the status and its time column, and
 * appends the audit entry. An invalid transition throws a `conflict` whose
 * details list the statuses allowed next.
 */
export async function applyStatusChange(tx: Transaction, input: ApplyStatusChangeInput): Promise<StatusChange> {
  // FOR UPDATE serialises two changes of one incident, so both cannot pass the check.
  const [locked] = await tx.$queryRaw<LockedIncident[]>`
    SELECT status, number, contained_at FROM incidents WHERE id = ${input.incidentId}::uuid FOR UPDATE`;
  if (!locked) {
    throw new ApiError("not_found", `Incident ${input.incidentId} was not found.`);
  }
  const allowed = allowedNextStatuses(locked.status);
  const permitted = input.allowedFrom ? input.allowedFrom(locked.status) : allowed.includes(input.to);
  if (!permitted) {
    throw new ApiError("conflict", conflictMessage(locked, input.to, allowed), {
      details: { status: locked.status, requested: input.to, allowed },
    });
  }
  await tx.incident.update({
    where: { id: input.incidentId },
    data: { ...input.data, status: input.to, statusChangedAt: input.at, ...timeColumn(input.to, input.at, locked) },
  });
  await appendAuditEntry(tx, {
    actor: input.actor,
    action: input.auditAction,
    targetType: "incident",
    targetId: input.incidentId,
    incidentId: input.incidentId,
    details: { from: locked.status, to: input.to, ...input.auditDetails },
  });
  return { incidentId: input.incidentId, number: locked.number, from: locked.status, to: input.to, at: input.at.toISOString() };
}

function conflictMessage(locked: LockedIncident, to: IncidentStatus, allowed: IncidentStatus[]): string {
  const next = allowed.length === 0 ? "it cannot change any more" : `it can move to ${allowed.join(" or ")}`;
  return `Incident #${locked.number} is ${locked.status}, so it cannot move to ${to}; ${next}.`;
}

/**
 * The column that records when the incident entered `to`. A containment time
 * already read from the logs (bob's DetachUserPolicy, say) is kept, because
 * it is when containment really happened.
 */
function timeColumn(to: IncidentStatus, at: Date, locked: LockedIncident): Prisma.IncidentUpdateInput {
  if (to === "new") {
    return {};
  }
  const column = STATUS_TIME_COLUMNS[to];
  if (column === "containedAt" && locked.contained_at !== null) {
    return {};
  }
  return { [column]: at };
}
