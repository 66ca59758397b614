import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { getIncidentChecklists } from "@/lib/response/checklists/get-incident-checklists";

export const dynamic = "force-dynamic";

/** The incident's three decision checklists with evidence, suggestions, answers and conclusions. */
export const GET = defineRoute(
  { name: "checklists.get", permission: "incident.read", params: z.object({ id: z.guid() }) },
  async ({ params }) => getIncidentChecklists({ incidentId: params.id }),
);
