import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";

import { PostmortemPage } from "@/components/postmortems/postmortem-page";
import { hasPermission } from "@/lib/auth/permissions";
import { loadPostmortemView } from "@/lib/reports/load-postmortem-view";
import { resolvePageActor } from "@/lib/reports/resolve-page-actor";

export const dynamic = "force-dynamic";

interface PostmortemRouteProps {
  params: Promise<{ id: string }>;
}

const loadView = cache((id: string) => loadPostmortemView(id));

export async function generateMetadata({ params }: PostmortemRouteProps): Promise<Metadata> {
  const view = await loadView((await params).id);
  return { title: view ? `Postmortem #${view.incident.number}` : "Incident not found" };
}

export default async function PostmortemRoute({ params }: PostmortemRouteProps) {
  const { id } = await params;
  const loadedAt = Date.now();
  const [view, actor] = await Promise.all([loadView(id), resolvePageActor()]);
  if (!view) {
    notFound();
  }
  const canEdit = actor !== null && hasPermission(actor.role, "postmortem.edit");
  return <PostmortemPage incidentId={id} initial={{ data: view, loadedAt }} canEdit={canEdit} />;
}
