import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";

import { IncidentView } from "@/components/incidents/incident-view";
import { requirePermission } from "@/lib/auth/require-session";
import { getIncident } from "@/lib/incidents/get-incident";
import { isGuid } from "@/lib/reports/get-postmortem-version";
import { resolveIncidentReference } from "@/lib/reports/resolve-incident-reference";

export const dynamic = "force-dynamic";

interface IncidentPageProps {
  params: Promise<{ id: string }>;
}

// One read per request, shared by the page and its metadata. The title is
// incident data too, so the metadata waits for the same permission check.
const loadIncident = cache(async (id: string) => {
  await requirePermission("incident.read");
  return getIncident(id);
});

export async function generateMetadata({ params }: IncidentPageProps): Promise<Metadata> {
  const incident = await loadIncident((await params).id);
  return { title: incident ? `#${incident.number} ${incident.title}` : "Incident not found" };
}

export default async function IncidentPage({ params }: IncidentPageProps) {
  const { id } = await params;
  // `/incidents/3` (the number the list shows) leads to the incident's own address.
  if (!isGuid(id)) {
    await requirePermission("incident.read");
    const resolved = await resolveIncidentReference(decodeURIComponent(id));
    if (resolved === null) {
      notFound();
    }
    redirect(`/incidents/${resolved}`);
  }
  const loadedAt = Date.now();
  const incident = await loadIncident(id);
  if (!incident) {
    notFound();
  }
  return <IncidentView id={id} initial={{ data: incident, loadedAt }} />;
}
