import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { skipContainmentStep } from "@/lib/response/containment/skip-containment-step";

export const dynamic = "force-dynamic";

export const POST = defineRoute(
  {
    name: "containment.skip_step",
    permission: "containment.execute",
    params: z.object({ planId: z.guid(), stepId: z.guid() }),
    body: z.object({ reason: z.string().trim().min(1, "a reason is required").max(4000) }),
  },
  async ({ params, body, actor }) =>
    skipContainmentStep({ planId: params.planId, stepId: params.stepId, actor, reason: body.reason }),
);
