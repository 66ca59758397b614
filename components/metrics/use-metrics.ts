import { useQuery } from "@tanstack/react-query";

import { fetchJson } from "@/components/api/fetch-json";
import type { InitialData } from "@/components/incidents/use-incidents";
import type { loadMetricsDashboard } from "@/lib/reports/load-metrics-dashboard";
import type { MetricRange } from "@/lib/reports/metrics-range";

export type MetricsDashboardData = Awaited<ReturnType<typeof loadMetricsDashboard>>;

/** How often the dashboard refreshes; the figures change only as logs arrive. */
const REFETCH_INTERVAL_MS = 30_000;

export function useMetricsDashboard(range: MetricRange, initial?: InitialData<MetricsDashboardData>) {
  return useQuery({
    queryKey: ["metrics", range],
    queryFn: ({ signal }) => fetchJson<MetricsDashboardData>(`/api/metrics?range=${range}`, signal),
    initialData: initial?.data.range.range === range ? initial.data : undefined,
    initialDataUpdatedAt: initial?.loadedAt,
    refetchInterval: REFETCH_INTERVAL_MS,
  });
}
