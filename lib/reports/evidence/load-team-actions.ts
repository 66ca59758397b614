import { db } from "@/lib/db/client";

import type { TeamAction } from "./postmortem-evidence";

/** Team actions listed in a postmortem; an incident rarely has more. */
export const TEAM_ACTION_LIMIT = 500;

/**
 * Loads the audit entries of an incident, oldest first. Entries about the
 * postmortem itself are left out, because they happen after the response.
 */
export async function loadTeamActions(incidentId: string): Promise<TeamAction[]> {
  const rows = await db().auditEntry.findMany({
    where: { incidentId, NOT: { action: { startsWith: "postmortem." } } },
    orderBy: { seq: "asc" },
    take: TEAM_ACTION_LIMIT,
  });
  return rows.map((row) => ({
    at: row.at.toISOString(),
    actor: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    details: isRecord(row.details) ? row.details : {},
  }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
