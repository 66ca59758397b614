import { IngestPage } from "@/components/ingest/ingest-page";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require-session";
import { listIngestBatches } from "@/lib/ingest/list-ingest-batches";

export const dynamic = "force-dynamic";

export const metadata = { title: "Ingest" };

export default async function Page() {
  const user = await requirePermission("ingest.read");
  const loadedAt = Date.now();
  const batches = await listIngestBatches();
  return <IngestPage initial={{ data: batches, loadedAt }} canUpload={hasPermission(user.role, "ingest.write")} role={user.role} />;
}
