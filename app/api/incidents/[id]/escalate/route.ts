import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { escalateIncident } from "@/lib/response/lifecycle/escalate-incident";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.guid() });
const bodySchema = z.object({ commanderId: z.guid(), note: z.string().trim().max(2000).optional() });

/**
 * Escalates a triaged incident to an incident commander. Analysts may escalate
 * (incident.triage): handing the incident to the commander on duty is part of
 * triage, while changing the commander afterwards needs incident.assign.
 */
export const POST = defineRoute(
  { name: "incidents.escalate", permission: "incident.triage", params: paramsSchema, body: bodySchema },
  async ({ params, body, actor }) =>
    escalateIncident({ incidentId: params.id, commanderId: body.commanderId, actor, note: body.note }),
);
