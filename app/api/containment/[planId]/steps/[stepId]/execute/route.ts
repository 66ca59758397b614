import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { executeContainmentStep } from "@/lib/response/containment/execute-containment-step";

export const dynamic = "force-dynamic";

export const POST = defineRoute(
  {
    name: "containment.execute_step",
    permission: "containment.execute",
    params: z.object({ planId: z.guid(), stepId: z.guid() }),
    body: z.object({
      mode: z.enum(["sdk", "manual"]),
      note: z.string().trim().max(4000).optional(),
    }),
  },
  async ({ params, body, actor }) =>
    executeContainmentStep({ planId: params.planId, stepId: params.stepId, actor, mode: body.mode, note: body.note }),
);
