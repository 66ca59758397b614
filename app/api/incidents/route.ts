import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { listIncidents } from "@/lib/incidents/list-incidents";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  /** `all=1` includes incidents whose score stayed below the alert threshold. */
  all: z.stringbool().optional(),
});

export const GET = defineRoute({ name: "incidents.list", permission: "incident.read", query: querySchema }, async ({ query }) =>
  listIncidents({ includeBelowThreshold: query.all ?? false }),
);
