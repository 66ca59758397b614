import { z } from "zod";

import { ApiError } from "@/lib/api/api-error";
import { defineRoute } from "@/lib/api/define-route";
import { getContainment } from "@/lib/response/containment/get-containment";
import { proposeContainmentPlan } from "@/lib/response/containment/propose-containment-plan";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.guid() });

const proposeBodySchema = z.object({
  /** Generated steps to leave out of the proposal, each with the reason. */
  skip: z
    .array(z.object({ actionId: z.string().min(1).max(300), reason: z.string().trim().min(1).max(2000) }))
    .max(100)
    .default([]),
});

export const GET = defineRoute(
  { name: "containment.get", permission: "incident.read", params: paramsSchema },
  async ({ params, actor }) => {
    const view = await getContainment({ incidentId: params.id, actor });
    if (!view) {
      throw new ApiError("not_found", `Incident ${params.id} was not found.`);
    }
    return view;
  },
);

export const POST = defineRoute(
  { name: "containment.propose", permission: "containment.propose", params: paramsSchema, body: proposeBodySchema },
  async ({ params, body, actor, log }) => {
    const result = await proposeContainmentPlan({ incidentId: params.id, actor, skip: body.skip });
    log.info({ incidentId: params.id, planId: result.planId }, "containment plan proposed");
    return Response.json(result, { status: 201 });
  },
);
