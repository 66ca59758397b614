import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { approveContainmentPlan } from "@/lib/response/containment/approve-containment-plan";

export const dynamic = "force-dynamic";

export const POST = defineRoute(
  {
    name: "containment.approve",
    permission: "containment.approve",
    params: z.object({ planId: z.guid() }),
    body: z.object({ rationale: z.string().trim().min(1, "a rationale is required").max(4000) }),
  },
  async ({ params, body, actor }) => {
    await approveContainmentPlan({ planId: params.planId, actor, rationale: body.rationale });
    return { planId: params.planId, status: "approved" };
  },
);
