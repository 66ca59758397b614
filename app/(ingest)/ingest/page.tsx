import { IngestPage } from "@/components/ingest/ingest-page";
import { listIngestBatches } from "@/lib/ingest/list-ingest-batches";

export const dynamic = "force-dynamic";

export const metadata = { title: "Ingest" };

export default async function Page() {
  const loadedAt = Date.now();
  const batches = await listIngestBatches();
  return <IngestPage initial={{ data: batches, loadedAt }} />;
}
