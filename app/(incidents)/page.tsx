import { IncidentList } from "@/components/incidents/incident-list";
import { requirePermission } from "@/lib/auth/require-session";
import { listIncidents } from "@/lib/incidents/list-incidents";

export const dynamic = "force-dynamic";

export const metadata = { title: "Incidents" };

interface IncidentsPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function IncidentsPage({ searchParams }: IncidentsPageProps) {
  await requirePermission("incident.read");
  const { all } = await searchParams;
  const includeBelowThreshold = all === "1" || all === "true";
  const loadedAt = Date.now();
  const incidents = await listIncidents({ includeBelowThreshold });
  return <IncidentList includeBelowThreshold={includeBelowThreshold} initial={{ data: incidents, loadedAt }} />;
}
