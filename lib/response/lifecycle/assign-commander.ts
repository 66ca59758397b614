import { ApiError } from "@/lib/api/api-error";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { appendAuditEntry } from "@/lib/response/audit/append-audit-entry";

import { type Commander, findCommander } from "./find-commander";

export interface AssignCommanderOptions {
  incidentId: string;
  commanderId: string;
  actor: Actor;
}

// An incident gets its first commander through escalation; a closed one keeps its last.
const REASSIGNABLE = new Set(["confirmed", "contained", "resolved"]);

/** Hands an escalated incident to another incident commander, with its audit entry. */
export async function assignCommander(
  options: AssignCommanderOptions,
): Promise<{ incidentId: string; previousCommanderId: string | null; commander: Commander }> {
  const result = await db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ status: string; commander_id: string | null }>>`
      SELECT status, commander_id FROM incidents WHERE id = ${options.incidentId}::uuid FOR UPDATE`;
    if (!row) {
      throw new ApiError("not_found", `Incident ${options.incidentId} was not found.`);
    }
    if (!REASSIGNABLE.has(row.status)) {
      throw new ApiError("conflict", `The incident is ${row.status}; only an escalated, open incident changes commander.`, {
        details: { status: row.status },
      });
    }
    const commander = await findCommander(tx, options.commanderId);
    await tx.incident.update({ where: { id: options.incidentId }, data: { commanderId: commander.id } });
    await appendAuditEntry(tx, {
      actor: options.actor,
      action: "incident.commander_assigned",
      targetType: "incident",
      targetId: options.incidentId,
      incidentId: options.incidentId,
      details: { previousCommanderId: row.commander_id, commanderId: commander.id, commander: commander.email },
    });
    return { incidentId: options.incidentId, previousCommanderId: row.commander_id, commander };
  });
  logger.info({ incidentId: options.incidentId, commanderId: result.commander.id }, "incident commander assigned");
  return result;
}
