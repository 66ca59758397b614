import { z } from "zod";

import { ApiError } from "@/lib/api/api-error";
import { defineRoute } from "@/lib/api/define-route";
import { getIncident } from "@/lib/incidents/get-incident";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.guid() });

export const GET = defineRoute({ name: "incidents.get", permission: "incident.read", params: paramsSchema }, async ({ params }) => {
  const incident = await getIncident(params.id);
  if (!incident) {
    throw new ApiError("not_found", `Incident ${params.id} was not found.`);
  }
  return incident;
});
