import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { loadMetricsDashboard } from "@/lib/reports/load-metrics-dashboard";
import { METRIC_RANGES } from "@/lib/reports/metrics-range";

export const dynamic = "force-dynamic";

const querySchema = z.object({ range: z.enum(METRIC_RANGES).default("30d") });

export const GET = defineRoute(
  { name: "metrics.dashboard", permission: "metrics.read", query: querySchema },
  async ({ query }) => loadMetricsDashboard({ range: query.range }),
);
