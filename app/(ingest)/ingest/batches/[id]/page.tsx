import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { BatchView } from "@/components/ingest/batch-view";
import { requirePermission } from "@/lib/auth/require-session";
import { getIngestBatch } from "@/lib/ingest/get-ingest-batch";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Ingest batch" };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("ingest.read");
  const { id } = await params;
  const loadedAt = Date.now();
  const batch = GUID.test(id) ? await getIngestBatch(id) : null;
  if (!batch) {
    notFound();
  }
  return <BatchView id={id} initial={{ data: batch, loadedAt }} />;
}
