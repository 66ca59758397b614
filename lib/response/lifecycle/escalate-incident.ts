import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";

import { applyStatusChange, type StatusChange } from "./apply-status-change";
import { type Commander, findCommander } from "./find-commander";

export interface EscalateIncidentOptions {
  incidentId: string;
  commanderId: string;
  actor: Actor;
  note?: string;
}

/**
 * Escalates a triaged incident to an incident commander: sets the commander,
 * moves the incident to `confirmed` and records one audit entry, all in one
 * transaction.
 */
export async function escalateIncident(
  options: EscalateIncidentOptions,
): Promise<StatusChange & { commander: Commander }> {
  const result = await db().$transaction(async (tx) => {
    const commander = await findCommander(tx, options.commanderId);
    const change = await applyStatusChange(tx, {
      incidentId: options.incidentId,
      to: "confirmed",
      actor: options.actor,
      at: new Date(),
      data: { commander: { connect: { id: commander.id } } },
      auditAction: "incident.escalated",
      auditDetails: {
        commanderId: commander.id,
        commander: commander.email,
        ...(options.note ? { note: options.note } : {}),
      },
    });
    return { ...change, commander };
  });
  logger.info(
    { incidentId: options.incidentId, commanderId: result.commander.id, actor: options.actor.label },
    "incident escalated",
  );
  return result;
}
