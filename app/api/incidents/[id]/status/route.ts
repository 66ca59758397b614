import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { changeIncidentStatus } from "@/lib/response/lifecycle/change-incident-status";
import { escalateIncident } from "@/lib/response/lifecycle/escalate-incident";
import { INCIDENT_STATUSES } from "@/lib/response/lifecycle/incident-statuses";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.guid() });

const bodySchema = z.object({
  status: z.enum(INCIDENT_STATUSES),
  /** Required for `confirmed`, which escalates the incident to this commander. */
  commanderId: z.guid().optional(),
  note: z.string().trim().max(2000).optional(),
});

/** Moves the incident to the next status; 409 `conflict` lists the allowed ones when the move is invalid. */
export const POST = defineRoute(
  { name: "incidents.status", permission: "incident.triage", params: paramsSchema, body: bodySchema },
  async ({ params, body, actor }) => {
    if (body.status === "confirmed" && body.commanderId) {
      return escalateIncident({ incidentId: params.id, commanderId: body.commanderId, actor, note: body.note });
    }
    return changeIncidentStatus({ incidentId: params.id, status: body.status, actor, note: body.note });
  },
);
