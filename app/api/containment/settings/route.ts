import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { readContainmentSettings, updateContainmentSettings } from "@/lib/response/containment/containment-settings";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ name: "containment.settings.get", permission: "incident.read" }, async () =>
  readContainmentSettings(),
);

export const PUT = defineRoute(
  {
    name: "containment.settings.update",
    permission: "settings.write",
    body: z.object({ requireDistinctApprover: z.boolean() }),
  },
  async ({ body, actor }) => updateContainmentSettings({ actor, requireDistinctApprover: body.requireDistinctApprover }),
);
