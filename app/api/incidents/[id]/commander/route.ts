import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { assignCommander } from "@/lib/response/lifecycle/assign-commander";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.guid() });
const bodySchema = z.object({ commanderId: z.guid() });

/** Hands an escalated incident to another incident commander. */
export const POST = defineRoute(
  { name: "incidents.commander", permission: "incident.assign", params: paramsSchema, body: bodySchema },
  async ({ params, body, actor }) => assignCommander({ incidentId: params.id, commanderId: body.commanderId, actor }),
);
