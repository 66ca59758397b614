import { db } from "@/lib/db/client";
import type { SignalRecord } from "@/lib/incidents/list-incidents";

import type { IncidentScope } from "./incident-scope";
import type { FindingEvidence } from "./postmortem-evidence";

/**
 * Loads the GuardDuty findings of the incident: those its signals were
 * raised on, and others about its principals or access keys whose activity
 * overlaps the window.
 */
export async function loadFindingEvidence(scope: IncidentScope, signals: SignalRecord[]): Promise<FindingEvidence[]> {
  const signalled = signals.filter((signal) => signal.source === "guardduty").map((signal) => signal.naturalId);
  const rows = await db().finding.findMany({
    where: {
      OR: [
        { id: { in: signalled } },
        {
          AND: [
            { OR: [{ principalKey: { in: scope.principalKeys } }, { accessKeyId: { in: scope.accessKeyIds } }] },
            { createdAt: { lte: scope.windowEnd } },
            { OR: [{ eventLastSeen: { gte: scope.windowStart } }, { updatedAt: { gte: scope.windowStart } }] },
          ],
        },
      ],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 50,
  });
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    title: row.title,
    severityLabel: row.severityLabel,
    count: row.count,
    createdAt: row.createdAt.toISOString(),
    eventFirstSeen: row.eventFirstSeen?.toISOString() ?? null,
    eventLastSeen: row.eventLastSeen?.toISOString() ?? null,
    remoteIps: row.remoteIps,
  }));
}
