import { MetricsDashboard } from "@/components/metrics/metrics-dashboard";
import { loadMetricsDashboard } from "@/lib/reports/load-metrics-dashboard";

export const dynamic = "force-dynamic";

export const metadata = { title: "Metrics" };

export default async function MetricsPage() {
  const loadedAt = Date.now();
  const data = await loadMetricsDashboard({ range: "30d" });
  return <MetricsDashboard initial={{ data, loadedAt }} />;
}
