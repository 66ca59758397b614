import { db } from "@/lib/db/client";

import type { AccessAdvisorEvidence } from "./postmortem-evidence";

/** Loads the Access Advisor report lines of the incident's principal, most recently used service first. */
export async function loadAccessAdvisorEvidence(principalArn: string | null): Promise<AccessAdvisorEvidence> {
  if (!principalArn) {
    return { principalArn, reportedAt: null, services: [] };
  }
  const rows = await db().serviceLastAccessed.findMany({
    where: { principalArn },
    orderBy: [{ lastAuthenticated: { sort: "desc", nulls: "last" } }, { serviceNamespace: "asc" }],
  });
  const reportedAt = rows.reduce<Date | null>(
    (latest, row) => (latest === null || row.reportedAt > latest ? row.reportedAt : latest),
    null,
  );
  return {
    principalArn,
    reportedAt: reportedAt?.toISOString() ?? null,
    services: rows.map((row) => ({
      serviceNamespace: row.serviceNamespace,
      serviceName: row.serviceName,
      lastAuthenticated: row.lastAuthenticated?.toISOString() ?? null,
      neverUsed: row.neverUsed,
    })),
  };
}
