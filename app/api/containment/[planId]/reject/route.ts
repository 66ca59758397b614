import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { rejectContainmentPlan } from "@/lib/response/containment/reject-containment-plan";

export const dynamic = "force-dynamic";

// Rejecting is part of signing off, so it needs the same permission as approving.
export const POST = defineRoute(
  {
    name: "containment.reject",
    permission: "containment.approve",
    params: z.object({ planId: z.guid() }),
    body: z.object({ reason: z.string().trim().min(1, "a reason is required").max(4000) }),
  },
  async ({ params, body, actor }) => {
    await rejectContainmentPlan({ planId: params.planId, actor, reason: body.reason });
    return { planId: params.planId, status: "rejected" };
  },
);
