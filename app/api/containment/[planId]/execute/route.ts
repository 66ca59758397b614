import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { executeContainmentPlan } from "@/lib/response/containment/execute-containment-plan";

export const dynamic = "force-dynamic";

/** Runs the plan's open steps through the AWS SDK in order, stopping at a failure or a console step. */
export const POST = defineRoute(
  { name: "containment.execute_plan", permission: "containment.execute", params: z.object({ planId: z.guid() }) },
  async ({ params, actor }) => executeContainmentPlan({ planId: params.planId, actor }),
);
