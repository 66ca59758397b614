import { db } from "@/lib/db/client";

import { computeIncidentMetrics } from "./compute-incident-metrics";
import { getPostmortem } from "./get-postmortem";
import { isGuid } from "./get-postmortem-version";
import type { IncidentMetrics } from "./incident-metrics";
import { postmortemEligibility, type PostmortemEligibility } from "./postmortem-eligibility";
import type { PostmortemDetail } from "./postmortem-types";

/** Data of the postmortem page: the incident, whether a draft can be made, the postmortem and the metrics. */
export interface PostmortemView {
  incident: {
    id: string;
    number: number;
    title: string;
    severity: string;
    status: string;
    containedAt: string | null;
  };
  eligibility: PostmortemEligibility;
  postmortem: PostmortemDetail | null;
  metrics: IncidentMetrics | null;
}

/** Loads the postmortem page of an incident, or null when no incident has this id. */
export async function loadPostmortemView(incidentId: string): Promise<PostmortemView | null> {
  if (!isGuid(incidentId)) {
    return null;
  }
  const incident = await db().incident.findUnique({ where: { id: incidentId } });
  if (!incident) {
    return null;
  }
  const [postmortem, [metrics]] = await Promise.all([
    getPostmortem(incidentId),
    computeIncidentMetrics({ incidentIds: [incidentId] }),
  ]);
  return {
    incident: {
      id: incident.id,
      number: incident.number,
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      containedAt: incident.containedAt?.toISOString() ?? null,
    },
    eligibility: postmortemEligibility(incident),
    postmortem,
    metrics: metrics ?? null,
  };
}
